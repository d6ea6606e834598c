#include "run_session.hpp"

#include <algorithm>

namespace threadlab {

RunSession::~RunSession() { Shutdown(); }

void RunSession::Start(const Lesson& lesson, const ParamValues& params, const RunConfig& config)
{
    Shutdown();
    m_lesson = &lesson;
    m_params = params;
    m_config = config;
    m_recorder = std::make_unique<Recorder>();
    m_stop = std::make_unique<StopFlag>();
    m_trace = TraceSnapshot{};
    m_result.reset();
    m_estimate = lesson.estimate ? lesson.estimate(params, config.model) : 0;
    m_worker_done.store(false);
    m_worker = std::thread([this] {
        m_pending = RunLesson(*m_lesson, m_params, m_config, *m_recorder, *m_stop);
        m_worker_done.store(true, std::memory_order_release);
    });
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
        m_result = std::move(m_pending);
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
    if (m_result)
        return 1.0;
    if (m_estimate <= 0)
        return 0.0;
    return std::min(ElapsedSeconds() / m_estimate, 0.99);
}

} // namespace threadlab
