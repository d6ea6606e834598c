#include "lane_items.hpp"

#include "describe.hpp"
#include "model.hpp"
#include "ui.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace threadlab {

namespace {
constexpr float kMinBlockPx = 3.0f; // narrower spans fold into one block

// Down the left of a process's header and lanes, so its rows read as one block.
void DrawProcessBar(const TimelineDrawContext& ctx, float top, float height)
{
    const float x = ctx.canvas_min.x + ctx.metrics.font * 0.25f;
    ctx.draw->AddRectFilled(ImVec2(x, top), ImVec2(x + ctx.metrics.font * 0.22f, top + height), kColorProcess);
}
} // namespace

namespace {
std::string RunHeaderTitle(const GroupTrace& group)
{
    return fmt::format("{} · Python {} · {}", group.name, group.python,
                       group.end_ns >= 0 ? FormatDuration(group.Seconds(group.end_ns)) : "running…");
}
} // namespace

std::string FitLaneName(std::string_view name, float room)
{
    const auto width = [](std::string_view t) { return ImGui::CalcTextSize(t.data(), t.data() + t.size()).x; };
    if (width(name) <= room)
        return std::string(name);
    const std::string_view ellipsis = "…";
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    const size_t last_digit = name.find_last_of("0123456789");
    // The longest head that fits with `tail` after the ellipsis (at least one character).
    const auto with_tail = [&](std::string_view tail) {
        size_t head = name.size() - tail.size();
        const auto at_char = [&](size_t i) { return i >= name.size() || (name[i] & 0xC0) != 0x80; }; // UTF-8
        while (head > 1 &&
               (!at_char(head) || width(std::string(name.substr(0, head)) + std::string(ellipsis) + std::string(tail)) > room))
            --head;
        return std::string(name.substr(0, head)) + std::string(ellipsis) + std::string(tail);
    };
    const std::string end_cut = with_tail("");
    const size_t kept = end_cut.size() - ellipsis.size();
    if (last_digit == std::string_view::npos || kept > last_digit)
        return end_cut;
    // The numbered tail: the digits and separators the name ends with, else from its last digit on.
    size_t tail = name.size();
    while (tail > 0 && (is_digit(name[tail - 1]) || name[tail - 1] == '-' || name[tail - 1] == '_'))
        --tail;
    if (tail == name.size())
        tail = last_digit;
    return with_tail(name.substr(tail));
}

void DrawRunHeader(const TimelineDrawContext& ctx, const TimelineRow& row)
{
    ImDrawList* draw = ctx.draw;
    const float top = ctx.RowTop(row);
    const GroupTrace& group = ctx.trace.groups[size_t(row.group)];
    draw->AddRectFilled(ImVec2(ctx.canvas_min.x, top), ImVec2(ctx.canvas_max.x, top + row.height), kColorRunHeader);
    const std::string title = RunHeaderTitle(group);
    if (ctx.input.header_font)
        ImGui::PushFont(ctx.input.header_font);
    draw->AddText(ImVec2(ctx.canvas_min.x + ctx.metrics.font * 0.4f, top + (row.height - ImGui::GetFontSize()) / 2),
                  kColorRunHeaderText, title.c_str());
    if (ctx.input.header_font)
        ImGui::PopFont();
}

float RunHeaderTitleRight(const TimelineDrawContext& ctx, int group)
{
    const std::string title = RunHeaderTitle(ctx.trace.groups[size_t(group)]);
    if (ctx.input.header_font)
        ImGui::PushFont(ctx.input.header_font);
    const float width = ImGui::CalcTextSize(title.c_str()).x;
    if (ctx.input.header_font)
        ImGui::PopFont();
    return ctx.canvas_min.x + ctx.metrics.font * 0.4f + width;
}

void DrawProcessHeader(const TimelineDrawContext& ctx, const TimelineRow& row)
{
    const float top = ctx.RowTop(row);
    const float font = ctx.metrics.font;
    const GroupTrace& group = ctx.trace.groups[size_t(row.group)];
    ctx.draw->AddRectFilled(ImVec2(ctx.canvas_min.x, top), ImVec2(ctx.canvas_max.x, top + row.height),
                            kColorProcessHeader);
    DrawProcessBar(ctx, top + row.height * 0.2f, row.height * 0.8f);
    std::string_view name = "process";
    for (int lane : group.lanes)
        if (ctx.trace.lanes[size_t(lane)].process == row.process) {
            name = ProcessNameOf(ctx.trace.lanes[size_t(lane)].name);
            break;
        }
    const std::optional<Model> model = ParseModel(group.python);
    const bool gil = !model || HasGil(*model);
    const std::string title = fmt::format("{} · a process: its own interpreter{}", name, gil ? " and its own GIL" : "");
    ctx.draw->AddText(ImVec2(ctx.canvas_min.x + font * 0.9f, top + (row.height - ImGui::GetFontSize()) / 2),
                      kColorRunHeaderText, title.c_str());
    if (ctx.hovered && ctx.mouse.y >= top && ctx.mouse.y < top + row.height)
        Tooltip(gil ? "An emulated process: another interpreter running the same program, started as "
                      "CPython's spawn method starts it. Its threads take turns on its own GIL, not "
                      "the program's, so its CPU work runs beside theirs. Arguments and results "
                      "cross between processes as copies."
                    : "An emulated process: another interpreter running the same program, started as "
                      "CPython's spawn method starts it. Free-threaded, threads already run side by "
                      "side, so a process adds its start and the copying of arguments and results.");
}

void DrawThreadLane(const TimelineDrawContext& ctx, const TimelineRow& row, bool striped,
                    std::vector<DrawBlock>& blocks, std::string& short_label, LaneHover& hover)
{
    ImDrawList* draw = ctx.draw;
    const TimelineContext& time = ctx.time;
    const float font = ctx.metrics.font;
    const float top = ctx.RowTop(row);
    const GroupTrace& group = ctx.trace.groups[size_t(row.group)];
    const LaneTrace& lane = ctx.trace.lanes[size_t(row.lane)];
    if (striped)
        draw->AddRectFilled(ImVec2(ctx.canvas_min.x, top), ImVec2(ctx.canvas_max.x, top + row.height),
                            kColorLaneStripe);
    // The lane's label; in a process, indented past its bar, as the process calls the thread.
    draw->PushClipRect(ImVec2(ctx.canvas_min.x, top), ImVec2(time.x0 - font * 0.3f, top + row.height), true);
    if (ctx.input.label_font)
        ImGui::PushFont(ctx.input.label_font);
    const float label_x = ctx.canvas_min.x + font * (row.process > 0 ? 1.1f : 0.6f);
    const std::string label = FitLaneName(row.process > 0 ? NameInProcess(lane.name) : std::string_view(lane.name),
                                          time.x0 - font * 0.3f - label_x);
    if (row.process > 0)
        DrawProcessBar(ctx, top, row.height);
    draw->AddText(ImVec2(label_x, top + (row.height - ImGui::GetFontSize()) / 2), kColorTimelineText, label.c_str());
    if (ctx.input.label_font)
        ImGui::PopFont();
    draw->PopClipRect();

    // Spans, folded where they are too narrow to see.
    draw->PushClipRect(ImVec2(time.x0, top), ImVec2(ctx.canvas_max.x, top + row.height), true);
    blocks.clear();
    CollectBlocks(lane, group, time, kMinBlockPx, blocks);
    const float inner = row.height - 4;
    for (const DrawBlock& block : blocks) {
        const float bar = inner * StyleFor(block.state).height;
        const ImVec2 a(block.x0, top + 2 + (inner - bar) / 2);
        const ImVec2 b(block.x1, a.y + bar);
        DrawStateRect(draw, a, b, block.state, block.count > 1);
        if (block.count == 1 && b.x - a.x > font * 3) {
            // The span's own words where they fit ("a file write", "start(B)",
            // else "start()"), then the state's glyph: a wait in start() is no
            // lock of the lesson's.
            const Span& span = lane.spans[block.first];
            const std::string& label = ctx.trace.Label(span.label);
            const float room = b.x - a.x - 6;
            const char* text = StyleFor(block.state).glyph;
            if (!label.empty() && ImGui::CalcTextSize(label.c_str()).x < room) {
                text = label.c_str();
            } else if (const size_t paren = label.find('('); paren != std::string::npos) {
                short_label = label.substr(0, paren) + "()";
                if (ImGui::CalcTextSize(short_label.c_str()).x < room)
                    text = short_label.c_str();
            }
            const ImVec2 size = ImGui::CalcTextSize(text);
            if (*text && size.x < b.x - a.x - 6 && size.y <= row.height)
                draw->AddText(ImVec2(std::max(a.x, time.x0) + 4, (a.y + b.y - size.y) / 2), StyleFor(block.state).ink,
                              text);
        }
        if (ctx.hovered && ctx.mouse.x >= block.x0 - 1 && ctx.mouse.x <= block.x1 + 1 && ctx.mouse.y >= top &&
            ctx.mouse.y < top + row.height) {
            hover.block = block;
            hover.span = lane.spans[block.first];
            hover.lane = &lane;
        }
    }
    // After its end a thread is done: a faint line to the end of its run,
    // so who finished first reads at a glance.
    if (lane.ended && !lane.spans.empty()) {
        const float x0 = std::max(time.X(group.Seconds(lane.spans.back().t0)), time.x0);
        const float x1 = std::min(time.X(group.Seconds(ctx.trace.GroupNow(group))), ctx.canvas_max.x);
        const float bar = inner * StyleFor(State::Done).height;
        if (x1 - x0 > 2)
            DrawStateRect(draw, ImVec2(x0, top + 2 + (inner - bar) / 2), ImVec2(x1, top + 2 + (inner + bar) / 2),
                          State::Done);
    }
    // Marks: ▼ start, ◆ join returned, ✕ an exception.
    const float m = font * 0.35f;
    for (size_t i = FirstMarkFrom(lane, group, time.t0); i < lane.marks.size(); ++i) {
        const Mark& mark = lane.marks[i];
        const float x = time.X(group.Seconds(mark.t));
        if (x > ctx.canvas_max.x)
            break;
        if (mark.kind == MarkKind::Start)
            draw->AddTriangleFilled(ImVec2(x - m, top + 1), ImVec2(x + m, top + 1), ImVec2(x, top + 1 + m * 1.6f),
                                    kColorMark);
        else if (mark.kind == MarkKind::JoinReturned) {
            const float cy = top + row.height / 2;
            draw->AddQuadFilled(ImVec2(x, cy - m * 1.3f), ImVec2(x + m, cy), ImVec2(x, cy + m * 1.3f),
                                ImVec2(x - m, cy), kColorMark);
        } else if (mark.kind == MarkKind::Error) {
            draw->AddLine(ImVec2(x - m, top + 2), ImVec2(x + m, top + 2 + 2 * m), kColorLostUpdate, 2.5f);
            draw->AddLine(ImVec2(x + m, top + 2), ImVec2(x - m, top + 2 + 2 * m), kColorLostUpdate, 2.5f);
        }
    }
    draw->PopClipRect();
}

} // namespace threadlab
