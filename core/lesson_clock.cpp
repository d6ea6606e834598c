#include "lesson_clock.hpp"

#include <algorithm>

namespace threadlab {

template <class Change>
void LessonClock::Rebase(Change&& change)
{
    const int64_t now = TraceNowNs();
    const State s = Read(); // no writer but us: the first try succeeds
    // Odd while writing: readers retry.
    m_seq.store(m_seq.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    m_base_clock.store(Evaluate(s, now), std::memory_order_relaxed);
    m_base_real.store(now, std::memory_order_relaxed);
    m_owed.store(StillOwed(s, now), std::memory_order_relaxed);
    change();
    m_in_handoff.store(m_gils_held == 0 && m_gil_waiters > 0, std::memory_order_relaxed);
    m_seq.store(m_seq.load(std::memory_order_relaxed) + 1, std::memory_order_release);
}

void LessonClock::BeginRun(double time_scale)
{
    std::lock_guard lock(m_write);
    // Real time at the lesson's rate: a hand-off's latency is one lesson
    // nanosecond per real one. Never faster than the trace clock.
    const double rate = std::clamp(time_scale, 0.0, 1.0);
    Rebase([&] {
        m_gils_held = m_gil_waiters = 0;
        m_handoff_rate_q32.store(uint64_t(rate * 4294967296.0), std::memory_order_relaxed);
    });
}

void LessonClock::GilTaken(bool waited)
{
    std::lock_guard lock(m_write);
    Rebase([&] {
        ++m_gils_held;
        m_gil_waiters -= waited ? 1 : 0;
    });
}

void LessonClock::GilDropped()
{
    std::lock_guard lock(m_write);
    Rebase([&] { --m_gils_held; });
}

void LessonClock::GilWaiting(int delta)
{
    std::lock_guard lock(m_write);
    Rebase([&] { m_gil_waiters += delta; });
}

int64_t LessonClock::StandStill(int64_t ns, int64_t window_lag)
{
    std::lock_guard lock(m_write);
    const int64_t fallen_behind = SettledLag() - window_lag;
    if (ns > fallen_behind)
        Rebase([&] { m_owed.store(m_owed.load(std::memory_order_relaxed) + ns - fallen_behind, std::memory_order_relaxed); });
    return SettledLag();
}

} // namespace threadlab
