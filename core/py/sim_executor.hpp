#pragma once
// Running a program simulated: the same interpreter on a virtual clock, so
// the same program, model, seed and time scale give the same output and the
// same recording on any machine, under any load.
#include "../recorder.hpp"
#include "../runtime.hpp"
#include "../stop.hpp"
#include "live_executor.hpp"

#include <cstdint>
#include <string>

namespace threadlab::py {

struct SimSettings {
    uint64_t seed = 1;
    int cores = 2; // virtual cores: free-threaded threads and emulated processes run on them
};
inline constexpr int kMaxSimCores = 256;

// Runs `program` once on the simulated executor, recording into `recorder`
// with virtual timestamps. Blocks until every thread has ended. A run in
// which every thread waits with nothing left to wake it ends as
// RunStatus::Deadlocked.
ProgramRun RunSimulated(const Program& program, const RunSettings& settings, const RunConfig& config,
                        const SimSettings& sim, Recorder& recorder, StopFlag& stop, const OutputFn& output,
                        std::string run_name = "run");

} // namespace threadlab::py
