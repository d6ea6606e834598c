// Start-up: from launching `threadlab gui` to its first drawn frame (the
// process exits right after it, so this slightly overstates). Needs a
// display; under Xvfb: xvfb-run -a build/default/bench/threadlab_bench
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <string>

namespace {

void BM_StartupToFirstFrame(benchmark::State& state)
{
    if (std::getenv("DISPLAY") == nullptr) {
        state.SkipWithError("no DISPLAY: run under xvfb-run");
        return;
    }
    const std::string command = "XDG_CONFIG_HOME=$(mktemp -d) THREADLAB_EXIT_AFTER_FIRST_FRAME=1 " +
                                std::string(THREADLAB_EXE) + " gui first-threads >/dev/null 2>&1";
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        if (std::system(command.c_str()) != 0) {
            state.SkipWithError("threadlab gui failed");
            return;
        }
        state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
}
BENCHMARK(BM_StartupToFirstFrame)->Iterations(5)->UseManualTime()->Unit(benchmark::kMillisecond);

} // namespace
