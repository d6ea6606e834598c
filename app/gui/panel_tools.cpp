// The toolbar above the timeline: more than one run (run 20 times, compare
// models), save and open, and the progress summary.
#include "app_state.hpp"
#include "atomic_file.hpp"
#include "describe.hpp"
#include "ui.hpp"

#include <imgui_stdlib.h>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace threadlab {

namespace {

constexpr std::uintmax_t kMaxTraceBytes = 200u << 20;

// In the folder last used (else the home folder), named after the lesson.
std::string DefaultPath(const AppState& state, const char* extension)
{
    const char* home = std::getenv("HOME");
    const std::string folder = !state.settings.last_folder.empty() ? state.settings.last_folder : home ? home : ".";
    if (std::string_view(extension) == "py")
        return folder + "/"; // a program of the student's: they name it
    return fmt::format("{}/threadlab-{}.{}", folder, state.CurrentLesson().id, extension);
}

std::string ResultsCsv(const RunSession& session)
{
    std::string csv = "python,repeat,kind,run,name,value\n";
    const std::vector<LessonResult>& results = session.Results();
    for (size_t i = 0; i < results.size(); ++i) {
        const std::string python(ModelName(session.SeriesConfigs()[i].model));
        for (const Metric& m : results[i].metrics) {
            std::string value = std::visit(
                [](const auto& v) -> std::string {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                        std::string joined;
                        for (const std::string& s : v)
                            joined += (joined.empty() ? "" : " ") + s;
                        return joined;
                    } else if constexpr (std::is_same_v<T, std::string>)
                        return v;
                    else
                        return fmt::format("{}", v);
                },
                m.value);
            csv += fmt::format("{},{},metric,,{},{}\n", python, i + 1, m.name, value);
        }
        for (const RunOutcome& run : results[i].runs) {
            csv += fmt::format("{},{},elapsed,{},,{}\n", python, i + 1, run.name, run.elapsed);
            for (const ThreadSummary& t : run.threads) {
                csv += fmt::format("{},{},start,{},{},{}\n", python, i + 1, run.name, t.name, t.start);
                csv += fmt::format("{},{},end,{},{},{}\n", python, i + 1, run.name, t.name, t.end);
            }
        }
    }
    return csv;
}

std::string OpenTrace(AppState& state, const std::string& path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        return "Cannot open " + path + ": " + ec.message() + ".";
    if (size > kMaxTraceBytes)
        return "Cannot open " + path + ": it is larger than 200 MB, too large for a threadlab trace.";
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto opened = ReadChromeTrace(text.str());
    if (auto* error = std::get_if<std::string>(&opened))
        return "Cannot open " + path + ": " + *error + ". Nothing was changed.";
    OpenedTrace& trace = std::get<OpenedTrace>(opened);
    for (size_t i = 0; i < AllLessons().size(); ++i)
        if (AllLessons()[i]->id == trace.meta.lesson)
            state.SelectLesson(int(i));
    state.session.ShowOpened(std::move(trace.trace));
    state.opened_meta = trace.meta;
    state.timeline = TimelineView{};
    return "";
}

std::string Save(AppState& state, FileAction action, const std::string& path)
{
    const RunSession& session = state.session;
    switch (action) {
    case FileAction::SaveTrace: {
        // Labelled with what was recorded (or opened), whatever the window shows now.
        const TraceMetadata meta =
            session.IsOpenedTrace() && state.opened_meta
                ? *state.opened_meta
                : TraceMetadata{std::string(session.RunLessonPtr() ? session.RunLessonPtr()->id : state.CurrentLesson().id),
                                std::string(ModelName(session.Config().model)), session.Config().time_scale};
        std::ostringstream out;
        WriteChromeTrace(session.Trace(), meta, out);
        if (auto error = WriteFileAtomically(path, out.str()))
            return *error;
        return "Saved the trace to " + path + " (opens in Perfetto and chrome://tracing).";
    }
    case FileAction::SaveCsv:
        if (auto error = WriteFileAtomically(path, ResultsCsv(session)))
            return *error;
        return "Saved the results to " + path + ".";
    case FileAction::SavePng:
        state.png_request = path; // written by the main loop after this frame is drawn
        return "";
    case FileAction::OpenTrace:
        return OpenTrace(state, path);
    case FileAction::OpenProgram:
        return state.OpenProgram(path);
    case FileAction::None:
        break;
    }
    return "";
}

} // namespace

void DrawToolbar(AppState& state)
{
    RunSession& session = state.session;
    const Lesson& lesson = state.CurrentLesson();
    const bool running = session.Running();
    // What the timeline shows: this lesson's run, or a saved trace.
    const bool has_trace = session.RunLessonPtr() == &lesson || session.IsOpenedTrace();
    const RunConfig config{state.CurrentModel(), kDefaultSwitchInterval, state.settings.time_scale};
    // The row wraps where the window is too narrow for it (presenter fonts, 1280 pixels).
    bool first = true;
    const auto tool = [&](const std::string& label, float gap = -1) {
        if (!first)
            SameLineIfFits(ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2, gap);
        first = false;
        return ImGui::Button(label.c_str());
    };

    ImGui::BeginDisabled(running);
    if (lesson.page->series_runs > 0) {
        const int runs = lesson.page->series_runs;
        if (tool(fmt::format("Run {} times", runs)))
            state.RunSeries({config}, runs);
        if (ImGui::IsItemHovered())
            Tooltip(
                fmt::format("Run it {} times and draw a histogram of {}.", runs, lesson.page->series_metric.c_str()));
    }
    if (!lesson.page->explore_label.empty()) {
        const bool searching = state.explore.Running();
        ImGui::BeginDisabled(searching);
        if (tool(searching ? "Searching schedules…" : lesson.page->explore_label))
            state.Explore();
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
            std::string with;
            for (const std::string& set : lesson.page->explore_sets)
                with += (with.empty() ? "" : ", ") + set;
            Tooltip(
                fmt::format("Run the program again and again, choosing differently each time which thread goes on at "
                            "its switch points (up to 2 preemptions per run), until the check {} fails "
                            "or every such schedule was tried. Searches with {}, on Python {}. Esc stops it.",
                            lesson.page->check.text.c_str(), with.empty() ? "its values" : with.c_str(),
                            std::string(ModelName(state.CurrentModel())).c_str()));
        }
    }
    if (!lesson.page->step_sets.empty() || !lesson.page->goals.empty()) {
        if (tool("Be the scheduler"))
            state.BeginStep();
        if (ImGui::IsItemHovered()) {
            std::string with;
            for (const std::string& set : lesson.page->step_sets)
                with += (with.empty() ? "" : ", ") + set;
            Tooltip(fmt::format("You choose which thread runs at every point where Python {} may switch threads "
                                "(F6). Plays with {}, simulated; Undo takes a choice back.",
                                std::string(ModelName(state.CurrentModel())).c_str(),
                                with.empty() ? "its values" : with.c_str()));
        }
    }
    if (!state.found_schedule.empty()) {
        if (tool("Step through the schedule found"))
            state.StepThroughFound();
        if (ImGui::IsItemHovered())
            Tooltip("Follow the failing schedule one choice at a time: the thread it chose next is "
                    "highlighted (Space takes it); choose another to see what else could happen.");
    }
    if (tool("Compare 3.9 · 3.12 · 3.13t")) {
        std::vector<RunConfig> configs;
        for (Model model : {Model::Py39, Model::Py312, Model::Py313t})
            configs.push_back(RunConfig{model, kDefaultSwitchInterval, state.settings.time_scale});
        state.RunSeries(configs, 1);
    }
    if (ImGui::IsItemHovered())
        Tooltip("Run this lesson under each interpreter model, one after another, on one time axis.");
    ImGui::EndDisabled();

    ImGui::BeginDisabled(running || !has_trace);
    auto action_button = [&](const char* label, FileAction action, const char* extension, float gap = -1) {
        if (tool(label, gap)) {
            state.file_action = action;
            state.file_path = DefaultPath(state, extension);
            state.file_message.clear();
        }
    };
    action_button("Save trace…", FileAction::SaveTrace, "json", ImGui::GetFontSize() * 2);
    action_button("Save PNG…", FileAction::SavePng, "png");
    ImGui::BeginDisabled(session.Results().empty());
    action_button("Save CSV…", FileAction::SaveCsv, "csv");
    ImGui::EndDisabled();
    ImGui::EndDisabled();
    ImGui::BeginDisabled(running);
    action_button("Open trace…", FileAction::OpenTrace, "json");
    action_button("Open program…", FileAction::OpenProgram, "py");
    ImGui::EndDisabled();
    if (tool("Progress"))
        state.show_progress = !state.show_progress;
    if (!state.status.empty() && ImGui::GetTime() < state.status_until) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", state.status.c_str());
    }
    if (state.opened_meta) {
        ImGui::SameLine();
        ImGui::TextDisabled("showing a saved trace of %s (Python %s)", state.opened_meta->lesson.c_str(),
                            state.opened_meta->python.c_str());
    }
}

void DrawFileDialog(AppState& state)
{
    if (state.file_action == FileAction::None)
        return;
    const bool opening = state.file_action == FileAction::OpenTrace || state.file_action == FileAction::OpenProgram;
    const char* title = state.file_action == FileAction::OpenTrace     ? "Open a saved trace"
                        : state.file_action == FileAction::OpenProgram ? "Open a Python program"
                                                                       : "Save";
    ImGui::OpenPopup(title);
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, 0));
    if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("File:");
        ImGui::SetNextItemWidth(-1);
        if (ImGui::IsWindowAppearing())
            ImGui::SetKeyboardFocusHere(); // type the name at once; Enter saves, Esc cancels
        const bool enter = ImGui::InputText("##path", &state.file_path, ImGuiInputTextFlags_EnterReturnsTrue) ||
                           (ImGui::IsItemActive() &&
                            (KeyPressedOrTapped(ImGuiKey_Enter) || KeyPressedOrTapped(ImGuiKey_KeyPadEnter)));
        if (!state.file_message.empty())
            ErrorText(state.file_message.c_str());
        if (ImGui::Button(opening ? "Open" : "Save") || enter) {
            const std::string message = Save(state, state.file_action, state.file_path);
            // Success closes the dialog (with a notice); a failure keeps it open and says why.
            const bool failed = message.rfind("Saved", 0) != 0 && !message.empty();
            if (failed) {
                state.file_message = message;
            } else {
                const std::string folder = std::filesystem::path(state.file_path).parent_path().string();
                if (!folder.empty())
                    state.settings.last_folder = folder;
                if (!message.empty())
                    state.Confirm(message);
                state.file_action = FileAction::None;
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || KeyPressedOrTapped(ImGuiKey_Escape)) {
            state.file_action = FileAction::None;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

void DrawProgressWindow(AppState& state)
{
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin("Your progress", &state.show_progress, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    if (state.progress_path.empty())
        ImGui::TextDisabled("Progress is not saved in this session.");
    if (ImGui::BeginTable("progress", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("lesson");
        ImGui::TableSetupColumn("attempts");
        ImGui::TableSetupColumn("right");
        ImGui::TableSetupColumn("best streak");
        ImGui::TableSetupColumn("Make");
        ImGui::TableHeadersRow();
        for (const Lesson* lesson : AllLessons()) {
            const auto it = state.progress.lessons.find(std::string(lesson->id));
            const LessonProgress p = it == state.progress.lessons.end() ? LessonProgress{} : it->second;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::string(lesson->title).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", p.attempts);
            ImGui::TableNextColumn();
            ImGui::Text("%d of %d", p.right, p.answered);
            ImGui::TableNextColumn();
            ImGui::Text("%d", p.best_streak);
            ImGui::TableNextColumn();
            if (!lesson->page->make_function.empty())
                ImGui::TextUnformatted(p.mastered ? "✓ mastered" : "not yet");
        }
        ImGui::EndTable();
    }
    if (ImGui::Button("Reset progress…"))
        ImGui::OpenPopup("Reset progress?");
    if (ImGui::BeginPopupModal("Reset progress?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("Forget every attempt and streak? This cannot be undone.");
        if (ImGui::Button("Reset")) {
            state.progress = Progress{};
            if (!state.progress_path.empty())
                if (auto error = SaveProgress(state.progress_path, state.progress))
                    state.Notify("Progress was not saved: " + *error);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep it"))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::End();
}

} // namespace threadlab
