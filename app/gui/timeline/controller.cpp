#include "controller.hpp"

#include <imgui_internal.h> // ScrollbarEx: the lanes' scrollbar looks and drags as every other

#include <algorithm>
#include <cmath>

namespace threadlab {

namespace {

TimelineMetrics MetricsFor(float font)
{
    TimelineMetrics m;
    m.font = font;
    m.label_width = font * 9;
    m.ruler_height = font * 1.5f;
    m.lane_height = font * 1.7f;
    m.header_height = font * 1.6f;
    m.process_height = font * 1.4f;
    return m;
}

size_t MarkCount(const TraceSnapshot& trace)
{
    size_t n = 0;
    for (const LaneTrace& lane : trace.lanes)
        n += lane.marks.size();
    return n;
}

} // namespace

float LayOutRows(const TraceSnapshot& trace, const TimelineMetrics& m, std::vector<TimelineRow>& rows)
{
    rows.clear();
    float y = 0;
    std::vector<int> processes;
    for (size_t g = 0; g < trace.groups.size(); ++g) {
        rows.push_back({y, m.header_height, int(g), -1});
        y += m.header_height;
        processes.assign(1, 0);
        for (int lane : trace.groups[g].lanes)
            if (const int p = trace.lanes[size_t(lane)].process;
                std::find(processes.begin(), processes.end(), p) == processes.end())
                processes.push_back(p);
        for (const int process : processes) {
            if (process > 0) {
                rows.push_back({y, m.process_height, int(g), -1, process});
                y += m.process_height;
            }
            for (int lane : trace.groups[g].lanes)
                if (trace.lanes[size_t(lane)].process == process) {
                    rows.push_back({y, m.lane_height, int(g), lane, process});
                    y += m.lane_height;
                }
        }
    }
    return y;
}

std::optional<TimelineDrawContext> TimelineController::Begin(const TraceSnapshot& trace, const TimelineInput& input)
{
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x < 50 || avail.y < 50)
        return std::nullopt;
    TimelineDrawContext ctx(trace, input);
    ctx.metrics = MetricsFor(ImGui::GetFontSize());
    // Room for the longest thread name ("Thread-12 (add_many)"), up to a quarter of the width.
    float widest = 0;
    if (input.label_font != nullptr) // measured in the font the names are drawn in
        ImGui::PushFont(input.label_font);
    for (const LaneTrace& lane : trace.lanes)
        widest = std::max(widest, ImGui::CalcTextSize(lane.name.c_str()).x);
    if (input.label_font != nullptr)
        ImGui::PopFont();
    ctx.metrics.label_width =
        std::clamp(widest + ctx.metrics.font * 1.2f, ctx.metrics.label_width, std::max(ctx.metrics.label_width, avail.x / 4));
    const TimelineMetrics& m = ctx.metrics;

    const float content_height = LayOutRows(trace, m, ctx.rows);
    const float visible_height = avail.y - m.ruler_height;
    // More lanes than fit (threaded-export's 30 on a laptop): a scrollbar at the right says so.
    const float bar_width = content_height > visible_height ? ImGui::GetStyle().ScrollbarSize : 0;

    ctx.canvas_min = origin;
    ctx.canvas_max = ImVec2(origin.x + avail.x - bar_width, origin.y + avail.y);
    ctx.lanes_top = ctx.canvas_min.y + m.ruler_height;
    m_view.canvas_min = ctx.canvas_min;
    m_view.canvas_max = ImVec2(origin.x + avail.x, origin.y + avail.y);
    m_view.content_height = trace.groups.empty() ? 0 : m.ruler_height + content_height;

    FitVisibleRange(trace, input);
    ctx.time = TimelineContext{m_view.t0, m_view.t1, ctx.canvas_min.x + m.label_width,
                               ctx.canvas_max.x - m.font * 0.5f};

    ImGui::InvisibleButton("timeline_canvas", ImVec2(avail.x - bar_width, avail.y));
    HandleInput(ctx.time, content_height, visible_height);
    if (bar_width > 0) {
        const ImRect bar(ctx.canvas_max.x, ctx.lanes_top, ctx.canvas_max.x + bar_width, ctx.canvas_max.y);
        ImS64 scroll = ImS64(m_view.scroll_y);
        ImGui::ScrollbarEx(bar, ImGui::GetID("timeline_lanes_scrollbar"), ImGuiAxis_Y, &scroll, ImS64(visible_height),
                           ImS64(content_height), ImDrawFlags_RoundCornersAll);
        m_view.scroll_y = float(scroll);
    } else {
        m_view.scroll_y = 0;
    }
    ctx.time.t0 = m_view.t0;
    ctx.time.t1 = m_view.t1;
    ctx.hovered = ImGui::IsItemHovered();
    ctx.mouse = ImGui::GetIO().MousePos;
    ctx.draw = ImGui::GetWindowDrawList();

    ctx.scroll = m_view.scroll_y;
    ctx.lane_center.assign(trace.lanes.size(), -1);
    for (const TimelineRow& row : ctx.rows)
        if (row.lane >= 0)
            ctx.lane_center[size_t(row.lane)] = ctx.RowTop(row) + row.height / 2;
    return ctx;
}

void TimelineController::RefreshOverlays(const TraceSnapshot& trace)
{
    if (const size_t marks = MarkCount(trace); marks != m_view.marks_seen) {
        BuildLinks(trace, m_view.links);
        FindLostUpdates(trace, m_view.lost_updates);
        m_view.marks_seen = marks;
    }
}

void TimelineController::FitVisibleRange(const TraceSnapshot& trace, const TimelineInput& input)
{
    // Fitted while following, else what the user chose.
    double extent = std::max({TraceExtent(trace), input.running ? input.estimate : 0.0, 1e-6});
    // A prediction past the real end stays in view: the gap is the lesson
    // (within reason: a guess of an hour must not squeeze a 3 s run away).
    if (input.ghosts && !trace.groups.empty()) {
        const double real_extent = extent;
        for (const Ghost& ghost : *input.ghosts)
            extent = std::max(extent, std::min(ghost.seconds * 1.08, real_extent * 10));
    }
    if (m_view.follow) {
        m_view.t0 = -extent * 0.01;
        m_view.t1 = extent * 1.03;
    }
}

void TimelineController::Zoom(double factor, double around)
{
    const double t0 = around - (around - m_view.t0) * factor;
    const double t1 = around + (m_view.t1 - around) * factor;
    if (t1 - t0 < 1e-7) // 100 ns of lesson time is as close as anyone needs
        return;
    m_view.t0 = t0;
    m_view.t1 = t1;
    m_view.follow = false;
}

void TimelineController::HandleInput(const TimelineContext& time, float content_height, float visible_height)
{
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemHovered()) {
        // Over the lanes the wheel zooms; over the thread names (or with Shift) it scrolls them.
        const bool over_names = io.MousePos.x < time.x0;
        if (io.MouseWheel != 0 && !io.KeyShift && !over_names)
            Zoom(std::pow(0.8, double(io.MouseWheel)), time.Seconds(io.MousePos.x));
        if (io.MouseWheel != 0 && (io.KeyShift || over_names))
            m_view.scroll_y -= io.MouseWheel * ImGui::GetFontSize() * 3;
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 1.0f)) {
        const double dt = double(io.MouseDelta.x) / time.PixelsPerSecond();
        if (dt != 0) {
            m_view.t0 -= dt;
            m_view.t1 -= dt;
            m_view.follow = false;
        }
        m_view.scroll_y -= io.MouseDelta.y;
    }
    if (m_view.zoom_steps != 0) {
        Zoom(std::pow(0.8, double(m_view.zoom_steps)), (m_view.t0 + m_view.t1) / 2);
        m_view.zoom_steps = 0;
    }
    m_view.scroll_y = std::clamp(m_view.scroll_y, 0.0f, std::max(0.0f, content_height - visible_height));
}

} // namespace threadlab
