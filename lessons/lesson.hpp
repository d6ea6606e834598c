#pragma once
// What a lesson is to the rest of the program: the lesson page (page.hpp)
// — its id, title, parameters, program and prose — with what the window and
// the command line ask of it (its summary, explanation and questions, its
// estimated length) answered from the page's expressions. No C++ file knows
// a lesson by name: the lessons are the pages in the catalog.
#include "page.hpp"
#include "params.hpp"
#include "quiz.hpp"

#include "model.hpp"
#include "recorder.hpp"
#include "runtime.hpp"
#include "explorer.hpp"
#include "sim_executor.hpp"
#include "stop.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace threadlab {

// A metric is a number, a count, a name or a list of names ("order").
using MetricValue = std::variant<double, int64_t, std::string, std::vector<std::string>>;

struct Metric {
    std::string name;
    MetricValue value;
};

// A question's right answer, as the page's expressions worked it out after the run.
struct LessonAnswer {
    std::string id;
    MetricValue answer;   // a choice's index (int64) or a number (double)
    std::string text;     // a choice question: the right choice's text
    double tolerance = 0; // number questions
    std::string why;
    std::vector<int> possible; // choices possible on this model that this run did not show
};

// The program with the current parameter values, line by line.
struct Listing {
    std::vector<std::string> lines;
    std::string Text() const;
};

struct LessonResult {
    RunStatus status = RunStatus::Finished;
    std::string failure;
    std::vector<RunOutcome> runs; // one per part of the program
    std::vector<Metric> metrics;
    std::string summary;     // the page's one line
    std::string explanation; // the page's paragraph for this outcome
    std::vector<LessonAnswer> answers;
    std::string output; // what the program printed
    std::vector<bool> goals; // per step goal of the page: its `when` held after this run
    // What the schedule search counts as this run failing: a deadlock, an
    // exception or assert that escaped, the page's check false.
    std::optional<py::ScheduleFailure> found;
    std::string page_note;   // an edited program the page's expressions do not fit: why
    double cpu_share = -1; // live: the CPU share its threads got (see ProgramRun); -1 simulated
    bool Busy() const;     // live, and the machine gave the threads too little CPU to trust the times

    const Metric* Find(std::string_view name) const;
    double Number(std::string_view name) const; // a double or an int64 metric
};

// The page's expressions that need only the parameters: evaluated once per
// (values, model) and kept.
struct LessonPreview;

struct Lesson {
    std::string id, title, tagline;
    std::vector<ParamSpec> params; // views into *page
    const LessonPage* page = nullptr;

    std::string summarize(const LessonResult& result, Model) const { return result.summary; }
    std::string explain(const LessonResult& result, const ParamValues&, Model) const { return result.explanation; }
    // The questions asked before a run (their truth comes from the run's answers).
    std::vector<Question> quiz(const ParamValues& values, Model model) const;
    // Expected length of the whole program in lesson seconds (for a progress bar); 0 if unknown.
    double estimate(const ParamValues& values, Model model) const;
    // Rules that span parameters: the page's limits.
    std::optional<std::string> validate(const ParamValues& values) const;

    const LessonPreview& Preview(const ParamValues& values, Model model) const;
    mutable std::mutex preview_mutex;
    mutable std::map<std::string, std::shared_ptr<const LessonPreview>> previews;
};

// The lesson's prose (the page's sections).
struct LessonProse {
    std::string watch;    // what to watch on the timeline
    std::string why;      // why it happens
    std::string model_note[3]; // per Model: how the outcome differs there (may be empty)
    std::string try_next; // what to predict, change or build next
    std::vector<std::string> after_run; // the page's headings shown only after a run ("Why", "On 3.12")
    // Whether the section under `heading` ("Why", "On 3.12") may be shown
    // yet: it gives nothing away, or the lesson has run (on `model`, for a model's note).
    bool Shown(std::string_view heading, bool ran, bool ran_on_model) const;
};
LessonProse ProseFor(const Lesson& lesson);

// Checks every parameter rule of the lesson, including its page's limits.
std::optional<std::string> ValidateParams(const Lesson& lesson, const ParamValues& values);

// Every lesson of the catalog that loaded, built-in first.
const std::vector<const Lesson*>& AllLessons();
// A Python file of the student's as a lesson of its own (File → Open
// program…, threadlab gui FILE.py): its program, no questions. Added to
// AllLessons (call it from the UI thread only).
const Lesson* OpenProgramLesson(const std::string& path, const std::string& text);
const Lesson* FindLesson(std::string_view id);

// The lesson's program with `values`.
Listing RenderListing(const Lesson& lesson, const ParamValues& values);

// Runs the lesson's program from start to end: simulated when `sim` is
// given, else live on this machine.
// `program`: the student's version of the lesson's program, run instead of
// it; where the page's expressions no longer fit it, the run still counts
// and `page_note` says why the lesson's questions are left out.
LessonResult RunLesson(const Lesson& lesson, const ParamValues& values, const RunConfig& config, Recorder& recorder,
                       StopFlag& stop, const std::optional<py::SimSettings>& sim = std::nullopt,
                       const std::string* program = nullptr);

// "200,000"
std::string WithCommas(int64_t value);
// The names the lessons' programs give their threads: A, B, C, … (then T27, T28, …).
std::string LetterName(size_t index);

} // namespace threadlab
