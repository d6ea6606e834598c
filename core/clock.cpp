#include "clock.hpp"

#include <cmath>
#include <fstream>
#include <string>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace threadlab {

namespace {

bool TscIsConstant()
{
    // Only a counter that ticks at one rate on every core, through sleep
    // states, can stand in for a clock.
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line))
        if (line.rfind("flags", 0) == 0)
            return line.find(" constant_tsc") != std::string::npos && line.find(" nonstop_tsc") != std::string::npos;
    return false;
}

#if defined(__x86_64__)
// A (counter, steady_clock) pair read as close together as this machine
// allows: the tightest of several tries, so a preemption between the two
// reads (common in a VM) cannot skew the rate.
struct Pair {
    uint64_t tsc;
    int64_t ns;
};
Pair ReadPair()
{
    Pair best{};
    uint64_t best_width = UINT64_MAX;
    for (int i = 0; i < 16; ++i) {
        const uint64_t before = __rdtsc();
        const int64_t ns = NowNs();
        const uint64_t after = __rdtsc();
        if (after - before < best_width) {
            best_width = after - before;
            best = {before + (after - before) / 2, ns};
        }
    }
    return best;
}
#endif

TraceClock Calibrate()
{
    TraceClock clock;
#if defined(__x86_64__)
    if (!TscIsConstant())
        return clock;
    // Measure the counter's rate against steady_clock over 5 ms.
    const Pair a = ReadPair();
    while (NowNs() - a.ns < 5'000'000) {
    }
    const Pair b = ReadPair();
    const uint64_t tsc_a = a.tsc, tsc_b = b.tsc;
    const int64_t ns_a = a.ns, ns_b = b.ns;
    if (tsc_b <= tsc_a)
        return clock;
    clock.use_tsc = true;
    clock.tsc0 = tsc_b;
    clock.ns0 = ns_b;
    clock.ns_per_tick_q32 = uint64_t(std::llround(double(ns_b - ns_a) / double(tsc_b - tsc_a) * 4294967296.0));
#endif
    return clock;
}

} // namespace

const TraceClock g_trace_clock = Calibrate();

} // namespace threadlab
