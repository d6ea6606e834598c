#pragma once
// The timeline's arithmetic, kept apart from drawing so it can be tested and
// benchmarked without a window: time ↔ pixels, the visible slice of a lane
// with tiny spans folded, ruler ticks, and the links between lanes.
#include "snapshot.hpp"

#include <string>
#include <vector>

namespace threadlab {

// One frame's mapping between lesson seconds and screen x.
struct TimelineContext {
    double t0 = 0;      // lesson seconds at x0
    double t1 = 1;      // lesson seconds at x1
    float x0 = 0;
    float x1 = 100;
    double PixelsPerSecond() const { return double(x1 - x0) / (t1 - t0); }
    float X(double seconds) const { return x0 + float((seconds - t0) * PixelsPerSecond()); }
    double Seconds(float x) const { return t0 + double(x - x0) / PixelsPerSecond(); }
};

// What to draw for a lane: a span wide enough to stand alone, or a run of
// spans too narrow to see, folded into one block.
struct DrawBlock {
    float x0, x1;
    State state;       // the span's state, or the run's dominant one
    uint32_t first;    // index of the first span
    uint32_t count;    // 1 = a single span; more = folded
};

// Appends the visible blocks of `lane`. Cost: O(blocks · log spans).
void CollectBlocks(const LaneTrace& lane, const GroupTrace& group, const TimelineContext& ctx, float min_px,
                   std::vector<DrawBlock>& out);

// Index of the first mark at or after `seconds` (marks are in time order).
size_t FirstMarkFrom(const LaneTrace& lane, const GroupTrace& group, double seconds);

struct Tick {
    double seconds;
    bool major;
    std::string label; // on major ticks: "0.5 s", "120 ms", "40 µs"
};
// Ticks for the visible range, about one major tick per `min_major_px`.
std::vector<Tick> RulerTicks(const TimelineContext& ctx, float min_major_px);

// An emulated process's lanes are named "SpawnProcess-1" (its main thread)
// and "SpawnProcess-1: Thread-2": under the process's own header they show
// what the process calls them, "MainThread" and "Thread-2".
std::string_view ProcessNameOf(std::string_view lane_name);
std::string_view NameInProcess(std::string_view lane_name);

enum class LinkKind { Join, LockHandoff };
struct Link {
    LinkKind kind;
    int from_lane;
    int64_t from_ns; // group time
    int to_lane;
    int64_t to_ns;
};
// Joins (a thread's end → where join returned) and lock hand-offs (release →
// the acquire it let through), computed from the marks.
void BuildLinks(const TraceSnapshot& trace, std::vector<Link>& out);

// A read whose store came after a GIL switch while another thread of the
// same run wrote the counter: the moment those updates were lost. (A split
// under a lock loses nothing: the others could not write.)
struct LostUpdate {
    int lane;
    int64_t read_ns;
    int64_t write_ns;
    int64_t value_read;
};
void FindLostUpdates(const TraceSnapshot& trace, std::vector<LostUpdate>& out);

} // namespace threadlab
