#pragma once
// Prediction quizzes: the questions a lesson asks before its run, and how a
// prediction is graded against what really happened — with a tolerance band,
// so timing jitter never fails a right answer.
#include "model.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace threadlab {

struct LessonResult;
class ParamValues;

enum class AnswerKind { Choice, Number };

// The right answer, worked out from a finished run.
struct Truth {
    int choice = -1;        // Choice questions
    double number = 0;      // Number questions
    double tolerance = 0;   // a Number within ±tolerance is right
    std::string text;       // the right answer in words: "B", "2.00 s", "about 30×"
    std::string why;        // one sentence of explanation
    std::vector<int> possible; // other choices the model makes possible, which this run did not show
};

struct Question {
    std::string id;     // stable, for progress and --predict: "first", "total", "speedup"…
    std::string prompt; // "Which thread finishes first?"
    AnswerKind kind = AnswerKind::Choice;
    std::vector<std::string> choices; // Choice
    std::string unit;                 // Number: "s"
    // Number questions about a time: where to draw the prediction's ghost.
    int ghost_run = -1;               // index of the run (group), -1 = no ghost
    std::string ghost_lane;           // thread name
    std::function<Truth(const LessonResult&)> truth;
};

struct Prediction {
    int choice = -1;                  // Choice: the index picked, -1 = none
    std::optional<double> number;     // Number
    bool Answered(const Question& q) const { return q.kind == AnswerKind::Choice ? choice >= 0 : number.has_value(); }
};

struct Grade {
    bool answered = false; // and counted: a "possible, not this time" is not
    bool correct = false;
    bool possible = false; // what the model makes possible, but this run did not show: neither right nor wrong
    Truth truth;
};

Grade GradePrediction(const Question& question, const Prediction& prediction, const LessonResult& result);

// Parses a prediction typed as text ("B", "2.5", "about 30×" or its index).
std::optional<Prediction> ParsePrediction(const Question& question, const std::string& text);

// Shared question builders.
// "about 1×", "about 2×", "about 10×", "about 30×": the bucket nearest the
// measured speedup on a log scale is the right one.
std::vector<std::string> SpeedupChoices();
Truth SpeedupTruth(double speedup);

} // namespace threadlab
