// The list exercise of a page that has one (`exercise:`), step by step: predict, run, investigate,
// modify (an editable list of threads), make (write run_threaded).
#include "app_state.hpp"
#include "describe.hpp"
#include "run_threaded.hpp"
#include "ui.hpp"

#include <fmt/format.h>

#include <chrono>

namespace threadlab {

namespace {

constexpr const char* kSteps[] = {"1 Predict", "2 Run", "3 Investigate", "4 Modify", "5 Make"};

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

void MakeStep(AppState& state)
{
    Paragraph("Now write it yourself: a function that starts one thread per duration, waits for all of them and "
              "returns how long that took.");
    ImGui::PushFont(state.Font().mono);
    ImGui::TextUnformatted("def run_threaded(durations):\n"
                           "    # start one thread per duration, each sleeping that long,\n"
                           "    # join them all, and return the elapsed seconds\n"
                           "    ...\n\n"
                           "print(run_threaded([3, 1, 2]))  # about 3.0");
    ImGui::PopFont();
    const std::vector<double> durations = Durations(state);
    const bool checking = state.make_check.valid();
    ImGui::BeginDisabled(checking || durations.empty());
    if (ImGui::Button("What should it return? Ask the engine")) {
        const RunConfig config{state.CurrentModel(), kDefaultSwitchInterval, state.settings.time_scale};
        state.make_stop.Reset();
        state.make_check = std::async(std::launch::async, [durations, config, stop = &state.make_stop] {
            return RunThreaded(durations, config, stop);
        });
        state.make_message = "running…";
    }
    ImGui::EndDisabled();
    if (checking && state.make_check.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        std::string list;
        for (double d : durations)
            list += (list.empty() ? "" : ", ") + fmt::format("{}", d);
        state.make_message = fmt::format("run_threaded([{}]) took {}: about the longest duration. Yours should too.",
                                         list, FormatDuration(state.make_check.get()));
    }
    if (!state.make_message.empty())
        Paragraph(state.make_message.c_str());
}

} // namespace

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
