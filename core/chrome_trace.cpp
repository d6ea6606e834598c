#include "chrome_trace.hpp"

#include "describe.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <ostream>

namespace threadlab {

namespace {

using nlohmann::json;

struct Writer {
    const TraceSnapshot& trace;
    json events = json::array();
    int next_flow_id = 1;

    double Micros(const GroupTrace& group, int64_t ns) const { return group.Seconds(ns) * 1e6; }

    json Base(const char* phase, const LaneTrace& lane, int lane_index) const
    {
        return json{{"ph", phase}, {"pid", lane.group + 1}, {"tid", lane_index + 1}};
    }

    void Flow(const char* name, int from_lane, int64_t from_t, int to_lane, int64_t to_t)
    {
        const LaneTrace& from = trace.lanes[size_t(from_lane)];
        const LaneTrace& to = trace.lanes[size_t(to_lane)];
        const GroupTrace& group = trace.groups[size_t(from.group)];
        json start = Base("s", from, from_lane);
        start.update({{"name", name}, {"cat", "flow"}, {"id", next_flow_id}, {"ts", Micros(group, from_t)}});
        json finish = Base("f", to, to_lane);
        finish.update({{"name", name}, {"cat", "flow"}, {"id", next_flow_id}, {"bp", "e"}, {"ts", Micros(group, to_t)}});
        events.push_back(std::move(start));
        events.push_back(std::move(finish));
        ++next_flow_id;
    }
};

} // namespace

void WriteChromeTrace(const TraceSnapshot& trace, const TraceMetadata& meta, std::ostream& out)
{
    Writer w{trace};
    for (size_t g = 0; g < trace.groups.size(); ++g) {
        const GroupTrace& group = trace.groups[g];
        w.events.push_back(json{{"ph", "M"}, {"name", "process_name"}, {"pid", int(g) + 1},
                                {"args", {{"name", group.name + " (Python " + group.python + ")"}}}});
        w.events.push_back(json{{"ph", "M"}, {"name", "process_sort_index"}, {"pid", int(g) + 1},
                                {"args", {{"sort_index", int(g)}}}});
    }
    // Lock hand-offs: pair each acquire-after-waiting with the latest earlier
    // release of the same lock (global sequence order).
    struct LockEvent {
        uint32_t seq;
        int lane;
        int64_t t;
        bool release;
    };
    std::map<uint32_t, std::vector<LockEvent>> lock_events;

    for (size_t l = 0; l < trace.lanes.size(); ++l) {
        const LaneTrace& lane = trace.lanes[l];
        const GroupTrace& group = trace.groups[size_t(lane.group)];
        const int li = int(l);
        json name = w.Base("M", lane, li);
        name.update({{"name", "thread_name"}, {"args", {{"name", lane.name}}}});
        w.events.push_back(std::move(name));
        json order = w.Base("M", lane, li);
        order.update({{"name", "thread_sort_index"}, {"args", {{"sort_index", li}}}});
        w.events.push_back(std::move(order));

        for (const Span& span : lane.spans) {
            if (span.state == State::Done)
                continue;
            json x = w.Base("X", lane, li);
            x.update({{"name", std::string(StateName(span.state))},
                      {"cat", "state"},
                      {"ts", w.Micros(group, span.t0)},
                      {"dur", w.Micros(group, span.t1 - span.t0)},
                      {"args", {{"why", DescribeSpan(trace, lane, span)}}}});
            w.events.push_back(std::move(x));
        }
        for (const Mark& mark : lane.marks) {
            switch (mark.kind) {
            case MarkKind::CounterWrite: {
                json c = w.Base("C", lane, li);
                c.update({{"name", "counter"}, {"ts", w.Micros(group, mark.t)}, {"args", {{"value", mark.value}}}});
                w.events.push_back(std::move(c));
                break;
            }
            case MarkKind::Start:
            case MarkKind::End:
            case MarkKind::Error: {
                json i = w.Base("i", lane, li);
                i.update({{"name", DescribeMark(trace, lane, mark)}, {"s", "t"}, {"ts", w.Micros(group, mark.t)}});
                w.events.push_back(std::move(i));
                break;
            }
            case MarkKind::JoinReturned: {
                const LaneTrace& joined = trace.lanes[size_t(mark.other)];
                const auto end = std::find_if(joined.marks.rbegin(), joined.marks.rend(),
                                              [](const Mark& m) { return m.kind == MarkKind::End; });
                if (end != joined.marks.rend())
                    w.Flow("join", mark.other, end->t, li, mark.t);
                break;
            }
            case MarkKind::LockAcquired:
            case MarkKind::LockReleased:
                lock_events[mark.object].push_back(
                    LockEvent{mark.seq, li, mark.t, mark.kind == MarkKind::LockReleased});
                break;
            default:
                break;
            }
        }
    }
    for (auto& [object, list] : lock_events) {
        std::sort(list.begin(), list.end(), [](const LockEvent& a, const LockEvent& b) { return a.seq < b.seq; });
        const LockEvent* last_release = nullptr;
        for (const LockEvent& e : list) {
            if (e.release)
                last_release = &e;
            else if (last_release != nullptr && last_release->lane != e.lane)
                w.Flow("lock hand-off", last_release->lane, last_release->t, e.lane, e.t);
        }
    }

    json doc{{"traceEvents", std::move(w.events)},
             {"displayTimeUnit", "ms"},
             {"otherData",
              {{"generator", "threadlab"},
               {"format_version", 1},
               {"lesson", meta.lesson},
               {"python", meta.python},
               {"time_scale", meta.time_scale},
               {"time_unit", "lesson microseconds"}}}};
    out << doc.dump() << '\n';
}

} // namespace threadlab
