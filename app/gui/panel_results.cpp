// Results: what happened, in plain words, with a small bar chart where a
// comparison is the point.
#include "app_state.hpp"
#include "describe.hpp"
#include "ui.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cfloat>

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
                      inside ? kColorChartTextOnBar : kColorChartText, bar.text.c_str());
        ImGui::Dummy(ImVec2(width, size * 1.25f));
    }
}

// Bars of how many runs ended in each range of final counts, lowest on the left.
void Histogram(const std::vector<float>& bins, const std::string& low, const std::string& high)
{
    const float size = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x - size;
    const float height = size * 5;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float most = std::max(1.0f, *std::max_element(bins.begin(), bins.end()));
    const float bar = width / float(bins.size());
    for (size_t i = 0; i < bins.size(); ++i) {
        const float h = bins[i] / most * (height - size);
        const ImVec2 a(p.x + float(i) * bar + 1, p.y + height - h);
        const ImVec2 b(p.x + float(i + 1) * bar - 1, p.y + height);
        // The last bin holds the runs that kept every update.
        draw->AddRectFilled(a, b, i + 1 == bins.size() ? kColorChartGood : kColorChartLoss);
        if (bins[i] > 0) {
            const std::string count = fmt::format("{}", int(bins[i]));
            draw->AddText(ImVec2((a.x + b.x - ImGui::CalcTextSize(count.c_str()).x) / 2, a.y - size),
                          kColorChartText, count.c_str());
        }
    }
    draw->AddLine(ImVec2(p.x, p.y + height), ImVec2(p.x + width, p.y + height), kColorAxis);
    ImGui::Dummy(ImVec2(width, height));
    ImGui::TextDisabled("%s", low.c_str());
    ImGui::SameLine(std::max(0.0f, width - ImGui::CalcTextSize(high.c_str()).x));
    ImGui::TextDisabled("%s", high.c_str());
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
    // Values changed since: these results are not about the listing on screen.
    std::string ran_with;
    bool changed = false;
    for (size_t i = 0; i < lesson.params.size(); ++i) {
        const ParamValue& ran = session.Params().Get(lesson.params[i].name);
        ran_with += fmt::format("{}{}={}", ran_with.empty() ? "" : ", ", lesson.params[i].name, DisplayValue(ran));
        ParamValue typed;
        const bool refused = ParseParam(lesson.params[i], state.edits[size_t(state.lesson)][i].text, typed).has_value();
        changed = changed || refused || typed != ran;
    }
    if (changed) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorNotice);
        Paragraph(fmt::format("From the last run, with {}. Run again to see what your values do.", ran_with).c_str());
        ImGui::PopStyleColor();
    }
    if (result->status == RunStatus::Stopped) {
        Paragraph(fmt::format("Stopped after {}. The timeline keeps what was recorded.",
                              FormatDuration(session.ElapsedSeconds()))
                      .c_str());
        return;
    }
    if (result->status == RunStatus::Failed) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorError);
        Paragraph(("The run failed: " + result->failure).c_str());
        ImGui::PopStyleColor();
        return;
    }
    if (!result->page_note.empty() || (lesson.page->metrics.empty() && lesson.page->questions.empty())) {
        // The student's own program: what it printed is the result.
        if (!result->page_note.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, kColorNotice);
            Paragraph(result->page_note.c_str());
            ImGui::PopStyleColor();
        }
        ImGui::TextDisabled("%s", FormatDuration(session.ElapsedSeconds()).c_str());
        ImGui::TextUnformatted("It printed:");
        ImGui::PushFont(state.Font().mono);
        std::string tail = result->output;
        for (int lines = 0, at = int(tail.size()) - 2; at >= 0; --at)
            if (tail[size_t(at)] == '\n' && ++lines == 12) {
                tail = "…" + tail.substr(size_t(at));
                break;
            }
        ImGui::TextUnformatted(tail.c_str());
        ImGui::PopFont();
        return;
    }
    DrawGrades(state);
    const std::vector<LessonResult>& results = session.Results();
    const std::vector<RunConfig>& configs = session.SeriesConfigs();
    if (results.size() > 1 && configs.front().model != configs.back().model) {
        // Compare models: one row per model, and why they differ.
        const LessonProse prose = ProseFor(lesson);
        if (ImGui::BeginTable("compare", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
            ImGui::TableSetupColumn("Python", ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableSetupColumn("result");
            ImGui::TableSetupColumn("why", ImGuiTableColumnFlags_WidthStretch, 1.5f);
            ImGui::TableHeadersRow();
            for (size_t i = 0; i < results.size(); ++i) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(std::string(ModelName(configs[i].model)).c_str());
                ImGui::TableNextColumn();
                Paragraph(results[i].status == RunStatus::Finished ? lesson.summarize(results[i], configs[i].model).c_str()
                                                                   : "stopped");
                ImGui::TableNextColumn();
                ProseParagraph(prose.model_note[int(configs[i].model)], ProseFonts{state.Font().bold, state.Font().mono});
            }
            ImGui::EndTable();
        }
        return;
    }
    const LessonPage& page = *lesson.page;
    if (results.size() > 1 && !page.series_metric.empty()) {
        // Run N times: a histogram of the page's metric (against its expected value, if it draws one).
        std::vector<double> values;
        for (const LessonResult& r : results)
            if (r.status == RunStatus::Finished)
                values.push_back(r.Number(page.series_metric));
        if (values.empty())
            return;
        const double expected = page.chart_expected.empty() ? *std::max_element(values.begin(), values.end())
                                                             : result->Number(page.chart_expected);
        const double low = *std::min_element(values.begin(), values.end());
        // Runs that lost nothing get the last bin to themselves.
        constexpr int kBins = 10;
        std::vector<float> bins(kBins, 0);
        const double width = std::max(1.0, (expected - low) / (kBins - 1));
        for (double v : values)
            bins[v >= expected ? kBins - 1 : size_t(std::clamp(int((v - low) / width), 0, kBins - 2))] += 1;
        const int exact = int(std::count(values.begin(), values.end(), expected));
        Paragraph(fmt::format("{} runs: {} reached {}; the lowest was {}.", values.size(), exact,
                              WithCommas(int64_t(expected)), WithCommas(int64_t(low)))
                      .c_str(),
                  state.Font().bold);
        Histogram(bins, WithCommas(int64_t(low)), WithCommas(int64_t(expected)));
        return;
    }
    const Model model = session.Config().model;
    if (result->Busy()) {
        // Say so rather than teach what a busy machine made of it.
        ImGui::PushStyleColor(ImGuiCol_Text, kColorError);
        Paragraph(fmt::format("This machine was busy: the threads got only {:.0f} % of the CPU time they asked for, "
                              "so these times say more about the machine than about the program. Run it Simulated "
                              "for the program's own result.",
                              100 * result->cpu_share)
                      .c_str());
        ImGui::PopStyleColor();
    }
    ProseParagraph(lesson.explain(*result, session.Params(), model), ProseFonts{state.Font().bold, state.Font().mono},
                   false); // evaluated text: a ** there is not a mark
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    Paragraph(lesson.summarize(*result, model).c_str()); // wrapped: a long summary must not run out of the column
    ImGui::PopStyleColor();
    ImGui::Spacing();

    if (!page.chart_bars.empty()) {
        // Times side by side: the first is the reference.
        std::vector<Bar> bars;
        for (size_t i = 0; i < page.chart_bars.size(); ++i) {
            const double seconds = result->Number(page.chart_bars[i]);
            bars.push_back({page.chart_bars[i], seconds, FormatDuration(seconds),
                            i == 0 ? kColorChartReference : kColorChartGood});
        }
        BarChart(bars);
    } else if (!page.chart_expected.empty()) {
        const auto expected = int64_t(result->Number(page.chart_expected));
        const auto actual = int64_t(result->Number(page.chart_actual));
        BarChart({{"expected", double(expected), WithCommas(expected), kColorChartReference},
                  {"actual", double(actual), WithCommas(actual),
                   actual == expected ? kColorChartGood : kColorChartLoss}});
    }
}

} // namespace threadlab
