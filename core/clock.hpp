#pragma once
// One monotonic clock for the whole engine: every recorded time and every
// deadline comes from here, so spans from different threads line up.
#include <chrono>
#include <cstdint>

namespace threadlab {

inline int64_t NowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

inline constexpr int64_t kNsPerSecond = 1'000'000'000;

// The recorder's timestamps, on the same scale as NowNs but cheaper: the
// CPU's constant-rate time-stamp counter, calibrated once at start-up (about
// 11 ns a read here against 26 ns for steady_clock); NowNs where there is no
// such counter. Deadlines keep using NowNs.
int64_t TraceNowNs();

} // namespace threadlab
