#include "timeline.hpp"

#include "controller.hpp"
#include "lane_items.hpp"
#include "overlays.hpp"
#include "ui.hpp"

#include <algorithm>

namespace threadlab {

double TraceExtent(const TraceSnapshot& trace)
{
    double extent = 0;
    for (const GroupTrace& group : trace.groups)
        extent = std::max(extent, group.Seconds(trace.GroupNow(group)));
    return extent;
}

void DrawTimelineLegend()
{
    const float font = ImGui::GetFontSize();
    const float swatch = font * 2.2f;
    const float gap = font * 1.2f;
    const char* marks = "▼ start   ◆ join returned   → lock hand-off";
    bool first = true;
    for (State s : {State::Running, State::Sleeping, State::WaitingGil, State::WaitingLock, State::WaitingSignal,
                    State::HoldingLock, State::Joining, State::Done}) {
        if (!first)
            SameLineIfFits(swatch + font * 0.3f + ImGui::CalcTextSize(StyleFor(s).name).x, gap);
        LegendSwatch(s, swatch);
        first = false;
        // The two kinds of blocking look alike in code and mean different things.
        if (s == State::WaitingLock && ImGui::IsItemHovered())
            Tooltip("Blocked on a Lock another thread holds: it goes on once that thread releases it.");
        if (s == State::WaitingSignal && ImGui::IsItemHovered())
            Tooltip("Blocked until another thread signals: a Queue's get() until a put(), a full "
                    "queue's put() until a get(), Event.wait() until set(), Condition.wait() "
                    "until notify(), a Semaphore until a release().");
    }
    SameLineIfFits(ImGui::CalcTextSize(marks).x, gap);
    ImGui::TextDisabled("%s", marks);
    if (ImGui::IsItemHovered())
        Tooltip("Arrows and lines link a thread's end to the join() that waited for it, "
                "and a lock's release to the acquire it let through. "
                "A red bracket marks a counter read whose write came after a thread switch: "
                "the moment updates were lost.");
}

void DrawTimeline(TimelineView& view, const TraceSnapshot& trace, const TimelineInput& input)
{
    TimelineController controller(view);
    const std::optional<TimelineDrawContext> frame = controller.Begin(trace, input);
    if (!frame)
        return;
    const TimelineDrawContext& ctx = *frame;
    ImDrawList* draw = ctx.draw;

    draw->PushClipRect(ctx.canvas_min, ctx.canvas_max, true);
    draw->AddRectFilled(ctx.canvas_min, ctx.canvas_max, kColorCanvas);
    if (trace.groups.empty()) {
        const char* hint = "Press Run (F5) to record a timeline of every thread.";
        const ImVec2 size = ImGui::CalcTextSize(hint);
        draw->AddText(ImVec2((ctx.canvas_min.x + ctx.canvas_max.x - size.x) / 2,
                             (ctx.lanes_top + ctx.canvas_max.y - size.y) / 2),
                      kColorHint, hint);
        draw->PopClipRect();
        return;
    }
    DrawRuler(ctx);
    controller.RefreshOverlays(trace);

    // Every visible row, in order: runs' headers and threads' lanes.
    draw->PushClipRect(ImVec2(ctx.canvas_min.x, ctx.lanes_top), ctx.canvas_max, true);
    LaneHover hover;
    for (size_t i = 0; i < ctx.rows.size(); ++i) {
        const TimelineRow& row = ctx.rows[i];
        const float top = ctx.RowTop(row);
        if (top > ctx.canvas_max.y || top + row.height < ctx.lanes_top)
            continue;
        if (row.IsRunHeader())
            DrawRunHeader(ctx, row);
        else if (row.lane < 0)
            DrawProcessHeader(ctx, row);
        else
            DrawThreadLane(ctx, row, i % 2 == 0, view.blocks, view.short_label, hover);
    }
    draw->PopClipRect();

    // Then what crosses the lanes.
    draw->PushClipRect(ImVec2(ctx.time.x0, ctx.lanes_top), ctx.canvas_max, true);
    DrawLinks(ctx, view.links);
    DrawLostUpdates(ctx, view.lost_updates);
    DrawGhosts(ctx);
    DrawWaitFor(ctx);
    DrawNowLines(ctx);
    draw->PopClipRect();
    draw->PopClipRect();

    DrawHoverTooltip(ctx, hover);
}

} // namespace threadlab
