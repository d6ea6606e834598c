#pragma once
// Running a program live: every Python thread on its own OS thread of the
// runtime (core/runtime.hpp), with the real emulated GIL, real sleeps and
// instructions that burn the CPU time the model says they cost.
#include "../recorder.hpp"
#include "../runtime.hpp"
#include "../stop.hpp"
#include "code.hpp"
#include "interp.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace threadlab::py {

// Where a program's output goes (print, tracebacks), from any of its threads.
using OutputFn = std::function<void(std::string_view text, bool to_stderr)>;

struct ProgramRun {
    int exit_code = 0;   // as python3's: 0, or 1 after an uncaught exception
    RunOutcome outcome;  // the runtime's view: status, threads, timings
    int64_t heap_used = 0;
    std::vector<UncaughtError> uncaught; // in every thread, in the order they escaped
    // Each part's own outcome (one entry, the whole run, for a program
    // without `# part:` comments); its threads' times count from its start.
    std::vector<RunOutcome> parts;
    // What the run observed, for a lesson's metrics.
    std::vector<std::string> end_order; // threads other than MainThread, in the order they ended
    int64_t contended_acquires = 0;     // of locks the program made
    double lock_wait = 0;               // seconds threads waited for them, summed
    // Live: the share of their computing time the machine gave the threads
    // as CPU (1 on idle cores); -1 simulated, or when they hardly computed.
    double cpu_share = -1;
};
// Below this share a live run's times say more about the machine than the program.
inline constexpr double kBusyCpuShare = 0.8;

// Runs `program` once, recording into `recorder` (one group named
// `run_name`). Blocks until every thread has ended.
ProgramRun RunLive(const Program& program, const RunSettings& settings, const RunConfig& config, Recorder& recorder,
                   StopFlag& stop, const OutputFn& output, std::string run_name = "run");

} // namespace threadlab::py
