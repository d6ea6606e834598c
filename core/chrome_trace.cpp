#include "chrome_trace.hpp"

#include "describe.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
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
                                {"args", {{"name", group.name + " (Python " + group.python + ")"},
                                          {"run", group.name},
                                          {"python", group.python}}}});
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
            // args carry what threadlab needs to open the trace again.
            x.update({{"name", std::string(StateName(span.state))},
                      {"cat", "state"},
                      {"ts", w.Micros(group, span.t0)},
                      {"dur", w.Micros(group, span.t1 - span.t0)},
                      {"args",
                       {{"why", DescribeSpan(trace, lane, span)},
                        {"state", int(span.state)},
                        {"other", span.other},
                        {"object", span.object},
                        {"label", trace.Label(span.label)}}}});
            w.events.push_back(std::move(x));
        }
        for (const Mark& mark : lane.marks) {
            switch (mark.kind) {
            case MarkKind::CounterWrite: {
                json c = w.Base("C", lane, li);
                c.update({{"name", "counter"}, {"ts", w.Micros(group, mark.t)}, {"args", {{"value", mark.value}}}});
                c["tid"] = li + 1;
                w.events.push_back(std::move(c));
                break;
            }
            case MarkKind::Start:
            case MarkKind::End:
            case MarkKind::Error: {
                json i = w.Base("i", lane, li);
                i.update({{"name", DescribeMark(trace, lane, mark)},
                          {"s", "t"},
                          {"ts", w.Micros(group, mark.t)},
                          {"args", {{"mark", int(mark.kind)}, {"label", trace.Label(mark.label)}}}});
                w.events.push_back(std::move(i));
                break;
            }
            case MarkKind::JoinReturned: {
                json i = w.Base("i", lane, li);
                i.update({{"name", DescribeMark(trace, lane, mark)}, {"s", "t"}, {"ts", w.Micros(group, mark.t)},
                          {"args", {{"mark", int(mark.kind)}, {"other", mark.other}}}});
                w.events.push_back(std::move(i));
                if (mark.other < 0 || size_t(mark.other) >= trace.lanes.size())
                    break; // a trace opened again may name no joined thread
                const LaneTrace& joined = trace.lanes[size_t(mark.other)];
                const auto end = std::find_if(joined.marks.rbegin(), joined.marks.rend(),
                                              [](const Mark& m) { return m.kind == MarkKind::End; });
                if (end != joined.marks.rend())
                    w.Flow("join", mark.other, end->t, li, mark.t);
                break;
            }
            case MarkKind::LockAcquired:
            case MarkKind::LockReleased: {
                json i = w.Base("i", lane, li);
                i.update({{"name", DescribeMark(trace, lane, mark)}, {"s", "t"}, {"ts", w.Micros(group, mark.t)},
                          {"args", {{"mark", int(mark.kind)}, {"object", mark.object}, {"seq", mark.seq}, {"other", mark.other}}}});
                w.events.push_back(std::move(i));
            }
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

namespace threadlab {

namespace {

using nlohmann::json;

bool IsCount(const json& v) { return v.is_number_integer() && v.get<int64_t>() >= 0 && v.get<int64_t>() < (1 << 30); }
bool IsTime(const json& v) { return v.is_number() && std::isfinite(v.get<double>()) && v.get<double>() >= 0 && v.get<double>() < 1e13; }

// Typed reads that fall back instead of throwing: a file may hold anything
// where a string, a number or an object belongs.
std::string TextOf(const json& object, const char* key, std::string_view fallback = "")
{
    if (!object.is_object())
        return std::string(fallback);
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string(fallback);
}

int64_t IntegerOf(const json& object, const char* key, int64_t fallback)
{
    if (!object.is_object())
        return fallback;
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

json ArgsOf(const json& event)
{
    const auto it = event.find("args");
    return it != event.end() && it->is_object() ? *it : json::object();
}

std::variant<OpenedTrace, std::string> ReadTrace(std::string_view text)
{
    const json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded())
        return std::string("the file is not JSON (it may be damaged or cut short)");
    if (!doc.is_object() || !doc.contains("otherData") || !doc["otherData"].is_object() ||
        TextOf(doc["otherData"], "generator") != "threadlab")
        return std::string("the file is not a threadlab trace");
    if (IntegerOf(doc["otherData"], "format_version", 0) != 1)
        return std::string("the trace is from another version of threadlab");
    if (!doc.contains("traceEvents") || !doc["traceEvents"].is_array())
        return std::string("the trace has no events");

    OpenedTrace opened;
    const json& other = doc["otherData"];
    opened.meta.lesson = TextOf(other, "lesson");
    opened.meta.python = TextOf(other, "python");
    opened.meta.time_scale = 1.0;
    TraceSnapshot& trace = opened.trace;
    const std::string damaged = "the trace is damaged: ";

    // Runs and lanes first, from the metadata events.
    for (const json& e : doc["traceEvents"]) {
        if (!e.is_object() || TextOf(e, "ph") != "M" || !e.contains("pid") || !IsCount(e["pid"]))
            continue;
        const auto pid = e["pid"].get<int64_t>();
        const json args = ArgsOf(e);
        if (TextOf(e, "name") == "process_name") {
            if (pid < 1 || pid > 64)
                return damaged + "a run number is out of range";
            if (trace.groups.size() < size_t(pid))
                trace.groups.resize(size_t(pid));
            GroupTrace& group = trace.groups[size_t(pid - 1)];
            group.name = TextOf(args, "run", TextOf(args, "name", "run"));
            group.python = TextOf(args, "python");
            group.time_scale = 1.0;
            group.end_ns = 0;
        } else if (TextOf(e, "name") == "thread_name") {
            if (!e.contains("tid") || !IsCount(e["tid"]) || e["tid"].get<int64_t>() < 1 || e["tid"].get<int64_t>() > 100000)
                return damaged + "a thread number is out of range";
            const auto tid = size_t(e["tid"].get<int64_t>());
            if (trace.lanes.size() < tid)
                trace.lanes.resize(tid);
            trace.lanes[tid - 1].name = TextOf(args, "name", "?");
            trace.lanes[tid - 1].group = int(pid - 1);
            trace.lanes[tid - 1].ended = true;
        }
    }
    if (trace.groups.empty() || trace.lanes.empty())
        return damaged + "it names no runs or threads";
    for (size_t l = 0; l < trace.lanes.size(); ++l) {
        LaneTrace& lane = trace.lanes[l];
        if (lane.name.empty() || lane.group < 0 || size_t(lane.group) >= trace.groups.size())
            return damaged + "thread " + std::to_string(l + 1) + " has no name or run";
        trace.groups[size_t(lane.group)].lanes.push_back(int(l));
    }
    auto intern = [&](const std::string& label) -> uint16_t {
        if (label.empty())
            return 0;
        for (size_t i = 1; i < trace.labels.size(); ++i)
            if (trace.labels[i] == label)
                return uint16_t(i);
        if (trace.labels.size() >= 4096)
            return 0;
        trace.labels.push_back(label);
        return uint16_t(trace.labels.size() - 1);
    };
    auto lane_of = [&](const json& e) -> LaneTrace* {
        if (!e.contains("tid") || !IsCount(e["tid"]))
            return nullptr;
        const auto tid = size_t(e["tid"].get<int64_t>());
        return tid >= 1 && tid <= trace.lanes.size() ? &trace.lanes[tid - 1] : nullptr;
    };
    auto other_lane = [&](const json& args) {
        const int64_t o = IntegerOf(args, "other", kNoLane);
        return o >= 0 && size_t(o) < trace.lanes.size() ? int32_t(o) : kNoLane;
    };

    // Then spans and marks.
    for (const json& e : doc["traceEvents"]) {
        if (!e.is_object())
            return damaged + "an event is not an object";
        const std::string ph = TextOf(e, "ph");
        if (ph != "X" && ph != "i" && ph != "C")
            continue;
        LaneTrace* lane = lane_of(e);
        if (lane == nullptr || !e.contains("ts") || !IsTime(e["ts"]))
            return damaged + "an event has no valid thread or time";
        const auto t = std::llround(e["ts"].get<double>() * 1000); // rounded: a save and reopen gives back the same ns
        const json args = ArgsOf(e);
        if (ph == "X") {
            if (!e.contains("dur") || !IsTime(e["dur"]))
                return damaged + "a span has no valid duration";
            const int64_t state = IntegerOf(args, "state", -1);
            if (state < 0 || state >= kStateCount)
                return damaged + "a span has an unknown state";
            if (State(state) == State::Done)
                continue; // never written (a lane simply ends): keep reading and writing alike
            Span span;
            span.t0 = t;
            span.t1 = t + std::llround(e["dur"].get<double>() * 1000);
            span.state = State(state);
            span.other = other_lane(args);
            span.object = uint32_t(std::max<int64_t>(0, IntegerOf(args, "object", 0)));
            span.label = intern(TextOf(args, "label"));
            lane->spans.push_back(span);
        } else {
            Mark mark;
            mark.t = t;
            if (ph == "C") {
                mark.kind = MarkKind::CounterWrite;
                mark.value = IntegerOf(args, "value", 0);
            } else {
                const int64_t kind = IntegerOf(args, "mark", -1);
                if (kind < 0 || kind >= kMarkKindCount)
                    continue; // an instant from another tool: ignore it
                mark.kind = MarkKind(kind);
                mark.other = other_lane(args);
                mark.object = uint32_t(std::max<int64_t>(0, IntegerOf(args, "object", 0)));
                mark.seq = uint32_t(std::max<int64_t>(0, IntegerOf(args, "seq", 0)));
                mark.label = intern(TextOf(args, "label"));
            }
            lane->marks.push_back(mark);
        }
    }
    for (LaneTrace& lane : trace.lanes) {
        lane.spans.SortByStart();
        std::stable_sort(lane.marks.begin(), lane.marks.end(), [](const Mark& a, const Mark& b) { return a.t < b.t; });
        for (size_t i = 1; i < lane.spans.size(); ++i)
            if (lane.spans[i].t0 < lane.spans[i - 1].t1 - 1000) // 1 µs of rounding
                return damaged + "spans of thread " + lane.name + " overlap";
        RebuildSpanIndex(lane);
        GroupTrace& group = trace.groups[size_t(lane.group)];
        if (!lane.spans.empty())
            group.end_ns = std::max(group.end_ns, lane.spans.back().t1);
    }
    return opened;
}

} // namespace

std::variant<OpenedTrace, std::string> ReadChromeTrace(std::string_view text)
{
    // Every read above checks its type; this is the last line of defence, so
    // that no file, however it was made, can end the program.
    try {
        return ReadTrace(text);
    } catch (const nlohmann::json::exception& e) {
        return std::string("the trace is damaged: ") + e.what();
    }
}

} // namespace threadlab
