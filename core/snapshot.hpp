#pragma once
// TraceSnapshot: a reader's private, growing copy of a recording.
//
// Update() visits only the events appended since the previous call, so the
// window can refresh every frame while a million spans exist; spans are read
// in the recorder's own memory (SpanList), marks are copied. Times are in
// nanoseconds since the start of the span's own group (run); divide by the
// group's time scale for lesson seconds.
//
// Guarantees a reader relies on: within a lane spans are in time order and
// never overlap; the last span of a live lane is open and ends at the
// snapshot's `now`; a span never ends before it starts.
#include "event_log.hpp"
#include "span_list.hpp"
#include "trace_types.hpp"

#include <string>
#include <vector>

namespace threadlab {

class Recorder;

struct Mark {
    int64_t t = 0;
    int64_t value = 0;
    uint32_t seq = 0;
    int32_t other = kNoLane;
    uint32_t object = 0;
    uint16_t label = 0;
    MarkKind kind = MarkKind::Start;
};

struct LaneTrace {
    static constexpr size_t kIndexStride = 32;

    std::string name;
    int group = 0;
    int process = 0; // LaneInfo::process
    SpanList spans;
    // t0 of every kIndexStride-th span: a small index a reader can search
    // without touching the spans themselves (the timeline's folding).
    std::vector<int64_t> span_index;
    std::vector<Mark> marks;
    bool ended = false;   // reached State::Done
    int current_line = 0; // listing line hint
    EventLog::Cursor cursor;
};

// Rebuilds span_index after spans were filled by hand (tests, benchmarks).
void RebuildSpanIndex(LaneTrace& lane);

struct GroupTrace {
    std::string name;
    std::string python;
    double time_scale = 1.0;
    int64_t origin_ns = 0; // recorder clock
    int64_t end_ns = -1;   // relative to origin; -1 while the run goes on
    std::vector<int> lanes;

    double Seconds(int64_t ns) const { return double(ns) / 1e9 / time_scale; }
};

class TraceSnapshot {
public:
    // Pulls what the recorder gained since the last call. Never blocks writers.
    void Update(const Recorder& recorder);

    std::vector<GroupTrace> groups;
    std::vector<LaneTrace> lanes;
    std::vector<std::string> labels{""};
    std::vector<std::pair<uint32_t, uint16_t>> object_names; // object id → label (a lock's name in the program)
    int64_t now_ns = 0; // recorder clock at the last Update

    // Now, relative to a group's origin (its end once it has ended).
    int64_t GroupNow(const GroupTrace& group) const;
    size_t SpanCount() const;
    const std::string& Label(uint16_t id) const;
    // What the program calls object `id` ("lock"), or empty.
    const std::string& ObjectName(uint32_t id) const;

private:
    void Absorb(LaneTrace& lane, const GroupTrace& group, const TraceEvent& event, uint64_t index);
};

} // namespace threadlab
