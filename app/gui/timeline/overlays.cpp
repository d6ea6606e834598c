#include "overlays.hpp"
#include "lane_items.hpp"

#include "describe.hpp"
#include "ui.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace threadlab {

namespace {

void Arrow(ImDrawList* draw, ImVec2 from, ImVec2 to, ImU32 color, float size)
{
    draw->AddLine(from, to, color, 1.5f);
    const float dx = to.x - from.x, dy = to.y - from.y;
    const float len = std::max(1.0f, std::sqrt(dx * dx + dy * dy));
    const ImVec2 u(dx / len, dy / len), n(-u.y, u.x);
    draw->AddTriangleFilled(to, ImVec2(to.x - u.x * size + n.x * size * 0.5f, to.y - u.y * size + n.y * size * 0.5f),
                            ImVec2(to.x - u.x * size - n.x * size * 0.5f, to.y - u.y * size - n.y * size * 0.5f), color);
}

} // namespace

void DrawRuler(const TimelineDrawContext& ctx)
{
    ImDrawList* draw = ctx.draw;
    const ImVec2 min(ctx.time.x0, ctx.canvas_min.y);
    const ImVec2 max(ctx.canvas_max.x, ctx.lanes_top);
    draw->AddRectFilled(min, max, kColorRuler);
    const float h = max.y - min.y;
    for (const Tick& tick : RulerTicks(ctx.time, ImGui::GetFontSize() * 6)) {
        const float x = ctx.time.X(tick.seconds);
        if (x < min.x || x > max.x)
            continue;
        draw->AddLine(ImVec2(x, max.y - (tick.major ? h * 0.45f : h * 0.2f)), ImVec2(x, max.y), kColorAxis, 1.0f);
        if (tick.major)
            draw->AddText(ImVec2(x + 3, min.y + 1), kColorTimelineText, tick.label.c_str());
    }
    draw->AddLine(ImVec2(min.x, max.y), ImVec2(max.x, max.y), kColorAxis);
}

void DrawLinks(const TimelineDrawContext& ctx, const std::vector<Link>& links)
{
    for (const Link& link : links) {
        const LaneTrace& from = ctx.trace.lanes[size_t(link.from_lane)];
        const GroupTrace& group = ctx.trace.groups[size_t(from.group)];
        const float x0 = ctx.time.X(group.Seconds(link.from_ns));
        const float x1 = ctx.time.X(group.Seconds(link.to_ns));
        if (std::max(x0, x1) < ctx.time.x0 || std::min(x0, x1) > ctx.canvas_max.x)
            continue;
        const float y0 = ctx.lane_center[size_t(link.from_lane)];
        const float y1 = ctx.lane_center[size_t(link.to_lane)];
        if (link.kind == LinkKind::Join)
            ctx.draw->AddLine(ImVec2(x0, y0), ImVec2(x1, y1), kColorLink, 1.2f);
        else
            Arrow(ctx.draw, ImVec2(x0, y0), ImVec2(x1, y1), kColorHandoff, ctx.metrics.font * 0.5f);
    }
}

void DrawLostUpdates(const TimelineDrawContext& ctx, const std::vector<LostUpdate>& lost_updates)
{
    const float lane_height = ctx.metrics.lane_height;
    for (const LostUpdate& lost : lost_updates) {
        const LaneTrace& lane = ctx.trace.lanes[size_t(lost.lane)];
        const GroupTrace& group = ctx.trace.groups[size_t(lane.group)];
        const float x0 = ctx.time.X(group.Seconds(lost.read_ns));
        const float x1 = std::max(ctx.time.X(group.Seconds(lost.write_ns)), x0 + 2);
        const float cy = ctx.lane_center[size_t(lost.lane)];
        ctx.draw->AddRect(ImVec2(x0, cy - lane_height * 0.5f + 1), ImVec2(x1, cy + lane_height * 0.5f - 1),
                          kColorLostUpdate, 0, 0, 2.5f);
        const bool pointed =
            ctx.mouse.x >= x0 - 2 && ctx.mouse.x <= x1 + 2 && std::fabs(ctx.mouse.y - cy) < lane_height / 2;
        if (ctx.hovered && pointed)
            Tooltip(fmt::format("{} read counter = {}, then lost the GIL before writing.\nWhen it got it back it wrote "
                                "{}, erasing every increment made meanwhile.",
                                lane.name.c_str(), fmt::format("{}", lost.value_read).c_str(),
                                fmt::format("{}", lost.value_read + 1).c_str()));
    }
}

void DrawGhosts(const TimelineDrawContext& ctx)
{
    // A student's predictions, as dashed purple marks.
    if (!ctx.input.ghosts)
        return;
    const TraceSnapshot& trace = ctx.trace;
    const float lane_height = ctx.metrics.lane_height;
    ImDrawList* draw = ctx.draw;
    for (const Ghost& ghost : *ctx.input.ghosts) {
        if (ghost.group >= int(trace.groups.size()))
            continue;
        for (int lane : trace.groups[size_t(ghost.group)].lanes) {
            if (trace.lanes[size_t(lane)].name != ghost.lane)
                continue;
            const float x = ctx.time.X(ghost.seconds);
            if (!(x >= ctx.time.x0 && x <= ctx.canvas_max.x))
                continue; // scrolled or zoomed out of view
            const float cy = ctx.lane_center[size_t(lane)];
            // Dashed, across the whole run, labelled: the gap to the real end is the point.
            const GroupTrace& group = trace.groups[size_t(ghost.group)];
            float top = cy, bottom = cy;
            for (int other : group.lanes) {
                top = std::min(top, ctx.lane_center[size_t(other)] - lane_height / 2);
                bottom = std::max(bottom, ctx.lane_center[size_t(other)] + lane_height / 2);
            }
            for (float yy = top; yy < bottom; yy += 8)
                draw->AddLine(ImVec2(x, yy), ImVec2(x, std::min(yy + 5, bottom)), kColorGhost, 3);
            const std::string label = "you: " + FormatDuration(ghost.seconds);
            const ImVec2 size = ImGui::CalcTextSize(label.c_str());
            draw->AddRectFilled(ImVec2(x + 3, cy - size.y / 2), ImVec2(x + 7 + size.x, cy + size.y / 2),
                                kColorGhostLabel);
            draw->AddText(ImVec2(x + 5, cy - size.y / 2), kColorGhost, label.c_str());
        }
    }
}

void DrawWaitFor(const TimelineDrawContext& ctx)
{
    if (!ctx.input.deadlocked)
        return;
    const TraceSnapshot& trace = ctx.trace;
    const float font = ctx.metrics.font;
    for (size_t g = 0; g < trace.groups.size(); ++g) {
        const GroupTrace& group = trace.groups[g];
        if (group.end_ns < 0)
            continue;
        const float x_end = ctx.time.X(group.Seconds(group.end_ns));
        int drawn = 0;
        float top = ctx.canvas_max.y;
        for (const int lane : group.lanes) {
            const LaneTrace& waiter = trace.lanes[size_t(lane)];
            // The wait a thread was in when the run ended, not one it came out of.
            std::optional<Span> last;
            for (auto it = waiter.spans.rbegin(); it != waiter.spans.rend(); ++it)
                if (it->state != State::Done) {
                    last = *it;
                    break;
                }
            if (!last || (last->state != State::WaitingLock && last->state != State::Joining) ||
                last->other < 0 || last->other == lane || size_t(last->other) >= trace.lanes.size() ||
                trace.lanes[size_t(last->other)].group != waiter.group)
                continue;
            // Side by side, just before the end, so that opposite arrows do not cover each other.
            const float x = x_end - font * (1.2f + 1.4f * float(drawn++));
            const float y0 = ctx.lane_center[size_t(lane)];
            const float y1 = ctx.lane_center[size_t(last->other)];
            Arrow(ctx.draw, ImVec2(x, y0), ImVec2(x, y1 + (y1 > y0 ? -font * 0.35f : font * 0.35f)), kColorDeadlock,
                  font * 0.6f);
            ctx.draw->AddCircleFilled(ImVec2(x, y0), font * 0.2f, kColorDeadlock);
            top = std::min({top, y0, y1});
        }
        if (drawn == 0)
            continue;
        // In the run's header row, ending where the arrows begin, so it
        // covers no lane nor the run's title (the longest wording that fits
        // after it); above the top lane when the header is scrolled away.
        const float arrows_left = x_end - font * (1.2f + 1.4f * float(drawn)) - 6;
        const float title_right = RunHeaderTitleRight(ctx, int(g)) + font;
        const char* label = nullptr;
        for (const char* wording : {"deadlocked: each arrow points at the thread it waits for",
                                    "deadlocked: arrows point at whom each waits for", "deadlocked"}) {
            label = wording;
            if (arrows_left - ImGui::CalcTextSize(wording).x >= title_right)
                break;
        }
        const ImVec2 size = ImGui::CalcTextSize(label);
        const float lx = std::max(ctx.time.x0 + 4, arrows_left - size.x);
        float ly = top - ctx.metrics.lane_height * 0.5f + 1;
        for (const TimelineRow& row : ctx.rows)
            if (row.IsRunHeader() && row.group == int(g) && ctx.RowTop(row) >= ctx.lanes_top)
                ly = ctx.RowTop(row) + (row.height - size.y) / 2;
        ctx.draw->AddRectFilled(ImVec2(lx - 3, ly), ImVec2(lx + size.x + 3, ly + size.y), kColorGhostLabel);
        ctx.draw->AddText(ImVec2(lx, ly), kColorDeadlock, label);
    }
}

void DrawNowLines(const TimelineDrawContext& ctx)
{
    // "Now" while a run goes on.
    for (const GroupTrace& group : ctx.trace.groups)
        if (group.end_ns < 0) {
            const float x = ctx.time.X(group.Seconds(ctx.trace.GroupNow(group)));
            ctx.draw->AddLine(ImVec2(x, ctx.lanes_top), ImVec2(x, ctx.canvas_max.y), kColorNow, 2.0f);
        }
}

void DrawHoverTooltip(const TimelineDrawContext& ctx, const LaneHover& hover)
{
    if (!hover.span || ImGui::IsMouseDragging(ImGuiMouseButton_Left))
        return;
    const GroupTrace& group = ctx.trace.groups[size_t(hover.lane->group)];
    ImGui::BeginTooltip();
    if (hover.block.count > 1) {
        ImGui::Text("%s: %u short spans folded together", hover.lane->name.c_str(), hover.block.count);
        ImGui::TextDisabled("Zoom in (mouse wheel) to see each one.");
    } else {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
        ImGui::TextWrapped("%s: %s", hover.lane->name.c_str(), DescribeSpan(ctx.trace, *hover.lane, *hover.span).c_str());
        ImGui::PopTextWrapPos();
        ImGui::TextDisabled("from %s for %s", FormatDuration(group.Seconds(hover.span->t0)).c_str(),
                            FormatDuration(group.Seconds(hover.span->t1 - hover.span->t0)).c_str());
    }
    ImGui::EndTooltip();
}

} // namespace threadlab
