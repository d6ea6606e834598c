#pragma once
// SpanList: one lane's spans, read where the recorder wrote them.
//
// A live lane's spans are its state-change events, still in the recorder's
// chunks: the list keeps the chain alive and notes which events are state
// changes, 4 bytes a span, instead of copying 32 (BM_MemoryPerSpan). A span
// ends where the next one starts; the last ends "now" unless it is Done.
// Spans read from a file, or made by hand, are held as they are.
#include "event_log.hpp"
#include "trace_types.hpp"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <vector>

namespace threadlab {

// 32 bytes: what a reader sees of a span.
struct Span {
    int64_t t0 = 0;
    int64_t t1 = 0;
    int32_t other = kNoLane; // GIL or lock holder, joined thread
    uint32_t object = 0;     // lock id
    uint16_t label = 0;
    State state = State::Running;
};

static_assert(sizeof(Span) == 32);

class SpanList {
public:
    class Iterator;

    SpanList() = default;
    SpanList(std::initializer_list<Span> held) : m_held(held) {}

    size_t size() const { return m_log ? m_events.size() : m_held.size(); }
    bool empty() const { return size() == 0; }
    Span operator[](size_t i) const { return m_log ? FromLog(i) : m_held[i]; }
    // Only where span i starts: one read, for searches.
    int64_t Start(size_t i) const { return m_log ? Event(m_events[i]).t_ns - m_origin_ns : m_held[i].t0; }
    Span front() const { return (*this)[0]; }
    Span back() const { return (*this)[size() - 1]; }
    Iterator begin() const;
    Iterator end() const;
    std::reverse_iterator<Iterator> rbegin() const;
    std::reverse_iterator<Iterator> rend() const;
    // Bytes this list itself holds (the log's are the recorder's).
    size_t BytesHeld() const;

    // Held spans (a file, a test); not for a list that reads a log.
    void push_back(const Span& span) { m_held.push_back(span); }
    void SortByStart();

    // Reading a log (TraceSnapshot): every event read from it passes through
    // Note, in order; its state changes become spans. Times are made
    // relative to `origin_ns`, the group's start on the recorder clock.
    void ReadFrom(const EventLog& log, int64_t origin_ns);
    void Note(const TraceEvent& event, uint64_t index);
    // Where the last span ends while it is open (not Done).
    void SetOpenEnd(int64_t t) { m_open_end = t; }

private:
    const TraceEvent& Event(uint32_t index) const
    {
        const EventLog::Place place = EventLog::Locate(index);
        return m_chunks[place.chunk][place.slot];
    }
    Span FromLog(size_t i) const
    {
        const TraceEvent& e = Event(m_events[i]);
        Span span{e.t_ns - m_origin_ns, 0, e.other, e.object, e.label, State(e.code)};
        if (i + 1 < m_events.size()) [[likely]]
            span.t1 = Event(m_events[i + 1]).t_ns - m_origin_ns;
        else
            span.t1 = span.state == State::Done ? span.t0 : m_open_end;
        return span;
    }

    std::shared_ptr<const EventLog::Chunk> m_log; // set: the spans are read from it
    std::vector<const TraceEvent*> m_chunks;      // each chunk's events, in chain order
    std::vector<uint32_t> m_events;               // the event each span starts with
    int64_t m_origin_ns = 0;
    int64_t m_open_end = 0;
    std::vector<Span> m_held;
};

// A random-access iterator that yields spans by value.
class SpanList::Iterator {
public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Span;
    using difference_type = std::ptrdiff_t;
    using reference = Span;
    struct pointer {
        Span span;
        const Span* operator->() const { return &span; }
    };

    Iterator() = default;
    Iterator(const SpanList* list, size_t i) : m_list(list), m_i(i) {}

    Span operator*() const { return (*m_list)[m_i]; }
    pointer operator->() const { return {**this}; }
    Span operator[](difference_type n) const { return (*m_list)[size_t(difference_type(m_i) + n)]; }
    size_t Index() const { return m_i; }

    Iterator& operator++() { ++m_i; return *this; }
    Iterator operator++(int) { Iterator old = *this; ++m_i; return old; }
    Iterator& operator--() { --m_i; return *this; }
    Iterator operator--(int) { Iterator old = *this; --m_i; return old; }
    Iterator& operator+=(difference_type n) { m_i = size_t(difference_type(m_i) + n); return *this; }
    Iterator& operator-=(difference_type n) { return *this += -n; }
    friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
    friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
    friend Iterator operator-(Iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const Iterator& a, const Iterator& b)
    {
        return difference_type(a.m_i) - difference_type(b.m_i);
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.m_i == b.m_i; }
    friend auto operator<=>(const Iterator& a, const Iterator& b) { return a.m_i <=> b.m_i; }

private:
    const SpanList* m_list = nullptr;
    size_t m_i = 0;
};

inline SpanList::Iterator SpanList::begin() const { return {this, 0}; }
inline SpanList::Iterator SpanList::end() const { return {this, size()}; }
inline std::reverse_iterator<SpanList::Iterator> SpanList::rbegin() const { return std::reverse_iterator(end()); }
inline std::reverse_iterator<SpanList::Iterator> SpanList::rend() const { return std::reverse_iterator(begin()); }

} // namespace threadlab
