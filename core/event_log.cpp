#include "event_log.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <mutex>
#include <new>
#include <vector>

namespace threadlab {

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitizingAddresses = true;
#else
constexpr bool kSanitizingAddresses = false;
#endif

// Full-size chunks, which a long lane uses by the hundred. Fresh memory costs
// the writer a page fault per 4 KB (128 events) on first touch, so a
// full-size chunk's pages are mapped in one call, and chunks go back to a
// pool when a recording ends, for the next run to fill without the kernel
// (BM_RecordRunAfterRun; BM_MemoryPerSpan took half the time).
class FullChunkPool {
public:
    static constexpr size_t kBytes = sizeof(TraceEvent) * EventLog::kMaxChunk;
    static constexpr size_t kKept = 256; // 32 MB: a few long runs' worth

    static FullChunkPool& Shared()
    {
        static FullChunkPool* pool = new FullChunkPool; // never destroyed: logs may outlive static teardown
        return *pool;
    }

    void* Take()
    {
        if (kSanitizingAddresses) // it must see every chunk's use after free
            return ::operator new[](kBytes);
        {
            std::lock_guard lock(m_mutex);
            if (!m_free.empty()) {
                void* memory = m_free.back();
                m_free.pop_back();
                return memory;
            }
        }
        void* memory = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (memory == MAP_FAILED)
            throw std::bad_alloc();
        return memory;
    }

    void Give(void* memory)
    {
        if (kSanitizingAddresses) {
            ::operator delete[](memory);
            return;
        }
        {
            std::lock_guard lock(m_mutex);
            if (m_free.size() < kKept) {
                m_free.push_back(memory);
                return;
            }
        }
        munmap(memory, kBytes);
    }

private:
    std::mutex m_mutex;
    std::vector<void*> m_free;
};

} // namespace

// Uninitialised storage: every slot is written before it is published, and
// zero-filling a fresh chunk would touch its pages twice.
EventLog::Chunk::Chunk(uint32_t cap)
    : capacity(cap),
      events(static_cast<TraceEvent*>(cap == kMaxChunk ? FullChunkPool::Shared().Take()
                                                        : ::operator new[](sizeof(TraceEvent) * cap)),
             Free{cap})
{
}

void EventLog::Chunk::Free::operator()(TraceEvent* p) const
{
    if (capacity == kMaxChunk)
        FullChunkPool::Shared().Give(p);
    else
        ::operator delete[](p);
}

namespace {

// Frees the chain iteratively; a recursive chain of owners could overflow
// the stack on a very long recording.
void FreeChain(EventLog::Chunk* head)
{
    while (head != nullptr) {
        EventLog::Chunk* next = head->next.load(std::memory_order_acquire);
        delete head;
        head = next;
    }
}

} // namespace

EventLog::EventLog() : m_head(new Chunk(kFirstChunk), FreeChain), m_tail(m_head.get()) {}

EventLog::~EventLog() = default;

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
