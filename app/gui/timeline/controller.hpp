#pragma once
// The timeline's controller, like Tracy's TimelineController: it works on
// the view state (TimelineView: which slice of time is visible, how far the
// rows are scrolled) and lays out each frame — the canvas, the rows and
// their heights — into a draw context, after applying this frame's input:
// the wheel zooms around the pointer (Shift+wheel, or the wheel over the
// thread names, scrolls the lanes, as does the scrollbar shown when they do
// not fit), a drag pans, the + / − shortcuts zoom around the middle.
#include "draw_context.hpp"

#include <optional>

namespace threadlab {

class TimelineController {
public:
    explicit TimelineController(TimelineView& view) : m_view(view) {}

    // Claims the rest of the window as the canvas and returns the frame to
    // draw, or nullopt when there is no room for one.
    std::optional<TimelineDrawContext> Begin(const TraceSnapshot& trace, const TimelineInput& input);

    // Rebuilds the links and lost-update brackets when the recording has
    // gained marks since they were built.
    void RefreshOverlays(const TraceSnapshot& trace);

private:
    void FitVisibleRange(const TraceSnapshot& trace, const TimelineInput& input);
    void HandleInput(const TimelineContext& time, float content_height, float visible_height);
    void Zoom(double factor, double around);

    TimelineView& m_view;
};

} // namespace threadlab
