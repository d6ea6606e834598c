#pragma once
// Step mode in the window ("be the scheduler"): the lesson's program on the
// simulated executor, waiting at every choice point for the student to pick
// who runs next. It runs on a worker thread; the UI thread reads the choice
// that waits and answers it, never waiting for the engine. Undo replays the
// choices made but the last into a fresh run (deterministic: the same seed,
// the same choices, the same run). A schedule the explorer found can be
// followed a choice at a time: each choice's suggestion is the schedule's.
#include "lesson.hpp"
#include "snapshot.hpp"
#include "step_chooser.hpp"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace threadlab {

class StepJob {
public:
    StepJob() = default;
    ~StepJob();
    StepJob(const StepJob&) = delete;
    StepJob& operator=(const StepJob&) = delete;

    // Starts a play of `lesson` with `values`; `script`: a schedule to suggest.
    void Start(const Lesson& lesson, ParamValues values, RunConfig config, uint64_t seed,
               std::vector<std::string> script = {}, std::optional<std::string> program = {});
    void Leave(); // back to ordinary runs
    void Update(); // each frame: the recording so far, the goals, the result once it ended

    bool Active() const { return m_lesson != nullptr; }
    const Lesson* PlayedLesson() const { return m_lesson; }
    bool Ended() const { return m_result.has_value(); }
    std::optional<py::StepChoice> Waiting() const;
    // The script's choice at the waiting point (an index into its threads), if it has one.
    std::optional<size_t> Suggested() const;
    bool Following() const { return !m_script.empty(); }
    // Each thread's number, which is its key: its place in the order the
    // threads were made (MainThread 1, Thread-1 2, …), so it keeps its number
    // from one choice to the next. One per candidate of `choice`.
    std::vector<int> Keys(const py::StepChoice& choice) const;
    // The candidate whose number is `key`, if one is.
    std::optional<size_t> CandidateWithKey(const py::StepChoice& choice, int key) const;
    void Pick(size_t index);
    void PickToNextLine(size_t index);
    void Undo();
    void Finish(); // every remaining choice the executor's own
    size_t ChoicesMade() const { return m_made; }
    bool CanUndo() const { return !m_answered_at.empty(); }
    const RunConfig& Config() const { return m_config; }
    uint64_t Seed() const { return m_seed; }
    const ParamValues& Values() const { return m_values; }

    const TraceSnapshot& Trace() const { return m_trace; }
    const LessonResult* Result() const { return m_result ? &*m_result : nullptr; }
    // Per goal of the page: met in this play (a `together` goal as soon as it happened).
    const std::vector<bool>& GoalsMet() const { return m_goals_met; }

private:
    void Launch(std::vector<std::string> replay);
    void StopWorker();

    const Lesson* m_lesson = nullptr;
    ParamValues m_values;
    RunConfig m_config;
    uint64_t m_seed = 1;
    std::vector<std::string> m_script;
    std::optional<std::string> m_program; // the student's version of the program
    std::unique_ptr<py::StepChooser> m_chooser;
    std::unique_ptr<Recorder> m_recorder;
    std::unique_ptr<StopFlag> m_stop;
    std::thread m_worker;
    std::atomic<bool> m_worker_done{false};
    LessonResult m_pending; // written by the worker before m_worker_done
    std::optional<LessonResult> m_result;
    TraceSnapshot m_trace;
    std::vector<bool> m_goals_met;
    size_t m_made = 0;
    std::vector<size_t> m_answered_at; // the choices the student answered (their numbers), for Undo
};

} // namespace threadlab
