// The list exercise of a page that has one (`exercise:`), step by step: predict, run, investigate,
// modify (an editable list of threads), make (write run_threaded).
#include "app_state.hpp"
#include "describe.hpp"
#include "theme.hpp"
#include "ui.hpp"

#include <fmt/format.h>

#include <chrono>

namespace threadlab {

namespace {

constexpr const char* kSteps[] = {"1 Predict", "2 Run", "3 Investigate", "4 Modify", "5 Make"};
constexpr int kMakeStep = 4;

// The parameter the page's exercise edits (a list of durations).
size_t ExerciseParam(const Lesson& lesson)
{
    for (size_t i = 0; i < lesson.params.size(); ++i)
        if (lesson.params[i].name == lesson.page->exercise)
            return i;
    return 0;
}

std::vector<double> Durations(const AppState& state)
{
    ParamValue value;
    const Lesson& lesson = state.CurrentLesson();
    const size_t p = ExerciseParam(lesson);
    if (!ParseParam(lesson.params[p], state.edits[size_t(state.lesson)][p].text, value))
        return std::get<std::vector<double>>(value);
    return {};
}

void SetDurations(AppState& state, const std::vector<double>& durations)
{
    std::string text;
    for (double d : durations)
        text += (text.empty() ? "" : ",") + fmt::format("{}", d);
    state.edits[size_t(state.lesson)][ExerciseParam(state.CurrentLesson())].text = text;
    state.ParamsEdited(); // the list is the program's: the code changes with it
}

void ListEditor(AppState& state)
{
    const ParamSpec& spec = state.CurrentLesson().params[ExerciseParam(state.CurrentLesson())];
    std::vector<double> durations = Durations(state);
    bool changed = false;
    int remove = -1;
    // The list is locked while it runs: the run, its listing and the predictions are about it.
    ImGui::BeginDisabled(state.session.Running());
    for (size_t i = 0; i < durations.size(); ++i) {
        ImGui::PushID(int(i));
        ImGui::Text("%s sleeps", LetterName(i).c_str());
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        double value = durations[i];
        if (ImGui::InputDouble("s", &value, 0.5, 1.0, "%.2f")) {
            if (value >= spec.min && value <= spec.max) {
                durations[i] = value;
                changed = true;
                state.exercise_error.clear();
            } else {
                state.exercise_error = fmt::format("{} must sleep from {:g} to {:g} s; {:g} is refused.",
                                                   LetterName(i), spec.min, spec.max, value);
            }
        }
        ImGui::SameLine();
        if (durations.size() > 1 && ImGui::SmallButton("remove"))
            remove = int(i);
        ImGui::PopID();
    }
    if (remove >= 0) {
        durations.erase(durations.begin() + remove);
        changed = true;
    }
    if (!state.exercise_error.empty())
        ErrorText(state.exercise_error.c_str());
    if (int(durations.size()) < spec.max_count && ImGui::Button("+ add a thread")) {
        durations.push_back(1.0);
        changed = true;
    }
    ImGui::SameLine();
    if (int(durations.size()) < spec.max_count && ImGui::Button("add D = 0.5 s")) {
        durations.push_back(0.5);
        changed = true;
    }
    ImGui::SameLine();
    if (!durations.empty() && ImGui::Button("make A = 10 s")) {
        durations[0] = 10;
        changed = true;
    }
    ImGui::EndDisabled();
    if (changed)
        SetDurations(state, durations);
}

void DrawMakeGrade(const MakeGrade& grade, const std::string& function)
{
    const auto line = [](bool ok, const std::string& text) {
        ImGui::PushStyleColor(ImGuiCol_Text, ok ? ImGui::ColorConvertU32ToFloat4(kColorChartGood)
                                                : ImGui::ColorConvertU32ToFloat4(kColorError));
        Paragraph(((ok ? "✓ " : "✗ ") + text).c_str());
        ImGui::PopStyleColor();
    };
    if (!grade.error.empty()) {
        line(false, grade.error);
        return;
    }
    ImGui::TextUnformatted(fmt::format("Your tests ({} of them):", grade.tests.size()).c_str());
    for (const MakeGrade::Test& t : grade.tests)
        line(t.passed, t.passed ? t.name + " passed"
                                : fmt::format("{} failed{}: {}", t.name,
                                              t.line > 0 ? fmt::format(" at line {}", t.line) : "", t.message));
    if (int(grade.tests.size()) < grade.tests_wanted)
        line(false, fmt::format("Write at least {} tests of your own (def test_…(): with an assert).",
                                grade.tests_wanted));
    ImGui::TextUnformatted(fmt::format("Its own checks of your {}:", function).c_str());
    for (const MakeGrade::Check& c : grade.checks)
        line(c.passed, c.passed ? fmt::format("{} returned {}", c.call, c.returned)
                                : fmt::format("{} returned {}; it should be about {:g} (± {:g})", c.call, c.returned,
                                              c.expect, c.tolerance));
    if (grade.Passed())
        line(true, "Passed: the lesson is mastered.");
}

void MakeStep(AppState& state)
{
    const LessonPage& page = *state.CurrentLesson().page;
    if (page.make_function.empty()) {
        Paragraph("This lesson has no Make step.");
        return;
    }
    const std::string task = page.make_task.empty() ? fmt::format("Now write {} yourself.", page.make_function)
                                                    : page.make_task;
    Paragraph(fmt::format("{} Write at least {} tests of your own (def test_…(): with an assert) in the editor on "
                          "the left, then check it: your tests run, then the lesson's own checks.",
                          task, page.make_tests)
                  .c_str());
    ProgramEdit& make = state.make_programs[size_t(state.lesson)];
    const bool grading = state.make_grading.valid();
    ImGui::BeginDisabled(grading || make.marker.has_value());
    if (ImGui::Button(grading ? "Checking…" : "Check my solution"))
        state.GradeMakeStep();
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        Tooltip("Runs on the simulated executor: sleeps take virtual time, so the check is instant and the "
                "same on any machine. A program still going after a minute of lesson time is stopped.");
    if (grading) {
        ImGui::SameLine();
        if (ImGui::Button("Stop checking (Esc)"))
            state.StopChecking();
    }
    if (make.marker) // why the button is off, at the button
        ErrorText(fmt::format("Fix line {} first: {}", make.marker->line, make.marker->message).c_str());
    if (state.make_grade && state.make_grade_lesson == state.lesson)
        DrawMakeGrade(*state.make_grade, page.make_function);
}

} // namespace

bool MakeEditorShown(const AppState& state)
{
    const LessonPage& page = *state.CurrentLesson().page;
    return !page.exercise.empty() && !page.make_function.empty() && state.exercise_step == kMakeStep &&
           !state.Stepping();
}

void DrawMakeEditor(AppState& state)
{
    const LessonPage& page = *state.CurrentLesson().page;
    ProgramEdit& make = state.make_programs[size_t(state.lesson)];
    const bool grading = state.make_grading.valid();
    ImGui::TextDisabled("your %s and its tests", page.make_function.c_str());
    if (make.changed) {
        ImGui::SameLine();
        ImGui::BeginDisabled(grading);
        if (ImGui::SmallButton("Start again from the template"))
            ImGui::OpenPopup("Start the Make step again?");
        ImGui::EndDisabled();
    }
    if (ImGui::BeginPopupModal("Start the Make step again?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("Throw away your solution and start from the template?");
        if (ImGui::Button("Start again")) {
            make.text = page.make_template;
            state.MakeEdited();
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep mine") || KeyPressedOrTapped(ImGuiKey_Escape))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (make.marker)
        ErrorText(fmt::format("line {}: {}", make.marker->line, make.marker->message).c_str());
    CodeEditorView view;
    view.font = state.Font().mono;
    view.read_only = grading;
    view.marker = &make.marker;
    if (DrawCodeEditor("make", make.text, view))
        state.MakeEdited();
}

void DrawExercise(AppState& state)
{
    for (int i = 0; i < int(std::size(kSteps)); ++i) {
        if (i > 0)
            ImGui::SameLine();
        if (ImGui::Selectable(kSteps[i], state.exercise_step == i, 0, ImGui::CalcTextSize(kSteps[i])))
            state.exercise_step = i;
    }
    ImGui::Separator();
    switch (state.exercise_step) {
    case 0:
        Paragraph("Before running anything, answer the questions on the right: which thread finishes first, which "
                  "last, and how long the whole program takes.");
        break;
    case 1:
        Paragraph("Press Run (F5) and watch the lanes. Your predicted total is the dashed purple mark.");
        break;
    case 2:
        Paragraph("- Which lane turns done first? Is that the order the threads were started in?\n"
                  "- Hover the main thread's grey bar: whose join() is it waiting in, and why does it wait only once?\n"
                  "- How far is your dashed mark from where the main thread really ended?");
        break;
    case 3:
        Paragraph("Change the threads, predict again, run again. The classic steps: add D = 0.5 s, then make A = 10 s.");
        ListEditor(state);
        break;
    default:
        MakeStep(state);
        break;
    }
    ImGui::Separator();
}

} // namespace threadlab
