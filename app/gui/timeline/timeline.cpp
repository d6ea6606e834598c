#include "timeline.hpp"

#include "describe.hpp"
#include "ui.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace threadlab {

namespace {

constexpr float kMinBlockPx = 3.0f; // narrower spans fold into one block

struct Row {
    float y;      // top, screen space
    float height;
    int group;
    int lane;     // -1: the group's header row
};

size_t MarkCount(const TraceSnapshot& trace)
{
    size_t n = 0;
    for (const LaneTrace& lane : trace.lanes)
        n += lane.marks.size();
    return n;
}

void ApplyZoom(TimelineView& view, double factor, double around)
{
    const double t0 = around - (around - view.t0) * factor;
    const double t1 = around + (view.t1 - around) * factor;
    if (t1 - t0 < 1e-7) // 100 ns of lesson time is as close as anyone needs
        return;
    view.t0 = t0;
    view.t1 = t1;
    view.follow = false;
}

void HandleInput(TimelineView& view, const TimelineContext& ctx, float content_height, float visible_height)
{
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemHovered()) {
        if (io.MouseWheel != 0 && !io.KeyShift)
            ApplyZoom(view, std::pow(0.8, double(io.MouseWheel)), ctx.Seconds(io.MousePos.x));
        if (io.MouseWheel != 0 && io.KeyShift)
            view.scroll_y -= io.MouseWheel * ImGui::GetFontSize() * 3;
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 1.0f)) {
        const double dt = double(io.MouseDelta.x) / ctx.PixelsPerSecond();
        if (dt != 0) {
            view.t0 -= dt;
            view.t1 -= dt;
            view.follow = false;
        }
        view.scroll_y -= io.MouseDelta.y;
    }
    if (view.zoom_steps != 0) {
        ApplyZoom(view, std::pow(0.8, double(view.zoom_steps)), (view.t0 + view.t1) / 2);
        view.zoom_steps = 0;
    }
    view.scroll_y = std::clamp(view.scroll_y, 0.0f, std::max(0.0f, content_height - visible_height));
}

void DrawRuler(ImDrawList* draw, const TimelineContext& ctx, ImVec2 min, ImVec2 max)
{
    draw->AddRectFilled(min, max, IM_COL32(238, 238, 235, 255));
    const float h = max.y - min.y;
    for (const Tick& tick : RulerTicks(ctx, ImGui::GetFontSize() * 6)) {
        const float x = ctx.X(tick.seconds);
        if (x < min.x || x > max.x)
            continue;
        draw->AddLine(ImVec2(x, max.y - (tick.major ? h * 0.45f : h * 0.2f)), ImVec2(x, max.y),
                      IM_COL32(60, 60, 60, 255), 1.0f);
        if (tick.major)
            draw->AddText(ImVec2(x + 3, min.y + 1), IM_COL32(20, 20, 20, 255), tick.label.c_str());
    }
    draw->AddLine(ImVec2(min.x, max.y), ImVec2(max.x, max.y), IM_COL32(60, 60, 60, 255));
}

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
    for (State s : {State::Running, State::Sleeping, State::WaitingGil, State::WaitingLock, State::HoldingLock,
                    State::Joining, State::Done}) {
        if (!first)
            SameLineIfFits(swatch + font * 0.3f + ImGui::CalcTextSize(StyleFor(s).name).x, gap);
        LegendSwatch(s, swatch);
        first = false;
    }
    SameLineIfFits(ImGui::CalcTextSize(marks).x, gap);
    ImGui::TextDisabled("%s", marks);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Arrows and lines link a thread's end to the join() that waited for it,\n"
                          "and a lock's release to the acquire it let through.\n"
                          "A red bracket marks a counter read whose write came after a thread switch:\n"
                          "the moment updates were lost.");
}

void DrawTimeline(TimelineView& view, const TraceSnapshot& trace, const TimelineInput& input)
{
    const float font = ImGui::GetFontSize();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x < 50 || avail.y < 50)
        return;
    const float label_width = font * 9;
    const float ruler_height = font * 1.5f;
    const float lane_height = font * 1.7f;
    const float header_height = font * 1.6f;
    const ImVec2 canvas_min(origin.x, origin.y);
    const ImVec2 canvas_max(origin.x + avail.x, origin.y + avail.y);
    const float lanes_top = canvas_min.y + ruler_height;
    view.canvas_min = canvas_min;
    view.canvas_max = canvas_max;

    // The visible range: fitted while following, else what the user chose.
    double extent = std::max({TraceExtent(trace), input.running ? input.estimate : 0.0, 1e-6});
    // A prediction past the real end stays in view: the gap is the lesson
    // (within reason: a guess of an hour must not squeeze a 3 s run away).
    if (input.ghosts && !trace.groups.empty()) {
        const double real_extent = extent;
        for (const Ghost& ghost : *input.ghosts)
            extent = std::max(extent, std::min(ghost.seconds * 1.08, real_extent * 10));
    }
    if (view.follow) {
        view.t0 = -extent * 0.01;
        view.t1 = extent * 1.03;
    }
    TimelineContext ctx{view.t0, view.t1, canvas_min.x + label_width, canvas_max.x - font * 0.5f};

    // Rows: a header per run, then its lanes.
    std::vector<Row> rows;
    float y = 0;
    for (size_t g = 0; g < trace.groups.size(); ++g) {
        rows.push_back({y, header_height, int(g), -1});
        y += header_height;
        for (int lane : trace.groups[g].lanes) {
            rows.push_back({y, lane_height, int(g), lane});
            y += lane_height;
        }
    }
    const float content_height = y;

    ImGui::InvisibleButton("timeline_canvas", avail);
    HandleInput(view, ctx, content_height, canvas_max.y - lanes_top);
    ctx.t0 = view.t0;
    ctx.t1 = view.t1;
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 mouse = ImGui::GetIO().MousePos;

    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(canvas_min, canvas_max, true);
    draw->AddRectFilled(canvas_min, canvas_max, IM_COL32(255, 255, 255, 255));
    if (trace.groups.empty()) {
        const char* hint = "Press Run (F5) to record a timeline of every thread.";
        const ImVec2 size = ImGui::CalcTextSize(hint);
        draw->AddText(ImVec2((canvas_min.x + canvas_max.x - size.x) / 2, (lanes_top + canvas_max.y - size.y) / 2),
                      IM_COL32(100, 100, 100, 255), hint);
        draw->PopClipRect();
        return;
    }
    DrawRuler(draw, ctx, ImVec2(ctx.x0, canvas_min.y), ImVec2(canvas_max.x, lanes_top));

    if (const size_t marks = MarkCount(trace); marks != view.marks_seen) {
        BuildLinks(trace, view.links);
        FindLostUpdates(trace, view.lost_updates);
        view.marks_seen = marks;
    }

    const float scroll = view.scroll_y;
    auto row_top = [&](const Row& r) { return lanes_top + r.y - scroll; };
    std::vector<float> lane_center(trace.lanes.size(), -1);
    for (const Row& r : rows)
        if (r.lane >= 0)
            lane_center[size_t(r.lane)] = row_top(r) + r.height / 2;

    draw->PushClipRect(ImVec2(canvas_min.x, lanes_top), canvas_max, true);
    const Span* hovered_span = nullptr;
    const LaneTrace* hovered_lane = nullptr;
    DrawBlock hovered_block{};
    for (const Row& row : rows) {
        const float top = row_top(row);
        if (top > canvas_max.y || top + row.height < lanes_top)
            continue;
        const GroupTrace& group = trace.groups[size_t(row.group)];
        if (row.lane < 0) {
            // Run header: its name, model and length.
            draw->AddRectFilled(ImVec2(canvas_min.x, top), ImVec2(canvas_max.x, top + row.height),
                                IM_COL32(226, 232, 240, 255));
            const std::string title =
                fmt::format("{} · Python {} · {}", group.name, group.python,
                            group.end_ns >= 0 ? FormatDuration(group.Seconds(group.end_ns)) : "running…");
            if (input.header_font)
                ImGui::PushFont(input.header_font);
            draw->AddText(ImVec2(canvas_min.x + font * 0.4f, top + (row.height - ImGui::GetFontSize()) / 2),
                          IM_COL32(10, 10, 10, 255), title.c_str());
            if (input.header_font)
                ImGui::PopFont();
            continue;
        }
        const LaneTrace& lane = trace.lanes[size_t(row.lane)];
        if ((&row - rows.data()) % 2 == 0)
            draw->AddRectFilled(ImVec2(canvas_min.x, top), ImVec2(canvas_max.x, top + row.height),
                                IM_COL32(246, 246, 244, 255));
        // The lane's label.
        draw->PushClipRect(ImVec2(canvas_min.x, top), ImVec2(ctx.x0 - font * 0.3f, top + row.height), true);
        if (input.label_font)
            ImGui::PushFont(input.label_font);
        draw->AddText(ImVec2(canvas_min.x + font * 0.6f, top + (row.height - ImGui::GetFontSize()) / 2),
                      IM_COL32(20, 20, 20, 255), lane.name.c_str());
        if (input.label_font)
            ImGui::PopFont();
        draw->PopClipRect();

        // Spans, folded where they are too narrow to see.
        draw->PushClipRect(ImVec2(ctx.x0, top), ImVec2(canvas_max.x, top + row.height), true);
        view.scratch.clear();
        CollectBlocks(lane, group, ctx, kMinBlockPx, view.scratch);
        const float inner = row.height - 4;
        for (const DrawBlock& block : view.scratch) {
            const float bar = inner * StyleFor(block.state).height;
            const ImVec2 a(block.x0, top + 2 + (inner - bar) / 2);
            const ImVec2 b(block.x1, a.y + bar);
            DrawStateRect(draw, a, b, block.state, block.count > 1);
            if (block.count == 1 && b.x - a.x > font * 3) {
                // The span's own words where they fit ("a file write", "start(B)",
                // else "start()"), then the state's glyph: a wait in start() is no
                // lock of the lesson's.
                const Span& span = lane.spans[block.first];
                const std::string& label = trace.Label(span.label);
                const float room = b.x - a.x - 6;
                const char* text = StyleFor(block.state).glyph;
                if (!label.empty() && ImGui::CalcTextSize(label.c_str()).x < room) {
                    text = label.c_str();
                } else if (const size_t paren = label.find('('); paren != std::string::npos) {
                    view.short_label = label.substr(0, paren) + "()";
                    if (ImGui::CalcTextSize(view.short_label.c_str()).x < room)
                        text = view.short_label.c_str();
                }
                const ImVec2 size = ImGui::CalcTextSize(text);
                if (*text && size.x < b.x - a.x - 6 && size.y <= row.height)
                    draw->AddText(ImVec2(std::max(a.x, ctx.x0) + 4, (a.y + b.y - size.y) / 2),
                                  StyleFor(block.state).ink, text);
            }
            if (hovered && mouse.x >= block.x0 - 1 && mouse.x <= block.x1 + 1 && mouse.y >= top &&
                mouse.y < top + row.height) {
                hovered_block = block;
                hovered_span = &lane.spans[block.first];
                hovered_lane = &lane;
            }
        }
        // After its end a thread is done: a faint line to the end of its run,
        // so who finished first reads at a glance.
        if (lane.ended && !lane.spans.empty()) {
            const float x0 = std::max(ctx.X(group.Seconds(lane.spans.back().t0)), ctx.x0);
            const float x1 = std::min(ctx.X(group.Seconds(trace.GroupNow(group))), canvas_max.x);
            const float bar = inner * StyleFor(State::Done).height;
            if (x1 - x0 > 2)
                DrawStateRect(draw, ImVec2(x0, top + 2 + (inner - bar) / 2), ImVec2(x1, top + 2 + (inner + bar) / 2),
                              State::Done);
        }
        // Marks: ▼ start, ◆ join returned, ✕ an exception.
        const float m = font * 0.35f;
        for (size_t i = FirstMarkFrom(lane, group, ctx.t0); i < lane.marks.size(); ++i) {
            const Mark& mark = lane.marks[i];
            const float x = ctx.X(group.Seconds(mark.t));
            if (x > canvas_max.x)
                break;
            if (mark.kind == MarkKind::Start)
                draw->AddTriangleFilled(ImVec2(x - m, top + 1), ImVec2(x + m, top + 1), ImVec2(x, top + 1 + m * 1.6f),
                                        IM_COL32(0, 0, 0, 255));
            else if (mark.kind == MarkKind::JoinReturned) {
                const float cy = top + row.height / 2;
                draw->AddQuadFilled(ImVec2(x, cy - m * 1.3f), ImVec2(x + m, cy), ImVec2(x, cy + m * 1.3f),
                                    ImVec2(x - m, cy), IM_COL32(0, 0, 0, 255));
            } else if (mark.kind == MarkKind::Error) {
                draw->AddLine(ImVec2(x - m, top + 2), ImVec2(x + m, top + 2 + 2 * m), kColorLostUpdate, 2.5f);
                draw->AddLine(ImVec2(x + m, top + 2), ImVec2(x - m, top + 2 + 2 * m), kColorLostUpdate, 2.5f);
            }
        }
        draw->PopClipRect();
    }
    draw->PopClipRect();

    // Links between lanes, and the moments updates were lost.
    draw->PushClipRect(ImVec2(ctx.x0, lanes_top), canvas_max, true);
    for (const Link& link : view.links) {
        const LaneTrace& from = trace.lanes[size_t(link.from_lane)];
        const GroupTrace& group = trace.groups[size_t(from.group)];
        const float x0 = ctx.X(group.Seconds(link.from_ns));
        const float x1 = ctx.X(group.Seconds(link.to_ns));
        if (std::max(x0, x1) < ctx.x0 || std::min(x0, x1) > canvas_max.x)
            continue;
        const float y0 = lane_center[size_t(link.from_lane)];
        const float y1 = lane_center[size_t(link.to_lane)];
        if (link.kind == LinkKind::Join)
            draw->AddLine(ImVec2(x0, y0), ImVec2(x1, y1), kColorLink, 1.2f);
        else
            Arrow(draw, ImVec2(x0, y0), ImVec2(x1, y1), IM_COL32(120, 40, 100, 230), font * 0.5f);
    }
    for (const LostUpdate& lost : view.lost_updates) {
        const LaneTrace& lane = trace.lanes[size_t(lost.lane)];
        const GroupTrace& group = trace.groups[size_t(lane.group)];
        const float x0 = ctx.X(group.Seconds(lost.read_ns));
        const float x1 = std::max(ctx.X(group.Seconds(lost.write_ns)), x0 + 2);
        const float cy = lane_center[size_t(lost.lane)];
        draw->AddRect(ImVec2(x0, cy - lane_height * 0.5f + 1), ImVec2(x1, cy + lane_height * 0.5f - 1),
                      kColorLostUpdate, 0, 0, 2.5f);
        if (hovered && mouse.x >= x0 - 2 && mouse.x <= x1 + 2 && std::fabs(mouse.y - cy) < lane_height / 2)
            ImGui::SetTooltip("%s read counter = %s, then lost the GIL before writing.\nWhen it got it back it wrote "
                              "%s, erasing every increment made meanwhile.",
                              lane.name.c_str(), fmt::format("{}", lost.value_read).c_str(),
                              fmt::format("{}", lost.value_read + 1).c_str());
    }
    // A student's predictions, as dashed purple marks.
    if (input.ghosts) {
        for (const Ghost& ghost : *input.ghosts) {
            if (ghost.group >= int(trace.groups.size()))
                continue;
            for (int lane : trace.groups[size_t(ghost.group)].lanes) {
                if (trace.lanes[size_t(lane)].name != ghost.lane)
                    continue;
                const float x = ctx.X(ghost.seconds);
                if (!(x >= ctx.x0 && x <= canvas_max.x))
                    continue; // scrolled or zoomed out of view
                const float cy = lane_center[size_t(lane)];
                // Dashed, across the whole run, labelled: the gap to the real end is the point.
                const GroupTrace& group = trace.groups[size_t(ghost.group)];
                float top = cy, bottom = cy;
                for (int other : group.lanes) {
                    top = std::min(top, lane_center[size_t(other)] - lane_height / 2);
                    bottom = std::max(bottom, lane_center[size_t(other)] + lane_height / 2);
                }
                for (float yy = top; yy < bottom; yy += 8)
                    draw->AddLine(ImVec2(x, yy), ImVec2(x, std::min(yy + 5, bottom)), kColorGhost, 3);
                const std::string label = "you: " + FormatDuration(ghost.seconds);
                const ImVec2 size = ImGui::CalcTextSize(label.c_str());
                draw->AddRectFilled(ImVec2(x + 3, cy - size.y / 2), ImVec2(x + 7 + size.x, cy + size.y / 2),
                                    IM_COL32(255, 255, 255, 230));
                draw->AddText(ImVec2(x + 5, cy - size.y / 2), kColorGhost, label.c_str());
            }
        }
    }
    // "Now" while a run goes on.
    for (const GroupTrace& group : trace.groups)
        if (group.end_ns < 0) {
            const float x = ctx.X(group.Seconds(trace.GroupNow(group)));
            draw->AddLine(ImVec2(x, lanes_top), ImVec2(x, canvas_max.y), kColorNow, 2.0f);
        }
    draw->PopClipRect();
    draw->PopClipRect();

    if (hovered_span != nullptr && !ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        const GroupTrace& group = trace.groups[size_t(hovered_lane->group)];
        ImGui::BeginTooltip();
        if (hovered_block.count > 1) {
            ImGui::Text("%s: %u short spans folded together", hovered_lane->name.c_str(), hovered_block.count);
            ImGui::TextDisabled("Zoom in (mouse wheel) to see each one.");
        } else {
            ImGui::Text("%s: %s", hovered_lane->name.c_str(), DescribeSpan(trace, *hovered_lane, *hovered_span).c_str());
            ImGui::TextDisabled("from %s for %s", FormatDuration(group.Seconds(hovered_span->t0)).c_str(),
                                FormatDuration(group.Seconds(hovered_span->t1 - hovered_span->t0)).c_str());
        }
        ImGui::EndTooltip();
    }
}

} // namespace threadlab
