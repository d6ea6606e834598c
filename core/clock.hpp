#pragma once
// One monotonic clock for the whole engine: every recorded time and every
// deadline comes from here, so spans from different threads line up.
#include <chrono>
#include <cstdint>
#include <ctime>

namespace threadlab {

inline int64_t NowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

inline constexpr int64_t kNsPerSecond = 1'000'000'000;

// CPU time the calling OS thread has used (a system call, not the vDSO).
inline int64_t ThreadCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return int64_t(t.tv_sec) * kNsPerSecond + t.tv_nsec;
}

// The recorder's timestamps, on the same scale as NowNs but cheaper: the
// CPU's constant-rate time-stamp counter, calibrated once at start-up; NowNs
// where there is no such counter. Deadlines keep using NowNs. Inline, with
// integer arithmetic, because every recorded event reads it: the counter
// read is most of an event's cost.
struct TraceClock {
    bool use_tsc = false;
    uint64_t tsc0 = 0;
    int64_t ns0 = 0;
    uint64_t ns_per_tick_q32 = 0; // nanoseconds per tick, times 2^32
};
extern const TraceClock g_trace_clock;
__extension__ using TraceInt128 = __int128; // GCC and Clang: one multiply, no overflow for centuries of ticks

inline int64_t TraceNowNs()
{
#if defined(__x86_64__)
    const TraceClock& clock = g_trace_clock;
    if (clock.use_tsc) {
        // Signed: another core's counter may be a few ticks behind tsc0.
        const auto ticks = static_cast<TraceInt128>(static_cast<int64_t>(__builtin_ia32_rdtsc() - clock.tsc0));
        return clock.ns0 + static_cast<int64_t>((ticks * static_cast<TraceInt128>(clock.ns_per_tick_q32)) >> 32);
    }
#endif
    return NowNs();
}

} // namespace threadlab
