#pragma once
// EventLog: an append-only list of events with exactly one writer (the thread
// that owns the lane) and any number of readers that never block it.
//
// Design notes
// - Events live in a chain of chunks that never move once allocated; chunk
//   capacity doubles from kFirstChunk to kMaxChunk so a thread that records
//   three events costs kilobytes, not megabytes. Full-size chunks are
//   mapped whole and recycled across recordings (event_log.cpp), so the
//   writer does not take a page fault every 128 events.
// - The writer fills a slot, then publishes the new count with a release
//   store. A reader loads the count with acquire and may read every slot
//   below it; slots at or above it are the writer's alone.
// - A chunk's `next` pointer is stored before the count that covers its first
//   event, so a reader that saw the count also finds the chunk.
// - Readers keep a cursor and visit only what is new since their last read.
//   The chain is shared: a reader that keeps Head() may go on reading the
//   events in place (Locate) after the log itself is gone.
#include "trace_types.hpp"

#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace threadlab {

class EventLog {
public:
    struct Chunk;

    EventLog();
    ~EventLog();
    EventLog(const EventLog&) = delete;
    EventLog& operator=(const EventLog&) = delete;

    // Writer side: only the owning thread calls this.
    void Append(const TraceEvent& event)
    {
        if (m_tail_used == m_tail->capacity) [[unlikely]]
            Grow();
        m_tail->events[m_tail_used++] = event;
        m_count.store(m_written + 1, std::memory_order_release);
        ++m_written;
    }

    // Reader side: calls `out(event, index)` for each event in [cursor,
    // published count) and advances the cursor.
    struct Cursor {
        const Chunk* chunk = nullptr;
        uint32_t index = 0;
        uint64_t consumed = 0;
    };
    template <class Sink>
    void ReadNew(Cursor& cursor, Sink&& out) const
    {
        const uint64_t count = m_count.load(std::memory_order_acquire);
        if (cursor.chunk == nullptr)
            cursor.chunk = m_head.get();
        while (cursor.consumed < count) {
            if (cursor.index == cursor.chunk->capacity) {
                cursor.chunk = cursor.chunk->next.load(std::memory_order_acquire);
                cursor.index = 0;
            }
            out(cursor.chunk->events[cursor.index], cursor.consumed);
            ++cursor.index;
            ++cursor.consumed;
        }
    }

    uint64_t Count() const { return m_count.load(std::memory_order_acquire); }
    size_t BytesReserved() const;

    // Where event `index` lives: the chunk's place in the chain and the slot
    // in it. Chunk sizes depend only on their place, so this is arithmetic.
    struct Place {
        uint32_t chunk;
        uint32_t slot;
    };
    static constexpr Place Locate(uint64_t index);
    // Keeps every chunk alive for as long as the caller holds it.
    std::shared_ptr<const Chunk> Head() const { return m_head; }

    struct Chunk {
        explicit Chunk(uint32_t cap);
        struct Free {
            uint32_t capacity;
            void operator()(TraceEvent* p) const;
        };
        uint32_t capacity;
        std::unique_ptr<TraceEvent[], Free> events;
        std::atomic<Chunk*> next{nullptr};
    };

    static constexpr uint32_t kFirstChunk = 64;
    static constexpr uint32_t kMaxChunk = 4096; // 128 KB: little slack at the end of a long lane

private:
    void Grow();

    // The writer's fields and the published count each on their own cache
    // line, so lanes written from different cores never share one.
    alignas(64) std::shared_ptr<Chunk> m_head; // frees the whole chain when the last holder lets go
    Chunk* m_tail;           // writer only
    uint32_t m_tail_used = 0; // writer only
    uint64_t m_written = 0;   // writer only
    alignas(64) std::atomic<uint64_t> m_count{0};
    [[maybe_unused]] char m_pad[64 - sizeof(std::atomic<uint64_t>)] = {}; // keeps the next object off this cache line
};

constexpr EventLog::Place EventLog::Locate(uint64_t index)
{
    // Chunks double from kFirstChunk up to kMaxChunk, then stay there.
    constexpr uint64_t kGrowingEvents = uint64_t(kFirstChunk) * (2 * (kMaxChunk / kFirstChunk) - 1);
    constexpr uint32_t kGrowingChunks = std::countr_zero(kMaxChunk / kFirstChunk) + 1;
    if (index >= kGrowingEvents) [[likely]] { // a long lane's events are nearly all in full-size chunks
        const uint64_t past = index - kGrowingEvents;
        return {uint32_t(kGrowingChunks + past / kMaxChunk), uint32_t(past % kMaxChunk)};
    }
    const uint32_t chunk = uint32_t(std::bit_width(index / kFirstChunk + 1) - 1);
    return {chunk, uint32_t(index - uint64_t(kFirstChunk) * ((uint64_t(1) << chunk) - 1))};
}

} // namespace threadlab
