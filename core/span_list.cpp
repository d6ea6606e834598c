#include "span_list.hpp"

#include <algorithm>

namespace threadlab {

size_t SpanList::BytesHeld() const
{
    return m_chunks.capacity() * sizeof(m_chunks[0]) + m_events.capacity() * sizeof(m_events[0]) +
           m_held.capacity() * sizeof(Span);
}

void SpanList::SortByStart()
{
    std::stable_sort(m_held.begin(), m_held.end(), [](const Span& a, const Span& b) { return a.t0 < b.t0; });
}

void SpanList::ReadFrom(const EventLog& log, int64_t origin_ns)
{
    m_log = log.Head();
    m_origin_ns = origin_ns;
}

void SpanList::Note(const TraceEvent& event, uint64_t index)
{
    // The log is read in order, so a chunk's first event is met before any
    // other of its events: that is where the chunk's storage begins.
    if (EventLog::Locate(index).slot == 0)
        m_chunks.push_back(&event);
    if (event.kind == EventKind::StateChange)
        m_events.push_back(uint32_t(index));
}

} // namespace threadlab
