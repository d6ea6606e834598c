#include "step_chooser.hpp"

#include "interp.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace threadlab::py {

StepChooser::StepChooser(std::vector<std::string> replay, std::vector<std::string> watch, std::vector<int> lines)
    : m_replay(std::move(replay)), m_watch(std::move(watch)), m_lines(std::move(lines))
{
}

size_t StepChooser::Choose(const ChoicePoint& point)
{
    std::unique_lock lock(m_mutex);
    const size_t number = m_made.size();
    if (number < m_replay.size() && m_mismatch.empty()) {
        for (size_t c = 0; c < point.candidates.size(); ++c)
            if (point.candidates[c] == m_replay[number]) {
                m_made.push_back(point.candidates[c]);
                return c;
            }
        m_mismatch = fmt::format("choice {} was {}, who cannot run there", number + 1, m_replay[number]);
    }
    if (m_released) {
        m_made.push_back(point.candidates[0]);
        return 0;
    }
    StepChoice choice;
    choice.number = number;
    choice.preemption = point.preemption;
    for (size_t c = 0; c < point.candidates.size(); ++c) {
        const ThreadState* ts = c < point.states.size() ? point.states[c] : nullptr;
        if (ts != nullptr)
            choice.threads.push_back(PlaceOf(*ts, point.candidates[c], point.at_switch_point[c]));
        else
            choice.threads.push_back(ThreadPlace{point.candidates[c]});
    }
    for (const ThreadState* ts : point.states)
        if (ts != nullptr && ts->interp.main != nullptr) {
            choice.globals = GlobalsOf(*ts->interp.main, m_watch);
            break;
        }
    for (const int line : m_lines) {
        int there = 0;
        for (const ThreadPlace& t : choice.threads)
            there += t.line == line && t.inside.empty();
        if (there >= 2 && std::find(m_lines_shared.begin(), m_lines_shared.end(), line) == m_lines_shared.end())
            m_lines_shared.push_back(line);
    }
    const size_t chosen = Decide(point, choice, lock);
    m_made.push_back(point.candidates[chosen]);
    return chosen;
}

size_t StepChooser::Decide(const ChoicePoint& point, const StepChoice& choice, std::unique_lock<std::mutex>& lock)
{
    if (!m_follow.empty()) {
        for (size_t c = 0; c < choice.threads.size(); ++c) {
            const ThreadPlace& t = choice.threads[c];
            if (t.thread == m_follow && t.line == m_follow_line && t.function == m_follow_function)
                return c;
        }
        m_follow.clear(); // it moved on, or cannot run: the person decides again
    }
    m_waiting = choice;
    m_answer.reset();
    m_answered.wait(lock, [&] { return m_answer.has_value() || m_released; });
    m_waiting.reset();
    if (!m_answer || *m_answer >= point.candidates.size())
        return 0;
    return *m_answer;
}

std::optional<StepChoice> StepChooser::Waiting() const
{
    std::lock_guard lock(m_mutex);
    return m_waiting;
}

void StepChooser::Pick(size_t index)
{
    std::lock_guard lock(m_mutex);
    if (!m_waiting)
        return;
    m_answer = index;
    m_waiting.reset(); // answered: nobody sees it again
    m_answered.notify_all();
}

void StepChooser::PickToNextLine(size_t index)
{
    std::lock_guard lock(m_mutex);
    if (!m_waiting || index >= m_waiting->threads.size())
        return;
    const ThreadPlace& t = m_waiting->threads[index];
    if (t.line > 0) {
        m_follow = t.thread;
        m_follow_line = t.line;
        m_follow_function = t.function;
    }
    m_answer = index;
    m_waiting.reset();
    m_answered.notify_all();
}

void StepChooser::Release()
{
    std::lock_guard lock(m_mutex);
    m_released = true;
    m_answered.notify_all();
}

std::vector<std::string> StepChooser::Made() const
{
    std::lock_guard lock(m_mutex);
    return m_made;
}

std::string StepChooser::Mismatch() const
{
    std::lock_guard lock(m_mutex);
    return m_mismatch;
}

} // namespace threadlab::py

namespace threadlab::py {

std::vector<int> StepChooser::LinesShared() const
{
    std::lock_guard lock(m_mutex);
    return m_lines_shared;
}

} // namespace threadlab::py
