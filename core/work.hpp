#pragma once
// CPU work that really burns the CPU: a dependent chain of multiply-adds the
// compiler cannot remove. Because it is real work, a thread descheduled by
// the OS really falls behind, so "two threads on two cores" is measured, not
// assumed.
#include <cstdint>

namespace threadlab {

// Burns `iterations` links of the chain.
inline void BurnIterations(uint64_t iterations)
{
    uint64_t x = iterations | 1;
    for (uint64_t i = 0; i < iterations; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        asm volatile("" : "+r"(x)); // keep the chain; stop vectorising or folding
    }
}

// Chain links per nanosecond on this machine, measured once (about 10 ms) on
// first use. Thread-safe.
double IterationsPerNs();

// The base cost of one bytecode-sized step at time scale 1. Chosen so the
// cpu-bound lesson's 5,000,000 iterations take about 0.4 s on one thread,
// the speed of a CPython loop doing `total += i`.
inline constexpr double kStepCostNs = 80.0;

} // namespace threadlab
