#include "wait_census.hpp"

#include "clock.hpp"
#include "runtime.hpp"

#include <algorithm>

namespace threadlab {

void WaitCensus::ThreadBegan()
{
    std::lock_guard lock(m_mutex);
    ++m_going_on;
}

void WaitCensus::ThreadEnded()
{
    std::lock_guard lock(m_mutex);
    --m_going_on;
    ++m_generation;
    m_changed_ns = NowNs();
}

void WaitCensus::Changed()
{
    std::lock_guard lock(m_mutex);
    ++m_generation;
    m_changed_ns = NowNs();
}

void WaitCensus::BeginWait(const ThreadRecord& waiter)
{
    std::lock_guard lock(m_mutex);
    --m_going_on;
    m_waiting.push_back(Waiter{&waiter});
    m_changed_ns = NowNs();
}

void WaitCensus::EndWait(const ThreadRecord& waiter)
{
    std::lock_guard lock(m_mutex);
    ++m_going_on;
    ++m_generation;
    m_changed_ns = NowNs();
    m_waiting.erase(std::remove_if(m_waiting.begin(), m_waiting.end(),
                                   [&](const Waiter& w) { return w.record == &waiter; }),
                    m_waiting.end());
}

bool WaitCensus::StillBlocked(const ThreadRecord& waiter, std::string what)
{
    std::lock_guard lock(m_mutex);
    if (m_deadlocked)
        return true;
    for (Waiter& w : m_waiting)
        if (w.record == &waiter) {
            w.seen = m_generation;
            w.what = std::move(what);
        }
    // Once the main thread has ended, the program is ending: its daemon threads are abandoned, not deadlocked.
    const bool main_waits =
        std::any_of(m_waiting.begin(), m_waiting.end(), [](const Waiter& w) { return w.record->main; });
    if (m_going_on > 0 || !main_waits)
        return false;
    for (const Waiter& w : m_waiting)
        if (w.seen != m_generation)
            return false; // it may have been woken and not yet noticed
    std::vector<const Waiter*> order;
    for (const Waiter& w : m_waiting)
        order.push_back(&w);
    std::sort(order.begin(), order.end(), [](const Waiter* a, const Waiter* b) { return a->record->index < b->record->index; });
    std::string text;
    for (const Waiter* w : order)
        text += (text.empty() ? "" : "; ") + w->record->name + " " + w->what;
    m_description = "every thread is blocked with nothing left to wake it: " + text;
    m_deadlocked = true;
    return true;
}

bool WaitCensus::Deadlocked() const
{
    std::lock_guard lock(m_mutex);
    return m_deadlocked;
}

int64_t WaitCensus::StuckForNs() const
{
    std::lock_guard lock(m_mutex);
    return m_deadlocked ? std::max<int64_t>(0, NowNs() - m_changed_ns) : 0;
}

std::string WaitCensus::Description() const
{
    std::lock_guard lock(m_mutex);
    return m_description;
}

ForeverWait::ForeverWait(WaitCensus& census, const ThreadRecord& waiter, bool forever)
    : m_census(census), m_waiter(waiter), m_forever(forever), m_main(waiter.main)
{
    if (m_forever)
        m_census.BeginWait(m_waiter);
}

ForeverWait::~ForeverWait()
{
    if (m_forever)
        m_census.EndWait(m_waiter);
}

} // namespace threadlab
