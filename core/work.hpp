#pragma once
// CPU work that really burns the CPU: a dependent chain of multiply-adds the
// compiler cannot remove. Because it is real work, a thread descheduled by
// the OS really falls behind, so "two threads on two cores" is measured, not
// assumed.
#include <cstdint>

namespace threadlab {

// Burns `iterations` links of the chain that `state` carries. Passing the
// same state from step to step keeps one long dependent chain, so the CPU
// cannot overlap consecutive steps and each really costs what it should.
inline void BurnIterations(uint64_t iterations, uint64_t& state)
{
    uint64_t x = state;
    for (uint64_t i = 0; i < iterations; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        asm volatile("" : "+r"(x)); // keep the chain; stop vectorising or folding
    }
    state = x;
}

// Chain links per nanosecond on this machine, measured once (about 10 ms) on
// first use. Thread-safe.
double IterationsPerNs();

// The base cost of one bytecode-sized step (one iteration of `total += i`)
// at time scale 1: 5,000,000 iterations take about 0.25 s on one thread. CPython 3.9-3.13 measured 29-35 ns here; a little
// slower keeps the engine's own overhead small beside the work.
inline constexpr double kStepCostNs = 50.0;

} // namespace threadlab
