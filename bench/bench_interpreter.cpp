// The interpreter's own speed, beside CPython's on the same machine, run one
// after the other: `for i in range(n): total += i` in a function, the loop
// PYTHON.md asks to be at least as fast as CPython 3.11's. The VM runs
// uncalibrated (instructions cost nothing, nothing is burned), so this is
// the floor a live run cannot go under.
#include "cpython.hpp"
#include "compiler.hpp"
#include "live_executor.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace threadlab;

namespace {

constexpr int64_t kIterations = 5'000'000;

const char* kLoop = R"(import time
def loop(n):
    total = 0
    for i in range(n):
        total += i
    return total
t0 = time.perf_counter()
loop(%lld)
print((time.perf_counter() - t0) / %lld * 1e9)
)";

std::string Program()
{
    char buf[512];
    std::snprintf(buf, sizeof buf, kLoop, static_cast<long long>(kIterations), static_cast<long long>(kIterations));
    return buf;
}

// ns per iteration as the program measures it itself.
double RunOnThreadlab(const py::Program& program, Model model)
{
    py::RunSettings settings;
    settings.model = model;
    settings.charge_costs = false;
    RunConfig config;
    config.model = model;
    Recorder recorder;
    StopFlag stop;
    std::string out;
    py::RunLive(program, settings, config, recorder, stop, [&](std::string_view s, bool) { out += s; });
    return std::atof(out.c_str());
}

double RunOnCPython(const std::string& python)
{
    return std::atof(bench::FirstLineOnCPython(python, Program(), "loop").c_str());
}

void BM_LoopSideBySide(benchmark::State& state)
{
    const Model model = Model(state.range(0));
    const std::unique_ptr<py::Program> program = py::CompileProgram("loop.py", Program());
    double vm = 0, cpython = 0;
    int n = 0;
    for (auto _ : state) {
        vm += RunOnThreadlab(*program, model);
        cpython += RunOnCPython(bench::CPython("3.11.7"));
        ++n;
    }
    state.counters["threadlab_ns_per_iter"] = vm / n;
    state.counters["cpython311_ns_per_iter"] = cpython / n;
    state.counters["cpython_over_threadlab"] = vm > 0 ? cpython / vm : 0;
    state.SetLabel(std::string("model ") + std::string(ModelName(model)) +
                   " (cpython_over_threadlab >= 1: the VM is at least as fast)");
}
BENCHMARK(BM_LoopSideBySide)->Arg(int(Model::Py312))->Arg(int(Model::Py39))->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace
