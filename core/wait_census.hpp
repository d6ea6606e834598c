#pragma once
// Deadlock detection for live runs: who is in a wait that only another
// thread can end.
//
// Design notes
// - Every thread that has begun and not ended is either able to go on
//   (running, sleeping, waiting for the GIL, in a wait with a timeout) or
//   in a wait for ever (an acquire or a join without timeout). When none
//   can go on, nothing is left that could end any of the waits.
// - A release or a thread's end changes what the waiters wait for, but a
//   woken waiter takes a while to notice. So the census counts changes
//   (a generation), and a deadlock is only declared once every waiter has
//   looked at its condition again, found it false, after the last change.
//   A change is counted under the mutex of the object that changed, and a
//   waiter looks under that same mutex: a waiter that saw the current
//   generation saw the state it describes.
// - Lock order: an object's mutex, then the census's; the census takes no
//   other.
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace threadlab {

struct ThreadRecord;

class WaitCensus {
public:
    void ThreadBegan();
    void ThreadEnded(); // counts as a change: its joiners may go on
    void Changed();

    void BeginWait(const ThreadRecord& waiter);
    void EndWait(const ThreadRecord& waiter);
    // A waiter found its condition false; `what` says what it waits for
    // ("waits for a lock held by bob"). True once the run is deadlocked.
    bool StillBlocked(const ThreadRecord& waiter, std::string what);

    bool Deadlocked() const;
    // How long ago (real ns) the last thread began its wait for ever, once deadlocked; else 0.
    int64_t StuckForNs() const;
    // "every thread is blocked with nothing left to wake it: MainThread joins alice; …"
    std::string Description() const;

private:
    struct Waiter {
        const ThreadRecord* record;
        uint64_t seen = UINT64_MAX; // the generation it last looked at
        std::string what;
    };

    mutable std::mutex m_mutex;
    int m_going_on = 0;
    uint64_t m_generation = 0;
    int64_t m_changed_ns = 0; // NowNs() of the last change
    std::vector<Waiter> m_waiting;
    bool m_deadlocked = false;
    std::string m_description;
};

// A wait that may be for ever, as the census sees it: counted while this
// lives when `forever` (a wait with a timeout always ends by itself).
class ForeverWait {
public:
    ForeverWait(WaitCensus& census, const ThreadRecord& waiter, bool forever);
    ~ForeverWait();
    ForeverWait(const ForeverWait&) = delete;
    ForeverWait& operator=(const ForeverWait&) = delete;

    // The waiter found its condition false. True when the run is deadlocked
    // and the waiter is the main thread, which then unwinds (RunDeadlocked);
    // the others wait on until the run ends them.
    template <class What>
    bool MainMustUnwind(What&& what)
    {
        if (!m_forever)
            return false;
        m_unwind = m_census.StillBlocked(m_waiter, what()) && m_main;
        return m_unwind;
    }
    bool Unwinding() const { return m_unwind; }

private:
    WaitCensus& m_census;
    const ThreadRecord& m_waiter;
    const bool m_forever;
    const bool m_main;
    bool m_unwind = false;
};

} // namespace threadlab
