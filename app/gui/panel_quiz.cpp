// Predict before running: the lesson's questions, locked when the run
// starts, graded with a tolerance band when it ends.
#include "app_state.hpp"
#include "ui.hpp"

#include <imgui_stdlib.h>

#include <fmt/format.h>

namespace threadlab {

void DrawQuiz(AppState& state)
{
    const Lesson& lesson = state.CurrentLesson();
    // The questions for the values being typed (thread names follow the list).
    ParamValues values = DefaultValues(lesson.params);
    for (size_t i = 0; i < lesson.params.size(); ++i) {
        ParamValue value;
        if (!ParseParam(lesson.params[i], state.edits[size_t(state.lesson)][i].text, value))
            values.Set(lesson.params[i].name, value);
    }
    const std::vector<Question> questions = lesson.quiz(values, state.CurrentModel());
    if (questions.empty())
        return;
    QuizState& quiz = state.Quiz();
    quiz.typed.resize(questions.size());
    quiz.chosen.resize(questions.size(), -1);

    ImGui::PushFont(state.Font().bold);
    ImGui::TextUnformatted("Predict first");
    ImGui::PopFont();
    ImGui::SameLine();
    HelpMarker("Answer before you run. Your answers are locked when the run starts and checked against what "
               "really happened, with a margin for timing jitter. A time you predict is drawn on the timeline as "
               "a dashed purple mark.");
    const bool locked = state.session.Running();
    ImGui::BeginDisabled(locked);
    for (size_t i = 0; i < questions.size(); ++i) {
        const Question& q = questions[i];
        ImGui::PushID(int(i));
        Paragraph(q.prompt.c_str());
        if (q.kind == AnswerKind::Choice) {
            if (quiz.chosen[i] >= int(q.choices.size()))
                quiz.chosen[i] = -1;
            // Choices side by side, wrapping where the column ends.
            for (size_t c = 0; c < q.choices.size(); ++c) {
                if (c > 0)
                    SameLineIfFits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                                   ImGui::CalcTextSize(q.choices[c].c_str()).x);
                if (ImGui::RadioButton(q.choices[c].c_str(), quiz.chosen[i] == int(c)))
                    quiz.chosen[i] = int(c);
            }
        } else {
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
            ImGui::InputText(q.unit.c_str(), &quiz.typed[i], ImGuiInputTextFlags_CharsDecimal);
            if (!quiz.typed[i].empty() && !ParsePrediction(q, quiz.typed[i])) {
                ImGui::SameLine();
                ImGui::TextColored(ImVec4(0.7f, 0.1f, 0, 1), "a number of seconds, like 2.5");
            }
        }
        ImGui::PopID();
    }
    ImGui::EndDisabled();
}

void DrawGrades(AppState& state)
{
    const QuizState& quiz = state.Quiz();
    if (!quiz.graded || quiz.grades.empty())
        return;
    int answered = 0, right = 0;
    for (const Grade& g : quiz.grades) {
        answered += g.answered;
        right += g.correct;
    }
    bool any_possible = false;
    for (const Grade& g : quiz.grades)
        any_possible = any_possible || g.possible;
    ImGui::PushFont(state.Font().bold);
    if (answered == 0 && any_possible)
        ImGui::TextUnformatted("Your prediction: possible, but not this time");
    else if (answered == 0)
        ImGui::TextUnformatted("No prediction this time: the answers were");
    else
        ImGui::Text("Your predictions: %d of %d right", right, answered);
    ImGui::PopFont();
    for (size_t i = 0; i < quiz.grades.size(); ++i) {
        const Grade& g = quiz.grades[i];
        const Question& q = quiz.asked[i];
        std::string yours;
        if (g.answered || g.possible)
            yours = q.kind == AnswerKind::Choice ? q.choices[size_t(quiz.locked[i].choice)]
                                                 : fmt::format("{} s", *quiz.locked[i].number);
        const ImVec4 color = !g.answered ? ImVec4(0.3f, 0.3f, 0.3f, 1)
                             : g.correct ? ImVec4(0.0f, 0.5f, 0.3f, 1)
                                         : ImVec4(0.75f, 0.25f, 0.0f, 1);
        ImGui::PushStyleColor(ImGuiCol_Text, color);
        const std::string line =
            g.possible  ? fmt::format("• {} You said {}: possible on Python {}, but not this time (it was {}). It "
                                      "counts neither way: run again.",
                                      q.prompt, yours, ModelName(quiz.model), g.truth.text)
            : !g.answered ? fmt::format("• {} — {}", q.prompt, g.truth.text)
            : g.correct ? fmt::format("✓ {} You said {}: right ({}).", q.prompt, yours, g.truth.text)
                        : fmt::format("✗ {} You said {}; it was {}.", q.prompt, yours, g.truth.text);
        Paragraph(line.c_str());
        ImGui::PopStyleColor();
        if (!g.truth.why.empty()) {
            ImGui::Indent();
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            Paragraph(g.truth.why.c_str());
            ImGui::PopStyleColor();
            ImGui::Unindent();
        }
    }
}

} // namespace threadlab
