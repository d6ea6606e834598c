#include "timeline_model.hpp"

#include "describe.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace threadlab {

void CollectBlocks(const LaneTrace& lane, const GroupTrace& group, const TimelineContext& ctx, float min_px,
                   std::vector<DrawBlock>& out)
{
    const SpanList& spans = lane.spans;
    const double ns_per_second = 1e9 * group.time_scale;
    const auto ns_at = [&](double seconds) { return int64_t(seconds * ns_per_second); };
    const double pps = ctx.PixelsPerSecond() / ns_per_second; // pixels per recorded ns
    const auto x_at = [&](int64_t ns) { return ctx.x0 + float((double(ns) - ctx.t0 * ns_per_second) * pps); };

    const int64_t left = ns_at(ctx.t0);
    const int64_t right = ns_at(ctx.t1);
    // Spans tile the lane, so their ends are sorted too.
    auto it = std::lower_bound(spans.begin(), spans.end(), left, [](const Span& s, int64_t t) { return s.t1 <= t; });
    // Each span is read once into `span`: a SpanList builds it from the log.
    for (Span span; it != spans.end() && (span = *it).t0 <= right;) {
        if (span.state == State::Done) {
            ++it;
            continue;
        }
        const float x0 = std::max(x_at(span.t0), ctx.x0 - 1);
        const float x1 = std::min(x_at(span.t1), ctx.x1 + 1);
        if (x1 - x0 >= min_px) {
            out.push_back({x0, x1, span.state, uint32_t(it - spans.begin()), 1});
            ++it;
            continue;
        }
        // Too narrow to see alone: fold every span that starts within the
        // next min_px. Find the end in the lane's small index first, so the
        // search touches only the spans it lands on.
        const int64_t limit = ns_at(ctx.Seconds(x0 + min_px));
        const size_t here = size_t(it - spans.begin());
        const std::vector<int64_t>& index = lane.span_index;
        auto first_block = index.begin() + ptrdiff_t(std::min(here / LaneTrace::kIndexStride, index.size()));
        // The last indexed span that starts before the limit bounds the search from below.
        auto block = std::lower_bound(first_block, index.end(), limit);
        const size_t k = size_t(block - index.begin());
        auto end = spans.end();
        if (block != index.end() && k * LaneTrace::kIndexStride > here + 1 && x_at(*block) <= x0 + 2 * min_px) {
            // Zoomed far out: end the fold at the indexed span itself, a few
            // spans past the exact end but under two more pixels, without
            // reading any span in between.
            end = spans.begin() + ptrdiff_t(k * LaneTrace::kIndexStride);
        } else {
            const size_t from = std::max(here + 1, (k - (k != 0)) * LaneTrace::kIndexStride);
            const size_t to = block == index.end() ? spans.size()
                                                   : std::min(spans.size(), k * LaneTrace::kIndexStride + 1);
            // The first span from `from` on that starts at the limit, by start times alone.
            size_t lo = std::min(from, spans.size()), hi = std::max(to, lo);
            while (lo < hi) {
                const size_t mid = lo + (hi - lo) / 2;
                if (spans.Start(mid) < limit)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            end = spans.begin() + ptrdiff_t(lo);
            // A wide span that merely starts inside the window is not part of
            // the fold: it is drawn on its own, in its own colour.
            if (end - it > 1 && x_at((end - 1)->t1) > x0 + 2 * min_px)
                --end;
        }
        const auto count = uint32_t(end - it);
        State state = span.state;
        if (count > 1) {
            // Dominant state by time among its first few spans (cheap, and in cache).
            int64_t by_state[kStateCount] = {};
            const auto looked = std::min<uint32_t>(count, 4);
            for (uint32_t k = 0; k < looked; ++k) {
                const Span folded = it[k];
                by_state[int(folded.state)] += folded.t1 - folded.t0;
            }
            by_state[int(State::Done)] = -1;
            state = State(std::max_element(std::begin(by_state), std::end(by_state)) - std::begin(by_state));
        }
        const float last_x =
            std::min(end != spans.end() ? x_at(spans.Start(end.Index())) : x_at((end - 1)->t1), ctx.x1 + 1);
        out.push_back({x0, std::max(last_x, x0 + min_px), state, uint32_t(it - spans.begin()), count});
        it = end;
    }
}

size_t FirstMarkFrom(const LaneTrace& lane, const GroupTrace& group, double seconds)
{
    const auto ns = int64_t(seconds * 1e9 * group.time_scale);
    return size_t(std::lower_bound(lane.marks.begin(), lane.marks.end(), ns,
                                   [](const Mark& m, int64_t t) { return m.t < t; }) -
                  lane.marks.begin());
}

std::vector<Tick> RulerTicks(const TimelineContext& ctx, float min_major_px)
{
    std::vector<Tick> ticks;
    const double span = ctx.t1 - ctx.t0;
    if (!(span > 0))
        return ticks;
    // A 1-2-5 step giving at least min_major_px between major ticks.
    const double min_step = span * min_major_px / double(ctx.x1 - ctx.x0);
    double step = std::pow(10.0, std::floor(std::log10(min_step)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (step * m >= min_step) {
            step *= m;
            break;
        }
    // Label every major tick in one unit with just the decimals the step needs.
    const double unit = span >= 1 ? 1 : span >= 1e-3 ? 1e-3 : 1e-6;
    const char* unit_name = span >= 1 ? "s" : span >= 1e-3 ? "ms" : "µs";
    const int decimals = std::max(0, int(-std::floor(std::log10(step / unit) + 1e-9)));
    const double minor = step / 5;
    const double first = std::ceil(ctx.t0 / minor) * minor;
    for (double t = first; t <= ctx.t1 + minor * 0.01; t += minor) {
        const double k = t / step;
        const bool major = std::fabs(k - std::round(k)) < 1e-6;
        const double snapped = major ? std::round(k) * step : t;
        const double shown = std::fabs(snapped) < step * 1e-6 ? 0 : snapped / unit;
        ticks.push_back({snapped, major, major ? fmt::format("{:.{}f} {}", shown, decimals, unit_name) : ""});
        if (ticks.size() > 2000)
            break;
    }
    return ticks;
}

std::string_view ProcessNameOf(std::string_view lane_name)
{
    return lane_name.substr(0, lane_name.find(": "));
}

std::string_view NameInProcess(std::string_view lane_name)
{
    const size_t colon = lane_name.find(": ");
    return colon == std::string_view::npos ? std::string_view("MainThread") : lane_name.substr(colon + 2);
}

void BuildLinks(const TraceSnapshot& trace, std::vector<Link>& out)
{
    out.clear();
    struct LockMark {
        uint32_t seq;
        int lane;
        int64_t t;
        bool release;
    };
    std::map<uint32_t, std::vector<LockMark>> locks;
    for (size_t l = 0; l < trace.lanes.size(); ++l) {
        const LaneTrace& lane = trace.lanes[l];
        for (const Mark& m : lane.marks) {
            if (m.kind == MarkKind::JoinReturned && m.other >= 0 && size_t(m.other) < trace.lanes.size()) {
                const LaneTrace& joined = trace.lanes[size_t(m.other)];
                // A thread of an earlier run, joined again at exit (the
                // pools' atexit hooks do): it returned at once, and each run
                // has its own time origin, so a line would point back in time.
                if (joined.group != lane.group)
                    continue;
                for (auto e = joined.marks.rbegin(); e != joined.marks.rend(); ++e)
                    if (e->kind == MarkKind::End) {
                        out.push_back({LinkKind::Join, m.other, e->t, int(l), m.t});
                        break;
                    }
            } else if (m.kind == MarkKind::LockAcquired || m.kind == MarkKind::LockReleased) {
                locks[m.object].push_back({m.seq, int(l), m.t, m.kind == MarkKind::LockReleased});
            }
        }
    }
    for (auto& [object, marks] : locks) {
        std::sort(marks.begin(), marks.end(), [](const LockMark& a, const LockMark& b) { return a.seq < b.seq; });
        const LockMark* release = nullptr;
        for (const LockMark& m : marks) {
            if (m.release)
                release = &m;
            else if (release != nullptr && release->lane != m.lane
                     && trace.lanes[size_t(release->lane)].group == trace.lanes[size_t(m.lane)].group)
                out.push_back({LinkKind::LockHandoff, release->lane, release->t, m.lane, m.t});
        }
    }
}

namespace {
// The engine records at least one write per GIL slice, so a thread that
// added anything between t0 and t1 has a recorded write there.
bool OtherLaneWrote(const TraceSnapshot& trace, size_t lane, int64_t t0, int64_t t1)
{
    const int group = trace.lanes[lane].group;
    for (int other : trace.groups[size_t(group)].lanes) {
        if (size_t(other) == lane)
            continue;
        const std::vector<Mark>& marks = trace.lanes[size_t(other)].marks;
        auto it = std::upper_bound(marks.begin(), marks.end(), t0, [](int64_t t, const Mark& m) { return t < m.t; });
        for (; it != marks.end() && it->t < t1; ++it)
            if (it->kind == MarkKind::CounterWrite)
                return true;
    }
    return false;
}
} // namespace

void FindLostUpdates(const TraceSnapshot& trace, std::vector<LostUpdate>& out)
{
    out.clear();
    for (size_t l = 0; l < trace.lanes.size(); ++l) {
        const std::vector<Mark>& marks = trace.lanes[l].marks;
        // A read, then a GIL hand-off back to this thread, then the write.
        for (size_t i = 0; i + 2 < marks.size(); ++i) {
            if (marks[i].kind != MarkKind::CounterRead || marks[i + 1].kind != MarkKind::GilTaken)
                continue;
            size_t w = i + 2;
            while (w < marks.size() && marks[w].kind == MarkKind::GilTaken)
                ++w;
            if (w < marks.size() && marks[w].kind == MarkKind::CounterWrite &&
                OtherLaneWrote(trace, l, marks[i].t, marks[w].t))
                out.push_back({int(l), marks[i].t, marks[w].t, marks[i].value});
        }
    }
}

} // namespace threadlab
