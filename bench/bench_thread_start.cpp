// Thread start: what `t.start()` costs the thread that calls it, the wait
// for the child's first run and the GIL hand-offs included, on threadlab
// (live, 3.12, instructions charged as lessons charge them) beside CPython
// 3.12 on the same machine, one after the other.
#include "cpython.hpp"
#include "compiler.hpp"
#include "live_executor.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <sstream>
#include <string>

using namespace threadlab;

namespace {

// Prints "median p90" in microseconds over 300 starts of a thread that does nothing.
const char* kStarts = R"(import threading
import time

def nothing():
    pass

costs = []
for _ in range(300):
    t = threading.Thread(target=nothing)
    t0 = time.perf_counter()
    t.start()
    costs.append(time.perf_counter() - t0)
    t.join()
costs.sort()
print(costs[len(costs) // 2] * 1e6, costs[len(costs) * 9 // 10] * 1e6)
)";

struct Figures {
    double median_us = 0, p90_us = 0;
};

Figures Parse(const std::string& line)
{
    Figures f;
    std::istringstream(line) >> f.median_us >> f.p90_us;
    return f;
}

Figures OnThreadlab(const py::Program& program, bool charge_costs)
{
    py::RunSettings settings;
    settings.charge_costs = charge_costs;
    RunConfig config;
    Recorder recorder;
    StopFlag stop;
    std::string out;
    py::RunLive(program, settings, config, recorder, stop, [&](std::string_view s, bool) { out += s; });
    return Parse(out);
}

void BM_ThreadStartSideBySide(benchmark::State& state)
{
    const std::unique_ptr<py::Program> program = py::CompileProgram("starts.py", kStarts);
    Figures ours, uncharged, cpython;
    for (auto _ : state) {
        ours = OnThreadlab(*program, true);
        uncharged = OnThreadlab(*program, false);
        cpython = Parse(bench::FirstLineOnCPython(bench::CPython("3.12.1"), kStarts, "starts"));
    }
    state.counters["threadlab_start_median_us"] = ours.median_us;
    state.counters["threadlab_start_p90_us"] = ours.p90_us;
    state.counters["vm_speed_start_median_us"] = uncharged.median_us;
    state.counters["cpython312_start_median_us"] = cpython.median_us;
    state.counters["cpython312_start_p90_us"] = cpython.p90_us;
    state.SetLabel("target: threadlab_start_median_us <= 40 (vm_speed: instructions not charged)");
}
BENCHMARK(BM_ThreadStartSideBySide)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace
