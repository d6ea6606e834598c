#include "work.hpp"

#include "clock.hpp"

#include <algorithm>

namespace threadlab {

namespace {

double Calibrate()
{
    constexpr uint64_t kProbe = 1 << 20;
    uint64_t state = 1;
    BurnIterations(kProbe, state); // warm the core up before timing
    int64_t best = INT64_MAX;
    for (int round = 0; round < 5; ++round) {
        const int64_t start = NowNs();
        BurnIterations(kProbe, state);
        best = std::min(best, NowNs() - start);
    }
    return double(kProbe) / double(std::max<int64_t>(best, 1));
}

} // namespace

double IterationsPerNs()
{
    static const double rate = Calibrate();
    return rate;
}

} // namespace threadlab
