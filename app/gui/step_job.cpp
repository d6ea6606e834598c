#include "step_job.hpp"

#include <algorithm>

namespace threadlab {

StepJob::~StepJob() { StopWorker(); }

void StepJob::Start(const Lesson& lesson, ParamValues values, RunConfig config, uint64_t seed,
                    std::vector<std::string> script, std::optional<std::string> program)
{
    StopWorker();
    m_lesson = &lesson;
    m_values = std::move(values);
    m_config = config;
    m_config.time_scale = 1.0; // virtual time: nothing waits for the clock
    m_seed = seed;
    m_script = std::move(script);
    m_program = std::move(program);
    m_goals_met.assign(lesson.page->goals.size(), false);
    m_answered_at.clear();
    Launch({});
}

void StepJob::Launch(std::vector<std::string> replay)
{
    StopWorker();
    std::vector<int> lines;
    for (const PageGoal& goal : m_lesson->page->goals)
        if (goal.together_line > 0)
            lines.push_back(goal.together_line);
    m_chooser = std::make_unique<py::StepChooser>(std::move(replay), m_lesson->page->watch, std::move(lines));
    m_recorder = std::make_unique<Recorder>();
    m_stop = std::make_unique<StopFlag>();
    m_trace = TraceSnapshot{};
    m_result.reset();
    m_worker_done.store(false);
    py::SimSettings sim;
    sim.seed = m_seed;
    sim.chooser = m_chooser.get();
    m_worker = std::thread([this, sim] {
        m_pending = RunLesson(*m_lesson, m_values, m_config, *m_recorder, *m_stop, sim,
                              m_program ? &*m_program : nullptr);
        m_worker_done.store(true, std::memory_order_release);
    });
}

void StepJob::StopWorker()
{
    if (!m_worker.joinable())
        return;
    m_stop->RequestStop();
    m_chooser->Release(); // a choice waiting for an answer takes the default; the run then sees the stop
    m_worker.join();
}

void StepJob::Leave()
{
    StopWorker();
    m_lesson = nullptr;
    m_result.reset();
    m_trace = TraceSnapshot{};
}

void StepJob::Update()
{
    if (!Active())
        return;
    if (m_worker.joinable() && m_worker_done.load(std::memory_order_acquire)) {
        m_worker.join();
        m_result = std::move(m_pending);
        for (size_t i = 0; i < m_goals_met.size() && i < m_result->goals.size(); ++i)
            if (m_result->goals[i])
                m_goals_met[i] = true;
    }
    m_trace.Update(*m_recorder);
    m_made = m_chooser->Made().size();
    const std::vector<int> shared = m_chooser->LinesShared();
    const std::vector<PageGoal>& goals = m_lesson->page->goals;
    for (size_t g = 0; g < goals.size(); ++g)
        if (std::find(shared.begin(), shared.end(), goals[g].together_line) != shared.end())
            m_goals_met[g] = true;
}

std::optional<py::StepChoice> StepJob::Waiting() const
{
    if (!m_chooser || m_result)
        return std::nullopt;
    return m_chooser->Waiting();
}

std::optional<size_t> StepJob::Suggested() const
{
    const std::optional<py::StepChoice> choice = Waiting();
    if (!choice || choice->number >= m_script.size())
        return std::nullopt;
    for (size_t i = 0; i < choice->threads.size(); ++i)
        if (choice->threads[i].thread == m_script[choice->number])
            return i;
    return std::nullopt;
}

std::vector<int> StepJob::Keys(const py::StepChoice& choice) const
{
    std::vector<int> keys;
    const std::vector<int>* lanes = m_trace.groups.empty() ? nullptr : &m_trace.groups.back().lanes;
    for (const py::ThreadPlace& t : choice.threads) {
        int key = 0;
        for (size_t k = 0; lanes != nullptr && k < lanes->size() && key == 0; ++k)
            if (m_trace.lanes[size_t((*lanes)[k])].name == t.thread)
                key = int(k) + 1;
        keys.push_back(key != 0 ? key : int(100 + keys.size())); // not drawn yet: after the others
    }
    return keys;
}

std::optional<size_t> StepJob::CandidateWithKey(const py::StepChoice& choice, int key) const
{
    const std::vector<int> keys = Keys(choice);
    for (size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key)
            return i;
    return std::nullopt;
}

void StepJob::Pick(size_t index)
{
    if (const std::optional<py::StepChoice> choice = Waiting()) {
        m_answered_at.push_back(choice->number);
        m_chooser->Pick(index);
    }
}

void StepJob::PickToNextLine(size_t index)
{
    if (const std::optional<py::StepChoice> choice = Waiting()) {
        m_answered_at.push_back(choice->number);
        m_chooser->PickToNextLine(index);
    }
}

void StepJob::Undo()
{
    if (!m_chooser || m_answered_at.empty())
        return;
    // Back to where the student last answered (one "to the next line" is
    // many choices): the choices before it replay, and the play waits there.
    std::vector<std::string> made = m_chooser->Made();
    made.resize(std::min(made.size(), m_answered_at.back()));
    m_answered_at.pop_back();
    Launch(std::move(made));
}

void StepJob::Finish()
{
    if (m_chooser)
        m_chooser->Release();
}

} // namespace threadlab
