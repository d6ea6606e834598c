#pragma once
// The timeline panel: one lane per thread, runs stacked on one time axis.
//
// Split as Tracy's timeline is: TimelineView is the view state; the
// controller (controller.hpp) turns input into changes of it and lays out
// each frame into a plain draw context (draw_context.hpp); items draw one
// row each (lane_items.hpp), overlays what crosses rows (overlays.hpp); the
// arithmetic lives in timeline_model.hpp, testable without a window.
#include "snapshot.hpp"
#include "timeline_model.hpp"

#include <imgui.h>

#include <vector>

namespace threadlab {

// A student's prediction drawn over the real timeline (see the quiz).
struct Ghost {
    int group = 0;
    std::string lane;   // thread name
    double seconds = 0; // where they said it would end
};

// What the timeline remembers between frames.
struct TimelineView {
    // Visible range, lesson seconds.
    double t0 = 0;
    double t1 = 1;
    // Fit the whole run (and follow "now") until the user zooms or pans.
    bool follow = true;
    float scroll_y = 0;
    // Requests from keyboard shortcuts, applied on the next frame.
    int zoom_steps = 0; // > 0 zooms in
    // Caches rebuilt when the recording gains marks.
    size_t marks_seen = SIZE_MAX;
    std::vector<Link> links;
    std::vector<LostUpdate> lost_updates;
    // Scratch the lanes reuse every frame.
    std::vector<DrawBlock> blocks;
    std::string short_label; // a call's label without its arguments
    // Where the canvas was drawn last frame (screen pixels), for saving a PNG.
    ImVec2 canvas_min{0, 0};
    ImVec2 canvas_max{0, 0};
    // The height all its rows and the ruler took last frame; 0 with nothing recorded.
    float content_height = 0;
};

struct TimelineInput {
    bool running = false;
    double estimate = 0; // expected length of the longest run, lesson seconds
    ImFont* label_font = nullptr;
    ImFont* header_font = nullptr;
    const std::vector<Ghost>* ghosts = nullptr;
    bool deadlocked = false; // the run ended with every thread waiting for ever
};

void DrawTimelineLegend();
void DrawTimeline(TimelineView& view, const TraceSnapshot& trace, const TimelineInput& input);

// The longest run's length so far, lesson seconds.
double TraceExtent(const TraceSnapshot& trace);

} // namespace threadlab
