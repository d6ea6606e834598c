#pragma once
// Running a lesson page's program on the interpreter and evaluating the
// page's expressions: its questions before the run, its metrics, summary,
// explanation and right answers after it.
#include "lesson.hpp"
#include "page.hpp"

#include "live_executor.hpp"
#include "sim_executor.hpp"

#include <optional>
#include <string>
#include <vector>

namespace threadlab {

using PageAnswer = LessonAnswer;

struct PageRun {
    py::ProgramRun run;
    std::string output; // what the program printed (stdout and stderr)
    std::vector<Metric> metrics;
    std::string summary;
    std::string explanation;
    std::vector<PageAnswer> answers;
    std::vector<bool> goals; // per step goal: its `when` held (a `together` goal is step mode's to judge)
    std::optional<bool> check; // the page's `check:` held, where it has one
    // A page expression that failed when evaluated, with its file, line and
    // field: the page's mistake, not the program's.
    std::string page_error;
};

// Runs the page's program with `values` set, simulated when `sim` is given,
// else live. `echo` also receives the program's output as it comes.
PageRun RunPageLesson(const LessonPage& page, const ParamValues& values, const RunConfig& config,
                      const std::optional<py::SimSettings>& sim, Recorder& recorder, StopFlag& stop,
                      const py::OutputFn& echo = {}, const std::string* program = nullptr);

// The questions as the student sees them before the run.
struct AskedQuestion {
    std::string id, prompt, unit;
    std::vector<std::string> choices; // empty: a number
};
struct BeforeRun {
    std::vector<AskedQuestion> questions;
    int64_t threads = -1; // limits.threads: how many the program will start; -1 if the page does not say
    int64_t events = -1;  // limits.events
    double estimate = 0;  // estimate: lesson seconds, 0 if the page does not say
};
// Nullopt with `page_error` set when a page expression fails.
std::optional<BeforeRun> EvaluateBeforeRun(const LessonPage& page, const ParamValues& values, Model model,
                                           std::string& page_error);

// What a lesson shows before it runs, for one set of values and model.
struct LessonPreview {
    std::optional<BeforeRun> before;
    std::string error; // a page expression that failed
};

// At most this many threads per run, so a run never exhausts the machine.
inline constexpr int64_t kMaxLessonThreads = 1000;

// The program compiled with `values`, its parts marked (throws SourceError).
// `program`: the student's version instead of the page's.
std::unique_ptr<py::Program> CompilePageProgram(const LessonPage& page, const ParamValues& values,
                                                const std::string* program = nullptr);

} // namespace threadlab
