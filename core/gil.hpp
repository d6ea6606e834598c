#pragma once
// The emulated global interpreter lock, a real lock between real threads.
//
// Notes about the implementation (after CPython's Python/ceval_gil.c)
// - State, all under m_mutex: whether it is held and by whom, who held it
//   last, a switch counter that grows whenever the holder changes, and the
//   drop request.
// - Take: if free, take it. Otherwise wait on m_cond for one switch interval.
//   If the interval passes with no notification and no switch, set the drop
//   request and wait again; if woken but beaten to it, wait again without one.
// - The holder looks at the drop request only at switch points (runtime.cpp
//   decides where those are per interpreter model). There it drops the GIL,
//   which wakes one waiter, and — forced switching — blocks on m_switched
//   until another thread has really taken it, so it cannot win it straight back.
// - The drop request is an atomic so the holder's check at every step is one
//   relaxed load; everything else about it changes under m_mutex.
// - Who waits on what: GIL waiters on m_cond; a forced dropper on m_switched.
//   Both waits poll the run's StopFlag and throw RunStopped.
// - The GIL records nothing itself; Take reports the holder a waiter queued
//   behind and the previous holder, and the calling Thread writes its lane.
// - It tells the lesson clock when it is taken, given up and waited for:
//   while it is free with a thread on its way to it, the clock knows the
//   time is the OS's hand-off, not the lesson's.
#include "lesson_clock.hpp"
#include "stop.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <vector>

namespace threadlab {

class Gil {
public:
    // `clock`: the lesson clock to tell of hand-offs (null: none).
    Gil(int64_t interval_ns, const StopFlag& stop, LessonClock* clock = nullptr);

    struct Taken {
        int32_t previous_holder; // last thread that held it before us (-1: none)
        bool waited;             // false if it was free at once
    };
    // Blocks until `lane` holds the GIL. If it is busy, `on_wait(holder)` is
    // called once, under the GIL's mutex, before waiting.
    template <class OnWait>
    Taken Take(int32_t lane, OnWait&& on_wait);

    // Gives the GIL up. If a drop request is pending, waits until another
    // thread has taken it (forced switching). Returns who took it (-1: nobody
    // was waiting).
    int32_t Drop(int32_t lane);

    bool DropRequested() const { return m_drop_request.load(std::memory_order_relaxed); }
    // The drop request itself, for a holder that polls it at every step.
    const std::atomic<bool>& DropRequestFlag() const { return m_drop_request; }
    // sys.setswitchinterval(): takes effect at the next wait.
    void SetInterval(int64_t interval_ns) { m_interval_ns.store(interval_ns, std::memory_order_relaxed); }
    int64_t Interval() const { return m_interval_ns.load(std::memory_order_relaxed); }

    // Figures for tests and benchmarks.
    uint64_t Switches() const;
    std::vector<int64_t> HandoffLatenciesNs() const; // drop request → new holder running

private:
    void WaitForGil(std::unique_lock<std::mutex>& lock);
    Taken Acquire(int32_t lane);

    std::atomic<int64_t> m_interval_ns;
    const StopFlag& m_stop;
    LessonClock* const m_clock;

    mutable std::mutex m_mutex;
    std::condition_variable m_cond;
    std::condition_variable m_switched;
    bool m_locked = false;
    int32_t m_holder = -1;
    int32_t m_last_holder = -1;
    uint64_t m_switch_number = 0;
    int64_t m_request_ns = 0;
    std::vector<int64_t> m_handoff_ns;
    std::atomic<bool> m_drop_request{false};
};

template <class OnWait>
Gil::Taken Gil::Take(int32_t lane, OnWait&& on_wait)
{
    std::unique_lock lock(m_mutex);
    bool waited = false;
    if (m_locked) {
        on_wait(m_holder);
        waited = true;
        if (m_clock != nullptr)
            m_clock->GilWaiting(+1);
        try {
            WaitForGil(lock);
        } catch (...) {
            if (m_clock != nullptr)
                m_clock->GilWaiting(-1);
            throw;
        }
    }
    if (m_clock != nullptr)
        m_clock->GilTaken(waited);
    Taken taken = Acquire(lane);
    taken.waited = waited;
    return taken;
}

} // namespace threadlab
