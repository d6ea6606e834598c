#pragma once
// What a lesson is: data (id, title, parameters, Python listing, prose) plus
// one free function that runs its scenario on the engine and returns its
// metrics. lessons/registry.cpp lists them; each lives in a file of its own.
#include "params.hpp"
#include "quiz.hpp"

#include "model.hpp"
#include "recorder.hpp"
#include "runtime.hpp"
#include "stop.hpp"

#include <map>
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

// The Python listing with the current parameter values filled in.
struct Listing {
    std::vector<std::string> lines;
    std::map<std::string, int, std::less<>> tags; // tag → 1-based line number
    int Line(std::string_view tag) const;          // 0 if the listing has no such tag
    std::string Text() const;
};

// Everything a scenario needs to run once.
struct LessonContext {
    RunConfig config;
    const ParamValues& params;
    const Listing& listing;
    Recorder& recorder;
    StopFlag& stop;
};

struct LessonResult {
    RunStatus status = RunStatus::Finished;
    std::string failure;
    std::vector<RunOutcome> runs;
    std::vector<Metric> metrics;

    const Metric* Find(std::string_view name) const;
    double Number(std::string_view name) const; // a double or an int64 metric
};

struct Lesson {
    std::string_view id;
    std::string_view title;
    std::string_view tagline; // one line for the lesson list
    std::vector<ParamSpec> params;
    // Python source; `{name}` is replaced by the parameter's value and a
    // trailing `#@tag` marks a line the scenario reports (and is not shown).
    std::string_view listing;
    // Runs every part of the scenario (one RunOutcome each) and fills metrics.
    void (*scenario)(const LessonContext& context, LessonResult& result);
    // One human line: "sequential 3.00 s · threaded 0.10 s · 29.7× faster".
    std::string (*summarize)(const LessonResult& result, Model model);
    // What happened, in plain words, for the results panel.
    std::string (*explain)(const LessonResult& result, const ParamValues& values, Model model) = nullptr;
    // The questions asked before a run (one to three).
    std::vector<Question> (*quiz)(const ParamValues& values, Model model) = nullptr;
    // Expected length of the whole scenario in lesson seconds (for a progress bar).
    double (*estimate)(const ParamValues& values, Model model) = nullptr;
    // Checks that span parameters ("at most 1,000 export threads"); nullptr if none.
    std::optional<std::string> (*validate)(const ParamValues& values) = nullptr;
};

// The lesson's prose (assets/lessons/ID.md), split into its sections.
struct LessonProse {
    std::string watch;    // what to watch on the timeline
    std::string why;      // why it happens
    std::string model_note[3]; // per Model: how the outcome differs there (may be empty)
    std::string try_next; // what to predict, change or build next
};
LessonProse ProseFor(const Lesson& lesson);

// Checks every parameter rule of the lesson, including its own validate().
std::optional<std::string> ValidateParams(const Lesson& lesson, const ParamValues& values);

const std::vector<const Lesson*>& AllLessons();
const Lesson* FindLesson(std::string_view id);

// Fills the listing template with `values`.
Listing RenderListing(const Lesson& lesson, const ParamValues& values);

// Runs a lesson from start to end: renders its listing, runs the scenario,
// and sets the overall status from its runs.
LessonResult RunLesson(const Lesson& lesson, const ParamValues& values, const RunConfig& config,
                       Recorder& recorder, StopFlag& stop);

// Runs one part of a scenario as its own group in the recording and appends
// the outcome. Returns false if the lesson should end (stopped or failed).
bool RunPart(const LessonContext& context, LessonResult& result, std::string name, const ThreadFn& main);

// Lesson seconds of CPU work for `steps` loop steps on one thread.
double WorkSeconds(double steps, Model model);

// "200,000"
std::string WithCommas(int64_t value);
// Thread names a lesson gives its threads: A, B, C, …
std::string LetterName(size_t index);

} // namespace threadlab
