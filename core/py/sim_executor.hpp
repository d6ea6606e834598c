#pragma once
// Running a program simulated: the same interpreter on a virtual clock, so
// the same program, model, seed and time scale give the same output and the
// same recording on any machine, under any load.
#include "../recorder.hpp"
#include "../runtime.hpp"
#include "../stop.hpp"
#include "live_executor.hpp"

#include <cstdint>
#include <functional>
#include <vector>
#include <string>

namespace threadlab::py {

// A moment where the schedule could go more than one way.
struct ChoicePoint {
    std::vector<std::string> candidates; // thread names; [0] is what happens if nobody chooses
    // At a switch point: [0] is the running thread, and choosing another
    // preempts it. Otherwise the running thread has blocked and [0] is the
    // waiter the executor's own rules would wake.
    bool preemption = false;
    // Per candidate: its thread state, paused while the chooser decides (null
    // before its thread has begun), and whether it paused at a switch point
    // (then its stack is saved: thread_place.hpp).
    std::vector<const ThreadState*> states;
    std::vector<bool> at_switch_point;
};

// Decides at every choice point (the explorer, step mode, a replayed
// schedule); the executor's rules decide the rest.
class Chooser {
public:
    virtual ~Chooser() = default;
    virtual size_t Choose(const ChoicePoint& point) = 0; // an index into point.candidates
};

struct SimSettings {
    uint64_t seed = 1;
    int cores = 2; // virtual cores: free-threaded threads and emulated processes run on them
    // With a chooser the OS's latencies are zero, so a thread started is a
    // candidate at once and a schedule is only the choices made.
    Chooser* chooser = nullptr;
    // Paced to the wall clock (the window draws it as it goes): virtual time
    // never runs ahead of real time since the run began. The command line never paces.
    bool pace = false;
    // Past this much lesson time (seconds; 0: no limit) the run ends as
    // stopped, its failure saying so: a grader's guard against an endless
    // loop, the same on any machine.
    double time_limit = 0;
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
