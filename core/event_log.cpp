#include "event_log.hpp"

#include <algorithm>

namespace threadlab {

// Uninitialised storage: every slot is written before it is published, and
// zero-filling a fresh chunk would touch its pages twice.
EventLog::Chunk::Chunk(uint32_t cap)
    : capacity(cap), events(static_cast<TraceEvent*>(::operator new[](sizeof(TraceEvent) * cap)))
{
}

EventLog::EventLog() : m_head(std::make_unique<Chunk>(kFirstChunk)), m_tail(m_head.get()) {}

EventLog::~EventLog()
{
    // Free the chain iteratively; a recursive unique_ptr chain could overflow
    // the stack on a very long recording.
    Chunk* chunk = m_head->next.load(std::memory_order_relaxed);
    while (chunk != nullptr) {
        Chunk* next = chunk->next.load(std::memory_order_relaxed);
        delete chunk;
        chunk = next;
    }
}

void EventLog::Grow()
{
    const uint32_t capacity = std::min(m_tail->capacity * 2, kMaxChunk);
    auto* chunk = new Chunk(capacity);
    m_tail->next.store(chunk, std::memory_order_release);
    m_tail = chunk;
    m_tail_used = 0;
}

size_t EventLog::BytesReserved() const
{
    size_t bytes = 0;
    for (const Chunk* c = m_head.get(); c != nullptr; c = c->next.load(std::memory_order_acquire))
        bytes += sizeof(Chunk) + size_t(c->capacity) * sizeof(TraceEvent);
    return bytes;
}

} // namespace threadlab
