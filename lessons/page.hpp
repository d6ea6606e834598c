#pragma once
// A lesson as two files a teacher can write: ID.py, the program (it runs
// unchanged under CPython), and ID.md, its page: YAML front matter between
// `---` lines, then the prose under `## ` headings. README.md, "Writing a
// lesson", documents every field with a complete example.
//
// Design notes
// - The front matter is YAML (yaml-cpp): the convention for a Markdown
//   page's metadata (Jekyll, Hugo, Pandoc), so a teacher has seen it, and
//   yaml-cpp reports the line of every node, so an error can name it.
// - Everything computed is a Python expression, evaluated by threadlab's own
//   interpreter after the program has run, over its final globals, the
//   metrics before it and the run's observations (python, elapsed[part],
//   ended, contended, lock_wait, gil_switches). Nothing is injected into the
//   program: it has exactly the switch points its listing shows.
// - A parameter is a module-level constant of the program: `--set
//   notes=10` rewrites the line `NOTES = …` before it compiles, so the
//   listing shows the value that runs.
#include "params.hpp"
#include "quiz.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace threadlab {

// An expression and where the page gave it, for messages.
struct PageExpr {
    std::string text;  // empty: not given
    std::string field; // "metrics.lost", "questions[1].answer"
    int line = 0;      // in the .md file, 1-based
    bool Given() const { return !text.empty(); }
};

struct PageParam {
    std::string name;     // as --set names it: "notes"
    std::string constant; // the program's constant: "NOTES"
    std::string default_text, help, unit;
    ParamKind kind = ParamKind::Integer;
    double min = 0, max = 0;
    int max_count = 16; // durations
    ParamSpec Spec() const; // views into this PageParam
};

struct PageQuestion {
    std::string id;
    PageExpr ask;                  // evaluated before the run, over the parameters and `python`
    std::vector<PageExpr> choices; // ditto; none (and no choice_list): a number question
    PageExpr choice_list;          // or one expression giving the list of choices
    std::string unit;              // a number question's unit, "s"
    PageExpr answer;    // after the run: the right choice (its text or index), or the number
    PageExpr tolerance; // a number question: right within ± this
    PageExpr why;       // after the run: one sentence
    // After the run, a choice question: the choices this model makes possible
    // that this run happened not to show. Predicting one is graded
    // "possible, but not this time", neither right nor wrong.
    PageExpr possible;
    std::string ghost;  // a number question about a part's time: that part (its MainThread lane shows the guess)
};

struct PageExplanation {
    PageExpr when; // empty: always
    PageExpr say;
};

// Step mode's goals: met when `when` holds after the play (over the metrics,
// as an explanation's), or when two threads are about to run the program
// line `together` at the same choice point.
struct PageGoal {
    std::string say;
    PageExpr when;
    std::string together; // the line's text, as the program has it
    int together_line = 0; // its line number in the program
};

// The Make step: the student writes `function` and tests of their own; the
// window runs those, then these hidden checks of the function.
struct PageMakeCheck {
    std::string call;     // a Python call of the function: "run_threaded([0.4, 0.1])"
    double expect = 0;    // what it should return…
    double tolerance = 0; // …within this
};

struct LessonPage {
    std::string id;
    std::string md_file, py_file; // as messages name them
    bool built_in = true;
    bool program_only = false; // a .py file opened as a lesson of its own: no page
    bool Number(const PageQuestion& q) const { return q.choices.empty() && !q.choice_list.Given(); }
    std::string title, tagline;
    std::vector<PageParam> params;
    std::vector<std::pair<std::string, PageExpr>> metrics; // in order
    std::vector<std::string> watch;                       // globals marked on the timeline
    PageExpr summary;
    std::vector<PageExplanation> explain; // the first whose `when` holds is said
    std::vector<PageQuestion> questions;
    PageExpr check;     // the explorer's default check
    PageExpr threads;   // how many threads the program starts at most, over the parameters
    std::string threads_advice; // what to change when that is too many
    PageExpr events;    // how many events the run records, roughly (for the memory check)
    PageExpr estimate;  // how long the program takes, in lesson seconds (for the progress bar)
    // What the results panel draws: bars of these metrics (seconds), or the
    // counter's expected and actual metrics.
    std::vector<std::string> chart_bars;
    std::string chart_expected, chart_actual;
    // "Run N times": a series of runs and a histogram of one metric.
    int series_runs = 0;
    std::string series_metric;
    std::string exercise; // a durations parameter the list exercise edits
    std::string make_function;              // the Make step's function; empty: no Make step
    std::string make_task;                  // what the function must do, as the step asks for it
    std::string make_template;              // what the student's editor starts with
    int make_tests = 0;                     // at least this many test_ functions of their own
    std::vector<PageMakeCheck> make_checks; // the hidden ones
    // The window's schedule search: its button, and the parameter values it
    // searches with (small, so every schedule within the bound can be tried).
    std::string explore_label;
    std::vector<std::string> explore_sets; // NAME=VALUE
    // Step mode ("be the scheduler"): the values it plays with, and its goals.
    std::vector<std::string> step_sets; // NAME=VALUE
    std::vector<PageGoal> goals;
    std::vector<std::pair<std::string, std::string>> sections; // prose: heading, text
    // Headings of the sections that give a quiz answer away: the window
    // shows them only once the lesson has run (a model's note, once it ran on that model).
    std::vector<std::string> after_run;
    std::string program;                                       // ID.py
    std::vector<std::string> parts;                            // its `# part:` names, in order

    std::vector<ParamSpec> Specs() const;
    const std::string* Section(std::string_view heading) const;
};

// Parses a page and its program. Throws PageError naming the file, the line
// and the field: "counter.md:12: params.threads.range: must be [MIN, MAX]".
struct PageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
std::unique_ptr<LessonPage> ParsePage(const std::string& id, const std::string& md_file, const std::string& md_text,
                                      const std::string& py_file, const std::string& py_text);

// The program (or `text`, the student's version of it) with each
// parameter's constant set to `values`.
std::string ProgramWithValues(const LessonPage& page, const ParamValues& values, const std::string* text = nullptr);

// The value `text` gives parameter `param`'s constant, as its field shows
// it ("300_000", "3.0, 1.0, 2.0"), or nullopt if it has no such line.
std::optional<std::string> ConstantInProgram(const PageParam& param, const std::string& text);

} // namespace threadlab
