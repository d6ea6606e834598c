// The lesson page: what to watch and why, the Python listing, the controls
// and the results, in three columns above the timeline.
#include "app_state.hpp"
#include "atomic_file.hpp"
#include "describe.hpp"
#include "ui.hpp"

#include <imgui_stdlib.h>

#include <fmt/format.h>

#include <map>
#include <utility>
#include <vector>

namespace threadlab {

namespace {

const char* ModelLine(Model model)
{
    switch (model) {
    case Model::Py39: return "CPython 3.9 and older: may switch threads after almost any bytecode.";
    case Model::Py312: return "CPython 3.10–3.13: switches only at calls and loop ends.";
    case Model::Py313t: return "Free-threaded 3.13t: no GIL, threads run on all cores at once.";
    }
    return "";
}

// The first parameter the student's text is refused for, as a sentence; empty if none.
std::string ParamError(const AppState& state)
{
    const Lesson& lesson = state.CurrentLesson();
    const std::vector<ParamEdit>& edits = state.edits[size_t(state.lesson)];
    for (size_t i = 0; i < edits.size() && i < lesson.params.size(); ++i)
        if (!edits[i].error.empty())
            return fmt::format("Run needs a valid {} first: {}", lesson.params[i].name, edits[i].error);
    if (const std::optional<EditorMarker>& marker = state.programs[size_t(state.lesson)].marker)
        return fmt::format("Run needs a program that compiles: line {}, {}", marker->line, marker->message);
    return "";
}

void Section(const char* title, const std::string& text, const FontSet& font, bool shown = true)
{
    if (text.empty())
        return;
    ImGui::PushFont(font.bold);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    if (shown) {
        ProseParagraph(text, ProseFonts{font.bold, font.mono});
    } else {
        ImGui::TextDisabled("after your run: predict first, then run it");
        if (ImGui::IsItemHovered())
            Tooltip("This part tells what happens, so it waits until you have seen it happen.");
    }
    ImGui::Spacing();
}

} // namespace

void DrawLessonPage(AppState& state)
{
    const Lesson& lesson = state.CurrentLesson();
    const FontSet& font = state.Font();
    ImGui::PushFont(font.title);
    ImGui::TextUnformatted(std::string(lesson.title).c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    if (state.settings.presenter) // the lesson list is hidden: say where we are
        ImGui::TextDisabled("lesson %d of %zu · PgUp / PgDn", state.lesson + 1, AllLessons().size());
    else { // wrapped beside the title, never cut off at the window's edge
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ProseParagraph(lesson.tagline, ProseFonts{font.bold, font.mono});
        ImGui::PopStyleColor();
    }

    const float width = ImGui::GetContentRegionAvail().x;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float column = (width - 2 * gap) / 3;

    // The middle column carries the results, their tables and the prose:
    // it gets the most room; the controls need the least.
    const bool to_top = std::exchange(state.panes_to_top, false);
    const auto start_at_top = [&] {
        if (to_top)
            ImGui::SetScrollY(0);
    };
    // A comparison of the models is a table of three rows and their reasons: it gets the listing's room.
    const std::vector<RunConfig>& series = state.session.SeriesConfigs();
    const bool comparing = state.session.RunLessonPtr() == &lesson && series.size() > 1 &&
                           series.front().model != series.back().model && !state.Stepping();
    const float listing_share = comparing ? 0.6f : 1.0f;
    ImGui::BeginChild("listing", ImVec2(column * listing_share, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    start_at_top();
    if (MakeEditorShown(state))
        DrawMakeEditor(state);
    else
        DrawListing(state);
    ImGui::EndChild();
    ImGui::SameLine();

    ImGui::BeginChild("prose", ImVec2(column * (2.2f - listing_share), 0), true);
    start_at_top();
    if (!lesson.page->exercise.empty() && !state.Stepping())
        DrawExercise(state);
    // After a run, what happened comes first; the lesson's text follows.
    if (state.Stepping()) {
        DrawStepPanel(state);
        ImGui::Separator();
    } else if (state.session.RunLessonPtr() == &lesson &&
               (state.session.Result() != nullptr || state.session.Running())) {
        DrawResults(state);
        ImGui::Separator();
    }
    const LessonProse prose = ProseFor(lesson);
    const Model model = state.CurrentModel();
    const auto shown = [&](std::string_view heading) { return prose.Shown(heading, state.Ran(), state.RanOn(model)); };
    Section("What to watch", prose.watch, font, shown("Watch"));
    Section("Why", prose.why, font, shown("Why"));
    const std::string& note = prose.model_note[int(model)];
    Section(fmt::format("On Python {}", ModelName(model)).c_str(), note, font,
            shown(fmt::format("On {}", ModelName(model))));
    Section("Try next", prose.try_next, font, shown("Try next"));
    ImGui::EndChild();
    ImGui::SameLine();

    // Run / Stop stays in view at every window and font size: the settings
    // and the quiz scroll above it.
    ImGui::BeginChild("controls", ImVec2(0, 0), true);
    ImGui::BeginChild("settings", ImVec2(0, -RunBarHeight(state)), false);
    start_at_top();
    DrawControls(state);
    ImGui::EndChild();
    DrawRunBar(state);
    ImGui::EndChild();
}

void DrawListing(AppState& state)
{
    const Lesson& lesson = state.CurrentLesson();
    ProgramEdit& program = state.programs[size_t(state.lesson)];

    // Where each live thread is: line → names, coloured by state.
    std::map<int, std::vector<std::pair<std::string, State>>> at_line;
    const RunSession& session = state.session;
    const bool stepping = state.Stepping(); // (the edits show the values it plays with)
    const TraceSnapshot& trace = stepping ? state.step.Trace() : session.Trace();
    const bool live = stepping ? !state.step.Ended() : session.Running() && session.RunLessonPtr() == &lesson;
    // Stepping, a thread that may run next shows the line it runs next.
    std::map<std::string, int> next_line;
    if (const std::optional<py::StepChoice> choice = stepping ? state.step.Waiting() : std::nullopt)
        for (const py::ThreadPlace& t : choice->threads)
            if (t.line > 0)
                next_line[t.thread] = t.line;
    if (live && !trace.groups.empty()) {
        for (int l : trace.groups.back().lanes) {
            const LaneTrace& lane = trace.lanes[size_t(l)];
            const auto next = next_line.find(lane.name);
            const int line = next != next_line.end() ? next->second : lane.current_line;
            if (!lane.ended && line > 0 && !lane.spans.empty())
                at_line[line].push_back({lane.name, lane.spans.back().state});
        }
    }

    // Whose program this is, and the way back to the lesson's.
    if (lesson.page->program_only) {
        ImGui::TextDisabled("%s", lesson.page->py_file.c_str());
        if (program.changed) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, kColorNotice);
            ImGui::TextUnformatted("● changed");
            ImGui::PopStyleColor();
            ImGui::SameLine();
            if (ImGui::SmallButton("Save")) {
                if (auto error = WriteFileAtomically(lesson.page->py_file, program.text)) {
                    state.Notify("Not saved: " + *error);
                } else {
                    program.saved = program.text;
                    program.changed = false;
                    state.Confirm("Saved " + lesson.page->py_file + ".");
                }
            }
        }
    } else if (program.changed) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorNotice);
        ImGui::TextUnformatted("● your version");
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered())
            Tooltip(fmt::format("Run runs this program. It is kept in {}/{}.py and comes back next time.",
                                state.work_dir.empty() ? "the work folder" : state.work_dir.c_str(),
                                lesson.id.c_str()));
        ImGui::SameLine();
        ImGui::BeginDisabled(live);
        if (ImGui::SmallButton("Reset to the lesson's program"))
            ImGui::OpenPopup("Reset the program?");
        ImGui::EndDisabled();
    } else {
        ImGui::TextDisabled("the lesson's program: edit it, then Run");
    }
    if (ImGui::BeginPopupModal("Reset the program?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("Throw away your changes and go back to the lesson's program?");
        if (ImGui::Button("Reset")) {
            state.ResetProgram();
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep mine") || KeyPressedOrTapped(ImGuiKey_Escape))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (program.marker)
        ErrorText(fmt::format("line {}: {}", program.marker->line, program.marker->message).c_str());

    CodeEditorView view;
    view.font = state.Font().mono;
    view.read_only = live || state.explore.Running();
    view.marker = &program.marker;
    view.threads = &at_line;
    if (DrawCodeEditor("program", program.text, view))
        state.ProgramEdited();
}

void DrawControls(AppState& state)
{
    const Lesson& lesson = state.CurrentLesson();
    const FontSet& font = state.Font();
    const float size = ImGui::GetFontSize();
    RunSession& session = state.session;
    const bool running = session.Running();

    ImGui::BeginDisabled(running);
    for (size_t i = 0; i < lesson.params.size(); ++i) {
        const ParamSpec& spec = lesson.params[i];
        ParamEdit& edit = state.edits[size_t(state.lesson)][i];
        ImGui::PushID(int(i));
        ImGui::SetNextItemWidth(size * 9);
        const bool bad = !edit.error.empty();
        if (bad)
            ImGui::PushStyleColor(ImGuiCol_FrameBg, kColorRefusedField);
        if (ImGui::InputText(std::string(spec.name).c_str(), &edit.text))
            state.ParamsEdited(); // refuse bad values in place, as they are typed; good ones go into the code
        if (bad)
            ImGui::PopStyleColor();
        ImGui::SameLine();
        HelpMarker(fmt::format("{}\nAllowed: {}.\nDefault: {}", spec.help, DescribeRange(spec), spec.default_text).c_str());
        if (bad)
            ErrorText(edit.error.c_str());
        ImGui::PopID();
    }

    ImGui::PushFont(font.bold);
    ImGui::TextUnformatted("Python");
    ImGui::PopFont();
    for (Model model : {Model::Py39, Model::Py312, Model::Py313t}) {
        const std::string name(ModelName(model));
        SameLineIfFits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(name.c_str()).x);
        if (ImGui::RadioButton(name.c_str(), state.CurrentModel() == model))
            state.settings.python = std::string(ModelName(model));
        if (ImGui::IsItemHovered())
            Tooltip(ModelLine(model));
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    Paragraph(ModelLine(state.CurrentModel()));
    ImGui::PopStyleColor();

    float scale = float(state.settings.time_scale);
    ImGui::SetNextItemWidth(std::min(size * 12, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("time scale (?)").x - size));
    if (ImGui::SliderFloat("time scale", &scale, 0.05f, 5.0f, "×%.2f", ImGuiSliderFlags_Logarithmic))
        state.settings.time_scale = std::clamp(double(scale), kMinTimeScale, kMaxTimeScale);
    ImGui::SameLine();
    HelpMarker("Time scale: how long a lesson second takes: 1 is real time, 3 is slow motion, 0.1 is ten times faster.\n"
               "Results are always reported in lesson seconds.");

    if (ImGui::RadioButton("Simulated", state.settings.simulated))
        state.settings.simulated = true;
    if (ImGui::IsItemHovered())
        Tooltip("The program runs on a virtual clock: the same seed gives the same result on any machine, "
                "however busy it is. Each run draws a new seed; type one to run it again.");
    SameLineIfFits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                   ImGui::CalcTextSize("Live on this machine").x);
    if (ImGui::RadioButton("Live on this machine", !state.settings.simulated))
        state.settings.simulated = false;
    if (ImGui::IsItemHovered())
        Tooltip("Real threads on this computer's cores, real sleeps: what this machine does, its noise included.");
    if (state.settings.simulated) {
        ImGui::SetNextItemWidth(size * 6);
        if (ImGui::InputText("seed", &state.seed_text, ImGuiInputTextFlags_CharsDecimal))
            state.seed_typed = true;
        ImGui::SameLine();
        HelpMarker(state.seed_typed ? "The next run uses this seed: the same run again, exactly."
                                    : "The seed of the last run. Run draws a new one; type a seed to replay it.");
    }
    ImGui::EndDisabled();

    ImGui::Separator();
    DrawQuiz(state);
    ImGui::Spacing();
}

namespace {

// The run's badge beside Run: the longest label that fits, never a clipped one.
struct RunBadge {
    bool shown = false;
    bool deadlocked = false;
    std::vector<std::string> labels; // longest first
};

RunBadge BadgeFor(const AppState& state)
{
    RunBadge badge;
    const RunSession& session = state.session;
    const bool running = session.Running();
    badge.shown = running || (session.HasRun() && session.RunLessonPtr() == &state.CurrentLesson());
    if (!badge.shown)
        return badge;
    const std::string how = session.Sim() ? fmt::format(" · seed {}", session.Sim()->seed) : " · live";
    const std::string elapsed = FormatDuration(session.ElapsedSeconds());
    const std::string estimate = FormatDuration(session.EstimateSeconds());
    const LessonResult* result = session.Result();
    badge.deadlocked = !running && result != nullptr && result->status == RunStatus::Deadlocked;
    badge.labels = running ? std::vector<std::string>{fmt::format("{} of about {}{}", elapsed, estimate, how),
                                                      fmt::format("{} / {}", elapsed, estimate), elapsed}
                   : badge.deadlocked
                       ? std::vector<std::string>{"deadlocked · " + elapsed + how, "deadlocked · " + elapsed, "deadlocked"}
                       : std::vector<std::string>{elapsed + how, elapsed};
    return badge;
}

ImVec2 RunButtonSize() { return ImVec2(ImGui::GetFontSize() * 7, ImGui::GetFontSize() * 1.9f); }

// Where even the shortest label does not fit beside Run (large fonts, a
// narrow column), the badge takes a row of its own below it.
bool BadgeBelow(const RunBadge& badge, float width)
{
    if (!badge.shown)
        return false;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float beside = width - RunButtonSize().x - style.ItemSpacing.x - style.FramePadding.x * 2;
    return ImGui::CalcTextSize(badge.labels.back().c_str()).x > beside;
}

} // namespace

float RunBarHeight(const AppState& state)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x; // as DrawRunBar will find it
    float height = RunButtonSize().y + style.ItemSpacing.y * 2 + style.WindowPadding.y;
    if (BadgeBelow(BadgeFor(state), width))
        height += RunButtonSize().y + style.ItemSpacing.y;
    if (const std::string error = ParamError(state); !error.empty())
        height += ImGui::CalcTextSize(error.c_str(), nullptr, false, width - style.WindowPadding.x * 2).y +
                  style.ItemSpacing.y * 2;
    return height;
}

void DrawRunBar(AppState& state)
{
    RunSession& session = state.session;
    const bool running = session.Running();
    ImGui::Separator();
    const ImVec2 button = RunButtonSize();
    const RunBadge badge = BadgeFor(state);
    const bool below = BadgeBelow(badge, ImGui::GetContentRegionAvail().x);
    if (!running) {
        const bool has_run = session.HasRun() && session.RunLessonPtr() == &state.CurrentLesson();
        ImGui::PushStyleColor(ImGuiCol_Button, kColorRunButton);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, kColorRunButtonHovered);
        ImGui::PushStyleColor(ImGuiCol_Text, kColorButtonText);
        if (ImGui::Button(has_run ? "▶ Run again" : "▶ Run", button))
            state.Run();
        ImGui::PopStyleColor(3);
        if (ImGui::IsItemHovered())
            Tooltip("F5");
    } else {
        ImGui::PushStyleColor(ImGuiCol_Button, kColorStopButton);
        ImGui::PushStyleColor(ImGuiCol_Text, kColorButtonText);
        if (ImGui::Button("■ Stop", button))
            state.Stop();
        ImGui::PopStyleColor(2);
        if (ImGui::IsItemHovered())
            Tooltip("Esc");
    }
    if (badge.shown) {
        if (!below)
            ImGui::SameLine();
        if (badge.deadlocked)
            ImGui::PushStyleColor(ImGuiCol_PlotHistogram, kColorDeadlock);
        const float room = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().FramePadding.x * 2;
        std::string overlay; // none fits (a very narrow column): the bar alone, the label in its tooltip
        for (const std::string& label : badge.labels)
            if (ImGui::CalcTextSize(label.c_str()).x <= room) {
                overlay = label;
                break;
            }
        ImGui::ProgressBar(float(session.Progress()), ImVec2(-1, button.y), overlay.c_str());
        if (badge.deadlocked)
            ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) {
            const LessonResult* result = session.Result();
            Tooltip(badge.deadlocked && result != nullptr ? result->failure : badge.labels.front());
        }
    }
    // Run does nothing while a value is refused: say why, here.
    if (const std::string error = ParamError(state); !error.empty() && !running)
        ErrorText(error.c_str());
}

} // namespace threadlab
