// Results: what happened, in plain words, with a small bar chart where a
// comparison is the point.
#include "app_state.hpp"
#include "describe.hpp"
#include "ui.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace threadlab {

namespace {

struct Bar {
    std::string label;
    double value;
    std::string text;
    ImU32 color;
};

void BarChart(const std::vector<Bar>& bars)
{
    const float size = ImGui::GetFontSize();
    const float label_width = size * 6;
    const float width = std::max(size * 6, ImGui::GetContentRegionAvail().x - label_width - size);
    double most = 0;
    for (const Bar& bar : bars)
        most = std::max(most, bar.value);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const Bar& bar : bars) {
        ImGui::TextUnformatted(bar.label.c_str());
        ImGui::SameLine(label_width);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float w = most > 0 ? float(bar.value / most) * width : 0;
        draw->AddRectFilled(p, ImVec2(p.x + std::max(w, 2.0f), p.y + size * 1.2f), bar.color);
        const ImVec2 text = ImGui::CalcTextSize(bar.text.c_str());
        const bool inside = text.x + 8 < w;
        draw->AddText(ImVec2(inside ? p.x + 4 : p.x + w + 4, p.y + (size * 1.2f - text.y) / 2),
                      inside ? IM_COL32(255, 255, 255, 255) : IM_COL32(0, 0, 0, 255), bar.text.c_str());
        ImGui::Dummy(ImVec2(width, size * 1.25f));
    }
}

} // namespace

void DrawResults(AppState& state)
{
    const Lesson& lesson = state.CurrentLesson();
    const RunSession& session = state.session;
    ImGui::PushFont(state.Font().bold);
    ImGui::TextUnformatted("Results");
    ImGui::PopFont();
    if (session.RunLessonPtr() != &lesson || (session.Result() == nullptr && !session.Running())) {
        ImGui::TextDisabled("Run the lesson to see what happened.");
        return;
    }
    const LessonResult* result = session.Result();
    if (result == nullptr) {
        ImGui::TextDisabled("Running…");
        return;
    }
    if (result->status == RunStatus::Stopped) {
        Paragraph(fmt::format("Stopped after {}. The timeline keeps what was recorded.",
                              FormatDuration(session.ElapsedSeconds()))
                      .c_str());
        return;
    }
    if (result->status == RunStatus::Failed) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(180, 30, 0, 255));
        Paragraph(("The run failed: " + result->failure).c_str());
        ImGui::PopStyleColor();
        return;
    }
    const Model model = session.Config().model;
    if (lesson.explain)
        Paragraph(lesson.explain(*result, session.Params(), model).c_str(), state.Font().bold);
    ImGui::TextDisabled("%s", lesson.summarize(*result, model).c_str());
    ImGui::Spacing();

    if (result->Find("sequential") && result->Find("threaded")) {
        BarChart({{"sequential", result->Number("sequential"), FormatDuration(result->Number("sequential")),
                   IM_COL32(86, 180, 233, 255)},
                  {"threaded", result->Number("threaded"), FormatDuration(result->Number("threaded")),
                   IM_COL32(0, 158, 115, 255)}});
    } else if (result->Find("expected") && result->Find("actual")) {
        const auto expected = int64_t(result->Number("expected"));
        const auto actual = int64_t(result->Number("actual"));
        BarChart({{"expected", double(expected), WithCommas(expected), IM_COL32(86, 180, 233, 255)},
                  {"actual", double(actual), WithCommas(actual),
                   actual == expected ? IM_COL32(0, 158, 115, 255) : IM_COL32(213, 94, 0, 255)}});
    }
}

} // namespace threadlab
