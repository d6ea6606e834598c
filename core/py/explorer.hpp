#pragma once
// Exploring schedules: the same program run again and again on the
// simulated executor, each time with other choices at its choice points,
// until one run fails (a check over the final globals, an assert, an
// uncaught exception, a deadlock) or the budget is spent.
//
// Design notes
// - A schedule is the list of choices made, one thread name per choice
//   point. The executor is deterministic given the seed and the choices, so
//   a prefix of choices always leads to the same next choice point.
// - Depth-first over the choices, bounded by the number of preemptions (a
//   choice, at a switch point, of a thread other than the running one;
//   choosing among waiters when the running thread blocks is free), as
//   CHESS does. Half the budget goes to it; if the bounded space is not
//   exhausted by then, the rest is random: each run preempts at `bound`
//   choice points drawn from the seed (PCT's shape: Burckhardt et al. 2010).
#include "code.hpp"
#include "interp.hpp"
#include "sim_executor.hpp"
#include "../stop.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace threadlab::py {

struct ExploreSettings {
    int preemptions = 2;
    int64_t schedules = 10'000;
    uint64_t seed = 1;
    int cores = 2;
    std::string check; // a Python expression over the final globals; empty: none
};
inline constexpr int kMaxPreemptions = 10;
inline constexpr int64_t kMaxSchedules = 10'000'000;

struct ScheduleFailure {
    std::string kind; // "check", "assert", "exception", "deadlock"
    std::string message;
    int line = 0;     // in the program, where known
};

struct ExploreResult {
    bool found = false;
    int64_t schedules = 0;   // runs made
    bool exhaustive = false; // every schedule within the bound was run
    bool stopped = false;
    ScheduleFailure failure;
    std::vector<std::string> schedule; // the failing one: a thread name per choice point
    std::string output;                // what the failing run printed
};

// The check compiled once: `expression` as code that stores its truth in
// __main__. Throws SourceError naming the expression's problem.
std::unique_ptr<Program> CompileCheck(const std::string& expression);

// Why one run failed, if it did. `check_error` receives a check that could
// not be evaluated (a NameError, say): a mistake in the check, not a failure.
std::optional<ScheduleFailure> JudgeRun(const ProgramRun& run, const std::optional<bool>& check_passed);

ExploreResult Explore(const Program& program, const RunSettings& settings, const RunConfig& config,
                      const ExploreSettings& explore, StopFlag& stop, std::string& check_error);

// Makes the choices a schedule names, one per choice point, and says where
// the program does not fit it (a choice that cannot run, or choices left).
class ScheduleChooser final : public Chooser {
public:
    explicit ScheduleChooser(const std::vector<std::string>& schedule) : m_schedule(schedule) {}
    size_t Choose(const ChoicePoint& point) override;
    void Finish(); // after the run
    const std::string& Mismatch() const { return m_mismatch; }

private:
    const std::vector<std::string>& m_schedule;
    size_t m_next = 0;
    std::string m_mismatch;
};

// Replays `schedule` (the names chosen at each choice point) into
// `recorder`. `mismatch` receives a description when the program does not
// reach a choice the schedule names.
struct Replay {
    ProgramRun run;
    std::optional<ScheduleFailure> failure;
    std::string mismatch;
};
Replay ReplaySchedule(const Program& program, const RunSettings& settings, const RunConfig& config,
                      const std::vector<std::string>& schedule, const ExploreSettings& explore, Recorder& recorder,
                      StopFlag& stop, const OutputFn& output);

} // namespace threadlab::py
