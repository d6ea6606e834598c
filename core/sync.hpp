#pragma once
// Instrumented threading primitives with Python's semantics.
//
// Design notes
// - Lock is threading.Lock: not reentrant and not owned (any thread may
//   release it; releasing an unlocked lock raises RuntimeError). It wraps a
//   real mutex + condition variable, so a waiter really blocks.
// - Acquire first tries without blocking and keeps the GIL if that works;
//   only a lock that is already held makes the thread release the GIL, block,
//   and win the GIL back afterwards — the convoy effect comes from here.
// - Wake-up order among waiters is the OS's (notify_one + re-check), and a
//   releasing thread may take the lock straight back, as with CPython.
// - Trace: uncontended acquire/release only switch the lane between running
//   and holding a lock; a hand-off (a release with waiters, an acquire after
//   waiting) also records a mark with a global sequence number so the window
//   can draw release → acquire links.
// - Lock is BasicLockable (lock/unlock use Thread::Current()), so
//   std::scoped_lock reads like Python's `with lock:`.
// - Primitives need no Runtime: a scenario declares them outside its main
//   function so they outlive every thread that uses them (runtime.hpp).
#include "runtime.hpp"

#include <condition_variable>
#include <mutex>
#include <type_traits>

namespace threadlab {

// The label of a blocked acquire's wait, or what makes it, told whether the
// wait is for a signal (the lock is the waiter's own): made only when the
// acquire really waits, since finding the program's call costs more than an
// uncontended acquire.
class WaitLabel {
public:
    WaitLabel(uint16_t label = 0) : m_label(label) {}
    template <class Make>
        requires std::is_invocable_r_v<uint16_t, Make&, bool>
    WaitLabel(Make& make)
        : m_context(&make), m_make([](void* c, bool signal) { return uint16_t((*static_cast<Make*>(c))(signal)); })
    {
    }
    uint16_t Get(bool signal) const { return m_make != nullptr ? m_make(m_context, signal) : m_label; }

private:
    uint16_t m_label = 0;
    void* m_context = nullptr;
    uint16_t (*m_make)(void*, bool) = nullptr;
};

class Lock {
public:
    Lock();

    // lock.acquire(timeout=…); timeout < 0 blocks. False if it timed out.
    // A call: every GIL model may switch right after it returns.
    bool Acquire(Thread& self, double timeout = -1);
    // lock.release(); throws PythonError if the lock is not held.
    void Release(Thread& self);
    bool Locked() const;
    uint32_t Id() const { return m_id; }

    // `with lock:` enters without a call, so only 3.9 (which checks at the
    // body's first instruction) may switch while the lock is held; on 3.10+
    // the first switch point is after __exit__ has released it. A scenario
    // calls SwitchPoint() after the block for that one.
    void lock();
    void unlock() noexcept;

    // Contention figures.
    int64_t ContendedCount() const;
    double WaitSeconds(double time_scale) const; // in lesson seconds

    // For an interpreter that does its own switch points: acquire / release
    // without one. `label` names the wait on the timeline (the program's
    // call); a lock that is not `visible` (a library's internal lock) does
    // not paint its holder's lane as holding a lock.
    bool AcquireWithSwitch(Thread& self, double timeout, bool switch_after, WaitLabel label = {});
    void ReleaseWithoutSwitch(Thread& self);
    void SetVisible(bool visible) { m_visible = visible; }

private:
    template <class Step>
    void ReleaseIfThrows(Thread& self, Step&& step);

    const uint32_t m_id;
    mutable std::mutex m_mutex;
    std::condition_variable m_released;
    bool m_locked = false;
    int32_t m_holder = kNoLane;
    ThreadRecord* m_holder_record = nullptr; // who acquired it, to count its held locks
    int m_waiters = 0;
    // Released to a waiter that has not taken it yet: the lesson clock counts
    // that waiter as on its way to the GIL (null when not, or no GIL).
    LessonClock* m_handing_to_waiter = nullptr;
    void HandOffEnded(); // under m_mutex: the lock was taken, or nobody waits any more
    bool m_visible = true;
    int64_t m_contended = 0;
    int64_t m_wait_ns = 0;
};

// threading.Event.
class Event {
public:
    Event();
    void Set(Thread& self);
    void Clear(Thread& self);
    bool IsSet() const;
    bool Wait(Thread& self, double timeout = -1);

private:
    const uint32_t m_id;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_set = false;
};

// threading.Semaphore (and BoundedSemaphore with `bound` > 0).
class Semaphore {
public:
    explicit Semaphore(int64_t value, int64_t bound = 0);
    bool Acquire(Thread& self, double timeout = -1);
    void Release(Thread& self, int64_t n = 1);
    int64_t Value() const;

private:
    const uint32_t m_id;
    const int64_t m_bound;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    int64_t m_value;
};

} // namespace threadlab
