#pragma once
// Helpers that read a recording the way the tests need it.
#include "recorder.hpp"
#include "snapshot.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace threadlab::test {

inline TraceSnapshot Snap(const Recorder& recorder)
{
    TraceSnapshot snapshot;
    snapshot.Update(recorder);
    return snapshot;
}

inline bool IsRunning(State s) { return s == State::Running || s == State::HoldingLock; }

struct Interval {
    int64_t t0, t1;
    int lane;
};

// Every span of `state`-kind (running by default) in a group, sorted by start.
inline std::vector<Interval> RunningIntervals(const TraceSnapshot& trace, int group)
{
    std::vector<Interval> out;
    for (int lane : trace.groups[size_t(group)].lanes)
        for (const Span& span : trace.lanes[size_t(lane)].spans)
            if (IsRunning(span.state) && span.t1 > span.t0)
                out.push_back({span.t0, span.t1, lane});
    std::sort(out.begin(), out.end(), [](const Interval& a, const Interval& b) { return a.t0 < b.t0; });
    return out;
}

// Largest number of threads running at one instant.
inline int MaxConcurrentRunning(const TraceSnapshot& trace, int group)
{
    std::vector<std::pair<int64_t, int>> edges;
    for (const Interval& i : RunningIntervals(trace, group)) {
        edges.push_back({i.t0, +1});
        edges.push_back({i.t1, -1});
    }
    std::sort(edges.begin(), edges.end()); // an end (-1) sorts before a start at the same instant
    int now = 0, most = 0;
    for (const auto& [t, delta] : edges) {
        now += delta;
        most = std::max(most, now);
    }
    return most;
}

// Total time two threads spent running at the same instant, ns.
inline int64_t OverlapNs(const TraceSnapshot& trace, int group)
{
    std::vector<std::pair<int64_t, int>> edges;
    for (const Interval& i : RunningIntervals(trace, group)) {
        edges.push_back({i.t0, +1});
        edges.push_back({i.t1, -1});
    }
    std::sort(edges.begin(), edges.end());
    int now = 0;
    int64_t overlap = 0, last = 0;
    for (const auto& [t, delta] : edges) {
        if (now >= 2)
            overlap += t - last;
        now += delta;
        last = t;
    }
    return overlap;
}

// Index of the recorded group (run) with this name.
inline int GroupNamed(const TraceSnapshot& trace, std::string_view name)
{
    for (size_t g = 0; g < trace.groups.size(); ++g)
        if (trace.groups[g].name == name)
            return int(g);
    throw std::runtime_error("no run named " + std::string(name) + " was recorded");
}

inline const LaneTrace& LaneNamed(const TraceSnapshot& trace, int group, const std::string& name)
{
    for (int lane : trace.groups[size_t(group)].lanes)
        if (trace.lanes[size_t(lane)].name == name)
            return trace.lanes[size_t(lane)];
    throw std::runtime_error("no lane named " + name);
}

// Time a lane spent in `state`, ns.
inline int64_t TimeIn(const LaneTrace& lane, State state)
{
    int64_t total = 0;
    for (const Span& span : lane.spans)
        if (span.state == state)
            total += span.t1 - span.t0;
    return total;
}

} // namespace threadlab::test
