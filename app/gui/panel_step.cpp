// Step mode's panel ("be the scheduler"): the page's goals, the watched
// globals, and one row per thread that could run next — its next line and
// instruction, its stack — with a button that lets it run.
#include "app_state.hpp"
#include "theme.hpp"
#include "ui.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace threadlab {

namespace {

std::string Joined(const std::vector<std::string>& items, const char* separator)
{
    std::string text;
    for (const std::string& item : items)
        text += (text.empty() ? "" : separator) + item;
    return text;
}

std::string ValuesText(const ParamValues& values, const Lesson& lesson)
{
    std::vector<std::string> parts;
    for (const ParamSpec& spec : lesson.params)
        parts.push_back(fmt::format("{}={}", spec.name, DisplayValue(values.Get(spec.name))));
    return Joined(parts, ", ");
}

void DrawGoals(const Lesson& lesson, const StepJob& step, ImFont* bold)
{
    const std::vector<PageGoal>& goals = lesson.page->goals;
    if (goals.empty())
        return;
    ImGui::PushFont(bold);
    ImGui::TextUnformatted("Goals");
    ImGui::PopFont();
    for (size_t g = 0; g < goals.size(); ++g) {
        const bool met = g < step.GoalsMet().size() && step.GoalsMet()[g];
        if (met)
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kColorChartGood));
        ImGui::TextUnformatted(met ? "✓" : "○");
        ImGui::SameLine();
        Paragraph(goals[g].say.c_str());
        if (met)
            ImGui::PopStyleColor();
        if (ImGui::IsItemHovered())
            Tooltip(goals[g].when.Given() ? fmt::format("Checked when the run ends: {}", goals[g].when.text).c_str()
                                          : "Checked at every choice: two threads whose next line is this one.");
    }
}

// One candidate: its button, where it is, and its line's instructions.
void DrawCandidate(AppState& state, const py::StepChoice& choice, size_t i, size_t key,
                   std::optional<size_t> suggested)
{
    const py::ThreadPlace& t = choice.threads[i];
    const FontSet& font = state.Font();
    const float size = ImGui::GetFontSize();
    ImGui::PushID(int(key));
    const bool is_suggested = suggested && *suggested == i;
    if (is_suggested) {
        ImGui::PushStyleColor(ImGuiCol_Button, kColorRunButton);
        ImGui::PushStyleColor(ImGuiCol_Text, kColorButtonText);
    }
    if (ImGui::Button(fmt::format("{} ▶ {}", key, t.thread).c_str(), ImVec2(size * 13, 0)))
        state.step.Pick(i);
    if (is_suggested)
        ImGui::PopStyleColor(2);
    if (ImGui::IsItemHovered())
        Tooltip(fmt::format("Let {} run one instruction (key {}){}", t.thread, key,
                            is_suggested ? ": the schedule the search found does this next" : "")
                    .c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("to its next line"))
        state.step.PickToNextLine(i);
    if (ImGui::IsItemHovered())
        Tooltip(fmt::format("Keep choosing {} until it reaches another line or has to wait (Shift+{})",
                            t.thread.c_str(), key));
    ImGui::SameLine();
    ImGui::TextDisabled(i == 0 && choice.preemption ? "running" : "ready");

    ImGui::Indent(size * 1.2f);
    const Listing listing = RenderListing(*state.step.PlayedLesson(), state.step.Values());
    if (t.line > 0 && size_t(t.line) <= listing.lines.size()) {
        ImGui::PushFont(font.mono);
        ImGui::Text("%3d  %s", t.line, listing.lines[size_t(t.line) - 1].c_str());
        ImGui::PopFont();
    }
    if (!t.inside.empty()) {
        ImGui::TextDisabled("inside %s()", t.inside.c_str());
    } else if (t.next >= 0) {
        ImGui::PushFont(font.mono);
        ImGui::Text("next: %s", t.instructions[size_t(t.next)].c_str());
        if (!t.stack.empty()) {
            ImGui::SameLine(0, size * 2);
            ImGui::Text("stack: %s", Joined(t.stack, ", ").c_str());
        }
        ImGui::PopFont();
        if (ImGui::IsItemHovered() && !t.stack.empty())
            Tooltip("The values this thread has loaded and not yet used: what it will store is already "
                    "decided, whatever the other threads do meanwhile.");
    } else if (t.line == 0) {
        ImGui::TextDisabled("starting");
    }
    if (t.instructions.size() > 1 && t.inside.empty() &&
        ImGui::TreeNode("line", "the line's %zu instructions", t.instructions.size())) {
        ImGui::PushFont(font.mono);
        for (size_t k = 0; k < t.instructions.size(); ++k) {
            const bool next = int(k) == t.next;
            if (next)
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kColorChartGood));
            ImGui::Text("%s %s", next ? "→" : " ", t.instructions[k].c_str());
            if (next)
                ImGui::PopStyleColor();
        }
        ImGui::PopFont();
        ImGui::TreePop();
    }
    ImGui::Unindent(size * 1.2f);
    ImGui::PopID();
}

// The threads that cannot be chosen now, and why: what the recording says they do.
void DrawNotReady(const StepJob& step, const py::StepChoice& choice)
{
    const TraceSnapshot& trace = step.Trace();
    if (trace.groups.empty())
        return;
    bool first = true;
    for (const int l : trace.groups.back().lanes) {
        const LaneTrace& lane = trace.lanes[size_t(l)];
        if (lane.ended || lane.spans.empty())
            continue;
        bool candidate = false;
        for (const py::ThreadPlace& t : choice.threads)
            candidate = candidate || t.thread == lane.name;
        if (candidate)
            continue;
        if (first)
            ImGui::TextDisabled("Cannot run now:");
        first = false;
        const State s = lane.spans.back().state;
        const std::string where = lane.current_line > 0 ? fmt::format(" (line {})", lane.current_line) : "";
        ImGui::BulletText("%s: %s%s", lane.name.c_str(), StyleFor(s).name, where.c_str());
    }
}

} // namespace

void DrawStepPanel(AppState& state)
{
    StepJob& step = state.step;
    const Lesson& lesson = *step.PlayedLesson();
    const FontSet& font = state.Font();
    ImGui::PushFont(font.bold);
    ImGui::TextUnformatted(step.Following() ? "Step through the schedule found" : "Be the scheduler");
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("Python %s · %s", std::string(ModelName(step.Config().model)).c_str(),
                        ValuesText(step.Values(), lesson).c_str());

    ImGui::BeginDisabled(!step.CanUndo());
    if (ImGui::Button("↶ Undo"))
        step.Undo();
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        Tooltip("Take back your last choice (Ctrl+Z): the run replays up to it, exactly.");
    ImGui::SameLine();
    ImGui::BeginDisabled(step.Ended());
    if (ImGui::Button("Finish on its own"))
        step.Finish();
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered())
        Tooltip("Stop choosing: the interpreter's own rules decide the rest of the run.");
    ImGui::SameLine();
    if (ImGui::Button(step.Ended() ? "Play again" : "Start over"))
        step.Start(lesson, step.Values(), step.Config(), step.Seed());
    ImGui::SameLine();
    if (ImGui::Button("Leave"))
        step.Leave();
    if (ImGui::IsItemHovered())
        Tooltip("Back to ordinary runs.");
    if (!step.Active())
        return;

    DrawGoals(lesson, step, font.bold);
    const std::optional<py::StepChoice> choice = step.Waiting();
    if (choice && !choice->globals.empty()) {
        std::vector<std::string> values;
        for (const auto& [name, value] : choice->globals)
            values.push_back(name + " = " + value);
        ImGui::PushFont(font.mono);
        ImGui::TextUnformatted(Joined(values, "   ").c_str());
        ImGui::PopFont();
    }
    ImGui::Separator();

    if (const LessonResult* result = step.Result()) {
        ImGui::PushFont(font.bold);
        ImGui::TextUnformatted(result->status == RunStatus::Finished ? "The run has ended" : "The run did not finish");
        ImGui::PopFont();
        Paragraph((result->status == RunStatus::Finished ? result->summary : result->failure).c_str());
        ImGui::TextDisabled("%zu choices made. Undo to try another way, or Play again.", step.ChoicesMade());
        return;
    }
    if (!choice) {
        ImGui::TextDisabled("running to the next choice…");
        return;
    }
    ImGui::PushFont(font.bold);
    ImGui::TextUnformatted("Who runs next?");
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("choice %zu", choice->number + 1);
    ImGui::SameLine();
    HelpMarker(choice->preemption
                   ? "The running thread has reached a point where this Python may switch threads. Let it go on, "
                     "or choose another thread: the running one is then switched out, right here.\nKeys: 1–9 pick a "
                     "thread, Shift+1–9 run it to its next line, Ctrl+Z undoes."
                   : "The thread that ran has to wait. Which of the threads ready to run goes next?\nKeys: 1–9 pick a "
                     "thread, Shift+1–9 run it to its next line, Ctrl+Z undoes.");
    const std::optional<size_t> suggested = step.Suggested();
    const std::vector<int> keys = step.Keys(*choice);
    std::vector<size_t> order(keys.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
    for (const size_t i : order)
        DrawCandidate(state, *choice, i, size_t(keys[i]), suggested);
    DrawNotReady(step, *choice);
}

} // namespace threadlab
