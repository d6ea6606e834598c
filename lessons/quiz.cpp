#include "quiz.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace threadlab {

namespace {
constexpr double kSpeedups[] = {1, 2, 10, 30};
}

std::vector<std::string> SpeedupChoices()
{
    return {"about 1× (no faster)", "about 2×", "about 10×", "about 30×"};
}

Truth SpeedupTruth(double speedup)
{
    Truth truth;
    double best = INFINITY;
    for (int i = 0; i < 4; ++i) {
        const double distance = std::fabs(std::log(std::max(speedup, 1e-9)) - std::log(kSpeedups[i]));
        if (distance < best) {
            best = distance;
            truth.choice = i;
        }
    }
    truth.text = SpeedupChoices()[size_t(truth.choice)];
    return truth;
}

Grade GradePrediction(const Question& question, const Prediction& prediction, const LessonResult& result)
{
    Grade grade;
    grade.truth = question.truth(result);
    grade.answered = prediction.Answered(question);
    if (!grade.answered)
        return grade;
    if (question.kind == AnswerKind::Choice) {
        grade.correct = prediction.choice == grade.truth.choice;
        const std::vector<int>& possible = grade.truth.possible;
        if (!grade.correct && std::find(possible.begin(), possible.end(), prediction.choice) != possible.end()) {
            grade.possible = true;
            grade.answered = false; // a fair prediction this run could not confirm: it counts neither way
        }
    }
    else
        grade.correct = std::fabs(*prediction.number - grade.truth.number) <= grade.truth.tolerance;
    return grade;
}

std::optional<Prediction> ParsePrediction(const Question& question, const std::string& text)
{
    Prediction prediction;
    if (question.kind == AnswerKind::Number) {
        double value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0)
            return std::nullopt;
        prediction.number = value;
        return prediction;
    }
    for (size_t i = 0; i < question.choices.size(); ++i)
        if (question.choices[i] == text || std::to_string(i) == text)
            return Prediction{int(i), std::nullopt};
    return std::nullopt;
}

} // namespace threadlab
