#include "gil.hpp"

namespace threadlab {

namespace {
constexpr size_t kMaxHandoffSamples = 1 << 16;

std::chrono::steady_clock::time_point AsTimePoint(int64_t ns)
{
    return std::chrono::steady_clock::time_point(std::chrono::nanoseconds(ns));
}
} // namespace

Gil::Gil(int64_t interval_ns, const StopFlag& stop, LessonClock* clock)
    : m_interval_ns(interval_ns), m_stop(stop), m_clock(clock)
{
}

void Gil::WaitForGil(std::unique_lock<std::mutex>& lock)
{
    while (m_locked) {
        const uint64_t saved_switch_number = m_switch_number;
        const int64_t deadline = NowNs() + m_interval_ns.load(std::memory_order_relaxed);
        bool notified = false;
        while (m_locked && !notified) {
            if (m_stop.StopRequested())
                throw RunStopped{};
            const int64_t now = NowNs();
            if (now >= deadline)
                break;
            const int64_t wake = deadline - now > kStopPollNs ? now + kStopPollNs : deadline;
            if (m_cond.wait_until(lock, AsTimePoint(wake)) == std::cv_status::no_timeout)
                notified = true;
        }
        // A whole interval without a hand-off: ask the holder to let go.
        if (m_locked && !notified && m_switch_number == saved_switch_number && !DropRequested()) {
            m_request_ns = NowNs();
            m_drop_request.store(true, std::memory_order_relaxed);
        }
    }
}

Gil::Taken Gil::Acquire(int32_t lane)
{
    m_locked = true;
    m_holder = lane;
    const int32_t previous = m_last_holder;
    if (lane != m_last_holder) {
        m_last_holder = lane;
        ++m_switch_number;
    }
    if (DropRequested()) {
        if (m_handoff_ns.size() < kMaxHandoffSamples)
            m_handoff_ns.push_back(NowNs() - m_request_ns);
        m_drop_request.store(false, std::memory_order_relaxed);
    }
    m_switched.notify_all();
    return Taken{previous, false};
}

int32_t Gil::Drop(int32_t lane)
{
    std::unique_lock lock(m_mutex);
    m_locked = false;
    m_holder = -1;
    if (m_clock != nullptr)
        m_clock->GilDropped();
    m_cond.notify_one();
    if (DropRequested() && m_last_holder == lane) {
        // Forced switching: do not return (and maybe re-take it) until the
        // thread that asked has it.
        while (m_last_holder == lane) {
            if (m_stop.StopRequested())
                throw RunStopped{};
            m_switched.wait_for(lock, std::chrono::nanoseconds(kStopPollNs));
        }
    }
    return m_last_holder == lane ? -1 : m_last_holder;
}

uint64_t Gil::Switches() const
{
    std::lock_guard lock(m_mutex);
    return m_switch_number;
}

std::vector<int64_t> Gil::HandoffLatenciesNs() const
{
    std::lock_guard lock(m_mutex);
    return m_handoff_ns;
}

} // namespace threadlab
