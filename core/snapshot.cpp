#include "snapshot.hpp"

#include "recorder.hpp"

namespace threadlab {

void TraceSnapshot::Update(const Recorder& recorder)
{
    // Lanes first: every lane's group was published before the lane, so the
    // groups read next include all of theirs.
    const int lane_count = recorder.LaneCount();
    for (int g = int(groups.size()); g < recorder.GroupCount(); ++g) {
        const GroupInfo& info = recorder.Group(g);
        GroupTrace group;
        group.name = info.name;
        group.python = info.python;
        group.time_scale = info.time_scale;
        group.origin_ns = info.origin_ns;
        groups.push_back(std::move(group));
    }
    for (GroupTrace& group : groups) {
        if (group.end_ns >= 0)
            continue;
        const GroupInfo& info = recorder.Group(int(&group - groups.data()));
        const int64_t end = info.end_ns.load(std::memory_order_acquire);
        if (end >= 0)
            group.end_ns = end - group.origin_ns;
    }
    for (int l = int(lanes.size()); l < lane_count; ++l) {
        const LaneInfo& info = recorder.Lane(l);
        LaneTrace lane;
        lane.name = info.name;
        lane.group = info.group;
        lane.process = info.process;
        lane.spans.ReadFrom(info.log, groups[size_t(info.group)].origin_ns);
        lanes.push_back(std::move(lane));
        groups[size_t(info.group)].lanes.push_back(l);
    }
    for (size_t l = 0; l < lanes.size(); ++l) {
        LaneTrace& lane = lanes[l];
        const LaneInfo& info = recorder.Lane(int(l));
        const GroupTrace& group = groups[size_t(lane.group)];
        info.log.ReadNew(lane.cursor, [&](const TraceEvent& e, uint64_t index) { Absorb(lane, group, e, index); });
        lane.current_line = info.current_line.load(std::memory_order_relaxed);
    }
    // Labels may be interned after the events that use them were read, so
    // pull them last.
    for (uint16_t id = uint16_t(labels.size());; ++id) {
        std::string_view text = recorder.Label(id);
        if (text.empty())
            break;
        labels.emplace_back(text);
    }
    object_names = recorder.ObjectNames();
    // Read the clock after every event so an open span never ends before it starts.
    now_ns = recorder.ReaderNow();
    for (LaneTrace& lane : lanes) {
        if (lane.ended || lane.spans.empty())
            continue;
        const GroupTrace& group = groups[size_t(lane.group)];
        lane.spans.SetOpenEnd(GroupNow(group));
    }
}

void TraceSnapshot::Absorb(LaneTrace& lane, const GroupTrace& group, const TraceEvent& e, uint64_t index)
{
    const int64_t t = e.t_ns - group.origin_ns;
    if (e.kind == EventKind::Mark) {
        lane.marks.push_back(Mark{t, e.value, e.seq, e.other, e.object, e.label, MarkKind(e.code)});
    } else {
        if (lane.spans.size() % LaneTrace::kIndexStride == 0)
            lane.span_index.push_back(t);
        if (State(e.code) == State::Done)
            lane.ended = true;
    }
    lane.spans.Note(e, index);
}

void RebuildSpanIndex(LaneTrace& lane)
{
    lane.span_index.clear();
    for (size_t i = 0; i < lane.spans.size(); i += LaneTrace::kIndexStride)
        lane.span_index.push_back(lane.spans[i].t0);
}

int64_t TraceSnapshot::GroupNow(const GroupTrace& group) const
{
    if (group.end_ns >= 0)
        return group.end_ns;
    return now_ns - group.origin_ns;
}

size_t TraceSnapshot::SpanCount() const
{
    size_t count = 0;
    for (const LaneTrace& lane : lanes)
        count += lane.spans.size();
    return count;
}

const std::string& TraceSnapshot::Label(uint16_t id) const
{
    return id < labels.size() ? labels[id] : labels[0];
}

const std::string& TraceSnapshot::ObjectName(uint32_t id) const
{
    for (const auto& [object, label] : object_names)
        if (object == id)
            return Label(label);
    return labels[0];
}

} // namespace threadlab
