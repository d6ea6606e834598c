#pragma once
// One frame of the timeline as plain data, like Tracy's TimelineContext:
// the controller fills it once per frame (controller.hpp) and every item
// and overlay reads it. Nothing in it outlives the frame.
#include "timeline.hpp"
#include "timeline_model.hpp"

#include <imgui.h>

#include <optional>
#include <vector>

namespace threadlab {

// How big the timeline's parts are, from the font size.
struct TimelineMetrics {
    float font = 0;
    float label_width = 0;   // the threads' names, left of the time axis
    float ruler_height = 0;
    float lane_height = 0;   // one thread
    float header_height = 0; // one run's title
    float process_height = 0; // an emulated process's title, within a run
};

// One row: a run's header, an emulated process's header within it, or one
// thread's lane.
struct TimelineRow {
    float y; // top, from the top of the first row, before scrolling
    float height;
    int group;
    int lane;        // -1: a header
    int process = 0; // the lane's process (LaneTrace::process); of a header: 0 the run's, n process n's
    bool IsRunHeader() const { return lane < 0 && process == 0; }
};

// Every row, top to bottom: each run's header, then its lanes: the program's
// own threads, then each emulated process's under a header of its own, in
// the order the processes began. Returns the rows' total height.
float LayOutRows(const TraceSnapshot& trace, const TimelineMetrics& metrics, std::vector<TimelineRow>& rows);

struct TimelineDrawContext {
    TimelineDrawContext(const TraceSnapshot& trace_, const TimelineInput& input_) : trace(trace_), input(input_) {}

    const TraceSnapshot& trace;
    const TimelineInput& input;
    TimelineMetrics metrics;
    TimelineContext time;          // the visible range ↔ screen x (pixels per second)
    ImVec2 canvas_min;             // the whole canvas, screen pixels
    ImVec2 canvas_max;
    float lanes_top = 0;           // the rows begin below the ruler
    float scroll = 0;              // how far the rows are scrolled up
    std::vector<TimelineRow> rows; // every run's header, then its lanes
    std::vector<float> lane_center; // per lane: screen y of its middle
    ImDrawList* draw = nullptr;
    bool hovered = false;          // the pointer is over the canvas
    ImVec2 mouse;

    float RowTop(const TimelineRow& row) const { return lanes_top + row.y - scroll; }
};

// What the pointer is over, found while the lanes are drawn.
struct LaneHover {
    const LaneTrace* lane = nullptr;
    std::optional<Span> span;
    DrawBlock block{};
};

} // namespace threadlab
