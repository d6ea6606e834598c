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

} // namespace threadlab
