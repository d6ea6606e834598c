// GIL hand-off under the 3.12 model with two CPU-bound threads: how long
// from the drop request to the other thread running, and how many hand-offs
// a second (CPython: one per switch interval, about 190 a second).
#include "runtime.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>

using namespace threadlab;

namespace {

void BM_GilHandoff(benchmark::State& state)
{
    std::vector<int64_t> latencies;
    double handoffs_per_second = 0;
    for (auto _ : state) {
        Recorder recorder;
        StopFlag stop;
        Runtime runtime(RunConfig{Model::Py312, 0.005, 1.0}, recorder, stop, "threaded");
        const RunOutcome outcome = runtime.Run([](Thread& main) {
            auto spin = [](Thread& self) { self.Work(10'000'000); }; // 0.5 s each
            ThreadHandle a = main.Start("A", spin);
            ThreadHandle b = main.Start("B", spin);
            main.Join(a);
            main.Join(b);
        });
        latencies.insert(latencies.end(), outcome.handoff_latencies_ns.begin(), outcome.handoff_latencies_ns.end());
        handoffs_per_second = double(outcome.handoff_latencies_ns.size()) / outcome.elapsed;
    }
    std::sort(latencies.begin(), latencies.end());
    auto at = [&](double q) { return latencies.empty() ? 0.0 : double(latencies[size_t(q * double(latencies.size() - 1))]) / 1e3; };
    state.counters["handoff_median_us"] = at(0.5);
    state.counters["handoff_p90_us"] = at(0.9);
    state.counters["handoffs_per_s"] = handoffs_per_second;
}
BENCHMARK(BM_GilHandoff)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace
