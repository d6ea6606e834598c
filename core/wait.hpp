#pragma once
// Stop-aware blocking on a condition variable; every wait in the runtime goes
// through here (see stop.hpp for why waits poll).
#include "stop.hpp"

#include <condition_variable>
#include <mutex>

namespace threadlab {

enum class WaitResult { Ready, TimedOut };

// Waits until `ready()` or `deadline_ns` (NowNs clock; INT64_MAX = forever).
// Throws RunStopped if the run is stopped first. `lock` must hold the mutex.
template <class Ready>
WaitResult WaitUntil(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, const StopFlag& stop,
                     int64_t deadline_ns, Ready&& ready)
{
    for (;;) {
        if (ready())
            return WaitResult::Ready;
        if (stop.StopRequested())
            throw RunStopped{};
        const int64_t now = NowNs();
        if (now >= deadline_ns)
            return WaitResult::TimedOut;
        const int64_t wake = deadline_ns - now > kStopPollNs ? now + kStopPollNs : deadline_ns;
        cv.wait_until(lock, std::chrono::steady_clock::time_point(std::chrono::nanoseconds(wake)));
    }
}

} // namespace threadlab
