// Fidelity: does the engine keep the timings students predict? The
// threaded-export lesson at time scale 1 against its ideal (0.1 s threaded,
// 3.0 s sequential), and the same lessons with recording on and off.
#include "lesson.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>

using namespace threadlab;

namespace {

LessonResult RunOnce(std::string_view id, bool recording)
{
    const Lesson& lesson = *FindLesson(id);
    Recorder recorder;
    recorder.SetRecording(recording);
    StopFlag stop;
    return RunLesson(lesson, DefaultValues(lesson.params), RunConfig{}, recorder, stop);
}

double Median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

void BM_ExportFidelity(benchmark::State& state)
{
    std::vector<double> threaded_over, sequential_over;
    for (auto _ : state) {
        const LessonResult r = RunOnce("threaded-export", true);
        threaded_over.push_back((r.Number("threaded") - 0.1) * 1e3);
        sequential_over.push_back((r.Number("sequential") - 3.0) * 1e3);
    }
    state.counters["threaded_over_ideal_ms"] = Median(threaded_over);
    state.counters["sequential_over_ideal_ms"] = Median(sequential_over);
}
BENCHMARK(BM_ExportFidelity)->Iterations(5)->Unit(benchmark::kMillisecond)->UseRealTime();

// Elapsed lesson time with recording on over recording off, in percent.
void ObserverCost(benchmark::State& state, std::string_view id, const char* metric)
{
    std::vector<double> on, off;
    for (auto _ : state) {
        on.push_back(RunOnce(id, true).Number(metric));
        off.push_back(RunOnce(id, false).Number(metric));
    }
    state.counters["recording_cost_percent"] = (Median(on) / Median(off) - 1) * 100;
}
void BM_ObserverCostExport(benchmark::State& state) { ObserverCost(state, "threaded-export", "threaded"); }
void BM_ObserverCostCpu(benchmark::State& state) { ObserverCost(state, "cpu-bound", "threaded"); }
BENCHMARK(BM_ObserverCostExport)->Iterations(5)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ObserverCostCpu)->Iterations(5)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace
