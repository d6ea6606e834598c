#include "describe.hpp"

#include <fmt/format.h>

#include <cmath>

namespace threadlab {

namespace {
const std::string& LaneName(const TraceSnapshot& trace, int32_t lane)
{
    static const std::string kNobody = "another thread";
    return lane >= 0 && size_t(lane) < trace.lanes.size() ? trace.lanes[size_t(lane)].name : kNobody;
}
// `lock` as the program names it, else by its number.
std::string LockName(const TraceSnapshot& trace, uint32_t id)
{
    const std::string& name = trace.ObjectName(id);
    return name.empty() ? fmt::format("lock #{}", id) : name;
}
} // namespace

std::string FormatDuration(double seconds)
{
    const double magnitude = std::fabs(seconds);
    if (magnitude >= 1.0 || magnitude == 0.0)
        return fmt::format("{:.3f} s", seconds);
    if (magnitude >= 1e-3)
        return fmt::format("{:.{}f} ms", seconds * 1e3, magnitude >= 0.1 ? 1 : 2);
    return fmt::format("{:.0f} µs", seconds * 1e6);
}

std::string DescribeSpan(const TraceSnapshot& trace, const LaneTrace& lane, const Span& span)
{
    const GroupTrace& group = trace.groups[size_t(lane.group)];
    const std::string& label = trace.Label(span.label);
    switch (span.state) {
    case State::Running:
        return "running Python";
    case State::Sleeping: {
        std::string text = "sleeping " + FormatDuration(group.Seconds(span.t1 - span.t0));
        if (!label.empty())
            text += " (" + label + ")";
        return text;
    }
    case State::WaitingGil:
        if (span.other == kNoLane)
            return "waiting for the GIL";
        // Why the holder keeps it, in GIL.md's terms a student can follow.
        return "waiting for the GIL, held by " + LaneName(trace, span.other) +
               ". It asks for the GIL once it has waited a whole switch interval (5 ms); the holder lets go at its "
               "next switch point after that, or sooner if it sleeps, blocks or ends.";
    case State::WaitingLock: {
        // A lock the program made has a name; the library's waits (a start's
        // handshake, a queue) say where they are.
        const std::string& name = trace.ObjectName(span.object);
        if (name.empty() && !label.empty())
            return "blocked in " + label;
        const std::string lock = name.empty() ? LockName(trace, span.object) : name;
        if (span.other == kNoLane)
            return "blocked on " + lock;
        return fmt::format("blocked on {}, held by {}", lock, LaneName(trace, span.other));
    }
    case State::WaitingSignal:
        // The label says why where the executor knew it ("tasks.put(item): the queue is full, …").
        if (label.find(": ") != std::string::npos)
            return "waiting in " + label;
        if (!label.empty())
            return "waiting in " + label + " until another thread signals it";
        return "waiting until another thread signals it (a put(), set(), notify() or release())";
    case State::HoldingLock:
        return "running while holding " + LockName(trace, span.object);
    case State::Joining:
        return "in join(" + LaneName(trace, span.other) + ")";
    case State::Done:
        return "finished";
    case State::Unrecorded:
        return "not recorded: this thread used up its event budget";
    }
    return {};
}

std::string DescribeMark(const TraceSnapshot& trace, const LaneTrace&, const Mark& mark)
{
    switch (mark.kind) {
    case MarkKind::Start: return "thread started";
    case MarkKind::End: return "thread ended";
    case MarkKind::JoinReturned: return "join(" + LaneName(trace, mark.other) + ") returned";
    case MarkKind::LockAcquired: return fmt::format("acquired {} after waiting", LockName(trace, mark.object));
    case MarkKind::LockReleased: return fmt::format("released {} to a waiting thread", LockName(trace, mark.object));
    case MarkKind::GilTaken: return "took the GIL from " + LaneName(trace, mark.other);
    case MarkKind::CounterRead: return fmt::format("read counter = {}", mark.value);
    case MarkKind::CounterWrite: return fmt::format("wrote counter = {}", mark.value);
    case MarkKind::Error: return "exception: " + trace.Label(mark.label);
    }
    return {};
}

} // namespace threadlab
