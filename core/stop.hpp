#pragma once
// StopFlag: how the window (or a test) stops a run from another thread.
//
// Every blocking wait in the runtime waits at most kStopPollNs at a time and
// then looks at the flag, so a stop reaches a thread within that bound
// whatever it waits for (sleep, GIL, lock, join) without a registry of
// condition variables. CPU work checks the flag at every step.
#include "clock.hpp"

#include <atomic>
#include <string>
#include <thread>

namespace threadlab {

inline constexpr int64_t kStopPollNs = 10'000'000; // 10 ms: well inside the 20 ms promise

class StopFlag {
public:
    void RequestStop() { m_stop.store(true, std::memory_order_relaxed); }
    bool StopRequested() const { return m_stop.load(std::memory_order_relaxed); }
    void Reset() { m_stop.store(false, std::memory_order_relaxed); }
    // The flag itself, for code that polls it at every step.
    const std::atomic<bool>& Flag() const { return m_stop; }

    // Sleeps until `deadline_ns` (NowNs clock); returns false if stopped first.
    bool SleepUntil(int64_t deadline_ns) const
    {
        for (;;) {
            if (StopRequested())
                return false;
            const int64_t now = NowNs();
            if (now >= deadline_ns)
                return true;
            const int64_t wake = deadline_ns - now > kStopPollNs ? now + kStopPollNs : deadline_ns;
            std::this_thread::sleep_until(std::chrono::steady_clock::time_point(std::chrono::nanoseconds(wake)));
        }
    }

private:
    std::atomic<bool> m_stop{false};
};

// Thrown through a scenario when its run is stopped. Deliberately not a
// std::exception, so scenario code that catches those cannot swallow it.
struct RunStopped {};

// The OS refused a thread (Thread::StartWithoutWaiting): the program's
// error to handle, not the run's.
struct ThreadRefused {
    std::string reason;
};

// Thrown to a run's main thread when every thread waits for ever
// (wait_census.hpp): it unwinds the main thread's program so that what
// follows it (a lesson's metrics) can still look at the program's state,
// while the other threads stay where they wait until the run ends them.
struct RunDeadlocked {};

} // namespace threadlab
