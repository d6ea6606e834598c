#include "explorer.hpp"

#include "compiler.hpp"
#include "expression.hpp"
#include "ops.hpp"
#include "parser.hpp"
#include "vm.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <random>

namespace threadlab::py {

size_t ScheduleChooser::Choose(const ChoicePoint& point)
{
    const size_t i = m_next++;
    if (i >= m_schedule.size() || !m_mismatch.empty())
        return 0;
    for (size_t c = 0; c < point.candidates.size(); ++c)
        if (point.candidates[c] == m_schedule[i])
            return c;
    std::string ready;
    for (const std::string& c : point.candidates)
        ready += (ready.empty() ? "" : ", ") + c;
    m_mismatch = fmt::format("choice {} of the schedule is {}, which cannot run there (the choice is among {})", i + 1,
                             m_schedule[i], ready);
    return 0;
}

void ScheduleChooser::Finish()
{
    if (m_mismatch.empty() && m_next < m_schedule.size())
        m_mismatch = fmt::format("the schedule has {} choices and the run met only {}", m_schedule.size(), m_next);
}

namespace {

constexpr std::string_view kCheckResult = "__threadlab_check__";

// One choice point as a run met it, and what was chosen there.
struct Step {
    std::vector<std::string> candidates;
    size_t chosen = 0;
    bool preemption = false;
};

// A chooser that notes every choice point it met and what it chose.
class RecordingChooser : public Chooser {
public:
    std::vector<Step> steps;
};

// Follows `prefix` (indexes), then lets the executor's rules decide
// (index 0), noting every choice point.
class PrefixChooser final : public RecordingChooser {
public:
    explicit PrefixChooser(const std::vector<size_t>& prefix) : m_prefix(prefix) {}
    size_t Choose(const ChoicePoint& point) override
    {
        const size_t i = steps.size();
        size_t chosen = i < m_prefix.size() ? m_prefix[i] : 0;
        if (chosen >= point.candidates.size())
            chosen = 0; // cannot happen while runs are deterministic
        steps.push_back(Step{point.candidates, chosen, point.preemption});
        return chosen;
    }

private:
    const std::vector<size_t>& m_prefix;
};

// Preempts at the choice points numbered in `at` (among preemptive ones),
// choosing a random other thread there and a random waiter elsewhere.
class RandomChooser final : public RecordingChooser {
public:
    RandomChooser(uint64_t seed, std::vector<int64_t> at) : m_rng(seed), m_at(std::move(at)) {}
    size_t Choose(const ChoicePoint& point) override
    {
        size_t chosen = 0;
        const size_t n = point.candidates.size();
        if (!point.preemption) {
            chosen = size_t(m_rng() % n);
        } else if (std::find(m_at.begin(), m_at.end(), m_preemptive) != m_at.end()) {
            chosen = 1 + size_t(m_rng() % (n - 1));
        }
        if (point.preemption)
            ++m_preemptive;
        steps.push_back(Step{point.candidates, chosen, point.preemption});
        return chosen;
    }

private:
    std::mt19937_64 m_rng;
    std::vector<int64_t> m_at;
    int64_t m_preemptive = 0;
};

// Follows a schedule given by name.

// One simulated run with `chooser`, its output kept, the check evaluated.
struct JudgedRun {
    ProgramRun run;
    std::optional<ScheduleFailure> failure;
    std::string output;
};

JudgedRun RunOnce(const Program& program, const RunSettings& settings, const RunConfig& config,
                  const ExploreSettings& explore, const Program* check, Chooser& chooser, Recorder& recorder,
                  StopFlag& stop, const OutputFn* echo, std::string& check_error)
{
    JudgedRun judged;
    std::optional<bool> passed;
    SimSettings sim;
    sim.seed = explore.seed;
    sim.cores = explore.cores;
    sim.chooser = &chooser;
    RunSettings with_check = settings;
    if (check != nullptr)
        with_check.finale = [&](ThreadState& ts) {
            try {
                passed = Truthy(ts, ts.interp.RunOverMain(ts, *check->Find(check->main))->Get(kCheckResult));
            } catch (const PyError& e) {
                check_error = ts.interp.FormatException(ts, e.exc);
            }
        };
    const OutputFn output = [&](std::string_view text, bool to_stderr) {
        judged.output += text;
        if (echo != nullptr)
            (*echo)(text, to_stderr);
    };
    judged.run = RunSimulated(program, with_check, config, sim, recorder, stop, output);
    judged.failure = JudgeRun(judged.run, passed);
    if (judged.failure && judged.failure->kind == "check")
        judged.failure->message = "the check " + explore.check + " is false";
    return judged;
}

std::vector<std::string> Names(const std::vector<Step>& steps)
{
    std::vector<std::string> names;
    for (const Step& s : steps)
        names.push_back(s.candidates[s.chosen]);
    return names;
}

// From the first run: how many schedules the bound allows, roughly (the
// preemptive choice points taken k at a time, for k up to the bound); if
// more than the budget, depth-first gets half of it and random the rest.
int64_t DepthFirstBudget(const std::vector<Step>& steps, const ExploreSettings& explore, int64_t& preemptive_points)
{
    preemptive_points = 0;
    double others = 0;
    for (const Step& s : steps)
        if (s.preemption) {
            ++preemptive_points;
            others += double(s.candidates.size() - 1);
        }
    const double branching = preemptive_points > 0 ? others / double(preemptive_points) : 0;
    double estimate = 1, term = 1;
    for (int k = 1; k <= explore.preemptions; ++k) {
        term *= double(preemptive_points - k + 1) / k * branching;
        estimate += std::max(0.0, term);
    }
    return estimate <= double(explore.schedules) ? explore.schedules : std::max<int64_t>(1, explore.schedules / 2);
}

} // namespace

std::unique_ptr<Program> CompileCheck(const std::string& expression)
{
    ValidateExpression(expression);
    return CompileAssignments({{std::string(kCheckResult), "bool(" + expression + ")"}});
}

std::optional<ScheduleFailure> JudgeRun(const ProgramRun& run, const std::optional<bool>& check_passed)
{
    if (run.outcome.status == RunStatus::Deadlocked)
        return ScheduleFailure{"deadlock", run.outcome.failure, 0};
    for (const UncaughtError& e : run.uncaught)
        return ScheduleFailure{e.assertion ? "assert" : "exception", e.thread + ": " + e.message, e.line};
    if (check_passed.has_value() && !*check_passed)
        return ScheduleFailure{"check", "", 0};
    return std::nullopt;
}

ExploreResult Explore(const Program& program, const RunSettings& settings, const RunConfig& config,
                      const ExploreSettings& explore, StopFlag& stop, std::string& check_error)
{
    ExploreResult result;
    std::unique_ptr<Program> check = explore.check.empty() ? nullptr : CompileCheck(explore.check);
    // One run under `chooser`; true when the search ends with it (found, stopped, a broken check).
    const auto run_ends_search = [&](RecordingChooser& chooser) {
        Recorder recorder;
        recorder.SetRecording(false);
        const JudgedRun judged = RunOnce(program, settings, config, explore, check.get(), chooser, recorder, stop,
                                         nullptr, check_error);
        ++result.schedules;
        if (!check_error.empty())
            return true;
        if (judged.run.outcome.status == RunStatus::Stopped || stop.StopRequested()) {
            result.stopped = true;
            return true;
        }
        if (!judged.failure)
            return false;
        result.found = true;
        result.failure = *judged.failure;
        result.schedule = Names(chooser.steps);
        result.output = judged.output;
        return true;
    };

    // Depth-first within the bound; half the budget if the space looks larger.
    int64_t dfs_budget = explore.schedules;
    std::vector<size_t> prefix;
    int64_t preemptive_points = 0; // in the first run: where the random phase may preempt
    for (;;) {
        PrefixChooser chooser(prefix);
        if (run_ends_search(chooser))
            return result;
        if (result.schedules == 1)
            dfs_budget = DepthFirstBudget(chooser.steps, explore, preemptive_points);
        // The deepest choice point with an untried choice the bound allows.
        std::vector<Step>& steps = chooser.steps;
        int used = 0;
        std::vector<int> used_before(steps.size());
        for (size_t i = 0; i < steps.size(); ++i) {
            used_before[i] = used;
            used += steps[i].preemption && steps[i].chosen != 0 ? 1 : 0;
        }
        bool advanced = false;
        for (size_t i = steps.size(); i-- > 0;) {
            const size_t next = steps[i].chosen + 1;
            const int cost = steps[i].preemption ? 1 : 0;
            if (next < steps[i].candidates.size() && used_before[i] + cost <= explore.preemptions) {
                prefix.resize(i);
                for (size_t j = 0; j < i; ++j)
                    prefix[j] = steps[j].chosen;
                prefix.push_back(next);
                advanced = true;
                break;
            }
        }
        if (!advanced) {
            result.exhaustive = true;
            return result;
        }
        if (result.schedules >= dfs_budget)
            break;
    }

    // The rest of the budget: random schedules from the seed.
    std::mt19937_64 rng(explore.seed ^ 0x9e3779b97f4a7c15ull);
    while (result.schedules < explore.schedules) {
        std::vector<int64_t> at;
        for (int k = 0; k < explore.preemptions && preemptive_points > 0; ++k)
            at.push_back(int64_t(rng() % uint64_t(preemptive_points)));
        RandomChooser chooser(rng(), at);
        if (run_ends_search(chooser))
            return result;
    }
    return result;
}

Replay ReplaySchedule(const Program& program, const RunSettings& settings, const RunConfig& config,
                      const std::vector<std::string>& schedule, const ExploreSettings& explore, Recorder& recorder,
                      StopFlag& stop, const OutputFn& output)
{
    std::unique_ptr<Program> check = explore.check.empty() ? nullptr : CompileCheck(explore.check);
    ScheduleChooser chooser(schedule);
    std::string check_error;
    JudgedRun judged =
        RunOnce(program, settings, config, explore, check.get(), chooser, recorder, stop, &output, check_error);
    chooser.Finish();
    Replay replay;
    replay.run = std::move(judged.run);
    replay.failure = judged.failure;
    replay.mismatch = chooser.Mismatch();
    return replay;
}

} // namespace threadlab::py
