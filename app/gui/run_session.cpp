#include "run_session.hpp"

#include <algorithm>

namespace threadlab {

RunSession::~RunSession() { Shutdown(); }

void RunSession::Start(const Lesson& lesson, const ParamValues& params, const RunConfig& config,
                       std::optional<py::SimSettings> sim)
{
    StartSeries(lesson, params, {config}, 1, sim);
}

void RunSession::StartSeries(const Lesson& lesson, const ParamValues& params, std::vector<RunConfig> configs,
                             int repeat, std::optional<py::SimSettings> sim, std::optional<std::string> program)
{
    Shutdown();
    m_lesson = &lesson;
    m_params = params;
    m_program = std::move(program);
    m_config = configs.front();
    m_sim = sim;
    if (m_sim)
        m_sim->pace = true; // drawn as it goes, at the chosen time scale
    m_series.clear();
    for (const RunConfig& config : configs)
        for (int i = 0; i < repeat; ++i)
            m_series.push_back(config);
    m_recorder = std::make_unique<Recorder>();
    m_stop = std::make_unique<StopFlag>();
    m_trace = TraceSnapshot{};
    m_results.clear();
    m_pending.clear();
    m_opened = false;
    m_completed.store(0);
    m_estimate = 0;
    m_longest_run_estimate = 0;
    for (const RunConfig& config : m_series) {
        const double run = lesson.estimate(params, config.model);
        m_estimate += run;
        m_longest_run_estimate = std::max(m_longest_run_estimate, run);
    }
    m_worker_done.store(false);
    m_worker = std::thread([this] {
        for (size_t k = 0; k < m_series.size(); ++k) {
            std::optional<py::SimSettings> sim = m_sim;
            if (sim)
                sim->seed += k;
            m_pending.push_back(RunLesson(*m_lesson, m_params, m_series[k], *m_recorder, *m_stop, sim,
                                          m_program ? &*m_program : nullptr));
            m_completed.fetch_add(1, std::memory_order_relaxed);
            if (m_pending.back().status != RunStatus::Finished)
                break;
        }
        m_worker_done.store(true, std::memory_order_release);
    });
}

void RunSession::ShowOpened(TraceSnapshot trace)
{
    Shutdown();
    m_lesson = nullptr;
    m_recorder.reset();
    m_results.clear();
    m_series.clear();
    m_trace = std::move(trace);
    m_opened = true;
}

void RunSession::Clear()
{
    Shutdown();
    m_lesson = nullptr;
    m_recorder.reset();
    m_results.clear();
    m_series.clear();
    m_trace = TraceSnapshot{};
    m_opened = false;
}

void RunSession::RequestStop()
{
    if (m_stop)
        m_stop->RequestStop();
}

void RunSession::Shutdown()
{
    if (!m_worker.joinable())
        return;
    RequestStop();
    m_worker.join();
    Update();
}

void RunSession::Update()
{
    if (!m_recorder)
        return;
    if (m_worker.joinable() && m_worker_done.load(std::memory_order_acquire)) {
        m_worker.join();
        m_results = std::move(m_pending);
        m_pending.clear();
    }
    m_trace.Update(*m_recorder);
}

double RunSession::ElapsedSeconds() const
{
    double total = 0;
    for (const GroupTrace& group : m_trace.groups)
        total += group.Seconds(m_trace.GroupNow(group));
    return total;
}

double RunSession::Progress() const
{
    if (!Running() && HasRun())
        return 1.0;
    if (m_estimate <= 0)
        return 0.0;
    return std::min(ElapsedSeconds() / m_estimate, 0.99);
}

} // namespace threadlab
