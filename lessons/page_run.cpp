#include "page_run.hpp"

#include "compiler.hpp"
#include "expression.hpp"
#include "containers.hpp"
#include "ops.hpp"
#include "parts.hpp"
#include "vm.hpp"

#include <fmt/format.h>

namespace threadlab {

namespace {

// A page's expressions as one module of assignments, and which page
// expression each of its lines holds (for messages).
struct Evaluation {
    std::vector<std::pair<std::string, std::string>> assignments;
    std::vector<const PageExpr*> sources;
    void Add(std::string name, std::string expression, const PageExpr* source)
    {
        assignments.emplace_back(std::move(name), std::move(expression));
        sources.push_back(source);
    }
};

std::string Str(const std::string& expression) { return "str(" + expression + ")"; }

// What every page expression may call besides the builtins (README, "Writing a lesson").
const std::string kHelpers = R"py(import math
def duration(seconds):
    m = abs(seconds)
    if m >= 1.0 or m == 0.0:
        return f"{seconds:.3f} s"
    if m >= 0.1:
        return f"{seconds * 1e3:.1f} ms"
    if m >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.0f} µs"
def nearest(value, options):
    return min(range(len(options)), key=lambda i: abs(math.log(max(value, 1e-9)) - math.log(options[i])))
def __choice_index__(choices, answer):
    if isinstance(answer, int) and not isinstance(answer, bool):
        return answer
    return choices.index(str(answer))
)py";

std::string ChoicesExpression(const PageQuestion& q)
{
    if (q.choice_list.Given())
        return "[str(c) for c in (" + q.choice_list.text + ")]";
    std::string list;
    for (const PageExpr& c : q.choices)
        list += (list.empty() ? "" : ", ") + Str(c.text);
    return "[" + list + "]";
}

Evaluation AfterRun(const LessonPage& page)
{
    Evaluation e;
    for (const auto& [name, expr] : page.metrics)
        e.Add(name, expr.text, &expr);
    e.Add("__summary__", Str(page.summary.text), &page.summary);
    for (size_t i = 0; i < page.explain.size(); ++i) {
        const PageExplanation& x = page.explain[i];
        // Only the first explanation that holds is said; later ones are not evaluated.
        const std::string earlier = i == 0 ? "True" : fmt::format("__explain_{}__ is None", i - 1);
        const std::string when = x.when.Given() ? x.when.text : "True";
        e.Add(fmt::format("__explain_{}__", i),
              fmt::format("{} if ({}) and ({}) else {}", Str(x.say.text), earlier, when,
                          i == 0 ? "None" : fmt::format("__explain_{}__", i - 1)),
              x.when.Given() ? &x.when : &x.say);
    }
    for (size_t i = 0; i < page.questions.size(); ++i) {
        const PageQuestion& q = page.questions[i];
        if (page.Number(q)) {
            e.Add(fmt::format("__answer_{}__", i), "float(" + q.answer.text + ")", &q.answer);
        } else {
            e.Add(fmt::format("__choices_{}__", i), ChoicesExpression(q), q.choice_list.Given() ? &q.choice_list : &q.ask);
            e.Add(fmt::format("__answer_{}__", i), fmt::format("__choice_index__(__choices_{}__, {})", i, q.answer.text),
                  &q.answer);
            e.Add(fmt::format("__possible_{}__", i),
                  q.possible.Given()
                      ? fmt::format("[__choice_index__(__choices_{}__, c) for c in ({})]", i, q.possible.text)
                      : "[]",
                  &q.possible);
        }
        e.Add(fmt::format("__tolerance_{}__", i), q.tolerance.Given() ? q.tolerance.text : "0", &q.tolerance);
        e.Add(fmt::format("__why_{}__", i), q.why.Given() ? Str(q.why.text) : "''", &q.why);
    }
    for (size_t i = 0; i < page.goals.size(); ++i)
        if (page.goals[i].when.Given())
            e.Add(fmt::format("__goal_{}__", i), "bool(" + page.goals[i].when.text + ")", &page.goals[i].when);
    if (page.check.Given())
        e.Add("__check__", "bool(" + page.check.text + ")", &page.check);
    return e;
}

// A Python value as a metric: int (bool too), float, str or a list of str;
// anything else as its str().
MetricValue ToMetric(py::ThreadState& ts, py::Value v)
{
    if (py::IsInt(v))
        return py::IntValue(v);
    if (v.IsFloat())
        return py::ToDouble(ts, v);
    if (py::IsType(v, py::Types().list)) {
        std::vector<std::string> names;
        for (const py::Value item : py::As<py::List>(v)->items)
            names.push_back(py::ToStr(ts, item));
        return names;
    }
    return py::ToStr(ts, v);
}

// "counter.md:14: metrics.lost: NameError: name 'x' is not defined"
std::string PageErrorFor(py::ThreadState& ts, py::Value exc, const Evaluation& e, const LessonPage& page)
{
    std::string message = ts.interp.FormatException(ts, exc);
    while (!message.empty() && message.back() == '\n')
        message.pop_back();
    message = message.substr(message.rfind('\n') + 1);
    int line = 0;
    if (const py::ExceptionObject* x = py::AsException(exc))
        for (const py::TracebackEntry& entry : x->traceback)
            if (entry.code->module != nullptr && entry.code->module->filename == "<page>")
                line = entry.line;
    const int index = line - py::PreambleLines(kHelpers) - 1;
    if (index >= 0 && size_t(index) < e.sources.size() && e.sources[size_t(index)] != nullptr) {
        const PageExpr& source = *e.sources[size_t(index)];
        return fmt::format("{}:{}: {}: {}", page.md_file, source.line, source.field, message);
    }
    return page.md_file + ": " + message;
}

py::Value Floats(const std::vector<std::pair<std::string, double>>& items)
{
    py::Dict* d = py::NewDict();
    for (const auto& [name, seconds] : items)
        py::DictSetStr(d, py::As<py::Str>(py::StrValue(name)), py::Value::Float(seconds));
    return py::Value::Obj(d);
}

py::Value Names(const std::vector<std::string>& names)
{
    std::vector<py::Value> items;
    for (const std::string& name : names)
        items.push_back(py::StrValue(name));
    return py::Value::Obj(py::NewList(std::move(items)));
}

} // namespace

std::unique_ptr<py::Program> CompilePageProgram(const LessonPage& page, const ParamValues& values,
                                                const std::string* text)
{
    std::unique_ptr<py::Program> program = py::CompileProgram(page.py_file, ProgramWithValues(page, values, text));
    py::MarkParts(*program);
    return program;
}

PageRun RunPageLesson(const LessonPage& page, const ParamValues& values, const RunConfig& config,
                      const std::optional<py::SimSettings>& sim, Recorder& recorder, StopFlag& stop,
                      const py::OutputFn& echo, const std::string* text)
{
    PageRun result;
    const std::unique_ptr<py::Program> program = CompilePageProgram(page, values, text);
    const Evaluation evaluation = AfterRun(page);
    const std::unique_ptr<py::Program> after = py::CompileAssignments(evaluation.assignments, kHelpers);

    py::RunSettings settings;
    settings.model = config.model;
    settings.time_scale = config.time_scale;
    settings.watch = page.watch;
    settings.argv = {page.py_file};
    settings.finale = [&](py::ThreadState& ts) {
        const py::RunObservations seen = ts.exec.Observe(ts);
        const std::vector<std::pair<std::string, py::Value>> extra = {
            {"python", py::StrValue(ModelName(config.model))},
            {"elapsed", Floats(seen.elapsed)},
            {"ended", Names(seen.ended)},
            {"contended", py::MakeInt(seen.contended)},
            {"lock_wait", py::Value::Float(seen.lock_wait)},
            {"gil_switches", py::MakeInt(int64_t(seen.gil_switches))},
            {"deadlocked", py::Value::Bool(seen.deadlocked)},
        };
        try {
            const py::Module* m = ts.interp.RunOverMain(ts, *after->Find(after->main), extra);
            for (const auto& [name, expr] : page.metrics)
                result.metrics.push_back(Metric{name, ToMetric(ts, m->Get(name))});
            result.summary = py::ToStr(ts, m->Get("__summary__"));
            for (size_t i = page.explain.size(); i-- > 0;) {
                const py::Value said = m->Get(fmt::format("__explain_{}__", i));
                if (!said.IsNone()) {
                    result.explanation = py::ToStr(ts, said);
                    break;
                }
            }
            for (size_t i = 0; i < page.questions.size(); ++i) {
                PageAnswer a;
                a.id = page.questions[i].id;
                a.answer = ToMetric(ts, m->Get(fmt::format("__answer_{}__", i)));
                if (!page.Number(page.questions[i])) {
                    const MetricValue choices = ToMetric(ts, m->Get(fmt::format("__choices_{}__", i)));
                    const auto* names = std::get_if<std::vector<std::string>>(&choices);
                    const auto* index = std::get_if<int64_t>(&a.answer);
                    if (names != nullptr && index != nullptr && *index >= 0 && size_t(*index) < names->size())
                        a.text = (*names)[size_t(*index)];
                    for (const py::Value c : py::As<py::List>(m->Get(fmt::format("__possible_{}__", i)))->items)
                        if (py::IsInt(c))
                            a.possible.push_back(int(py::IntValue(c)));
                }
                a.tolerance = py::ToDouble(ts, m->Get(fmt::format("__tolerance_{}__", i)));
                a.why = py::ToStr(ts, m->Get(fmt::format("__why_{}__", i)));
                result.answers.push_back(std::move(a));
            }
            for (size_t i = 0; i < page.goals.size(); ++i)
                result.goals.push_back(page.goals[i].when.Given() &&
                                       m->Get(fmt::format("__goal_{}__", i)).IsTrue());
            if (page.check.Given())
                result.check = m->Get("__check__").IsTrue();
        } catch (const py::PyError& e) {
            result.page_error = PageErrorFor(ts, e.exc, evaluation, page);
        }
    };
    const py::OutputFn output = [&](std::string_view text, bool to_stderr) {
        result.output += text;
        if (echo)
            echo(text, to_stderr);
    };
    result.run = sim ? py::RunSimulated(*program, settings, config, *sim, recorder, stop, output, page.id)
                     : py::RunLive(*program, settings, config, recorder, stop, output, page.id);
    return result;
}

std::optional<BeforeRun> EvaluateBeforeRun(const LessonPage& page, const ParamValues& values, Model model,
                                           std::string& page_error)
{
    // The parameters' constants and `python`, then each prompt and choice.
    std::string source = kHelpers;
    for (const PageParam& p : page.params)
        if (values.All().count(p.name) != 0)
            source += p.constant + " = " + PythonLiteral(values.Get(p.name)) + "\n";
    source += fmt::format("python = \"{}\"\n", ModelName(model));
    const size_t first = std::count(source.begin(), source.end(), '\n');
    std::vector<const PageExpr*> sources;
    for (size_t i = 0; i < page.questions.size(); ++i) {
        source += fmt::format("__ask_{}__ = {}\n", i, Str(page.questions[i].ask.text));
        sources.push_back(&page.questions[i].ask);
        if (!page.Number(page.questions[i])) {
            source += fmt::format("__choices_{}__ = {}\n", i, ChoicesExpression(page.questions[i]));
            sources.push_back(page.questions[i].choice_list.Given() ? &page.questions[i].choice_list
                                                                     : &page.questions[i].ask);
        }
    }
    const std::pair<const PageExpr*, const char*> numbers[] = {
        {&page.threads, "__threads__ = int({})\n"},
        {&page.events, "__events__ = int({})\n"},
        {&page.estimate, "__estimate__ = float({})\n"},
    };
    for (const auto& [expr, line] : numbers)
        if (expr->Given()) {
            source += fmt::format(fmt::runtime(line), expr->text);
            sources.push_back(expr);
        }
    source += "__evaluated__ = True\n";
    BeforeRun before;
    std::vector<AskedQuestion>& asked = before.questions;
    const std::unique_ptr<py::Program> program = py::CompileProgram("<page>", source);
    py::RunSettings settings;
    settings.model = model;
    settings.charge_costs = false;
    settings.finale = [&](py::ThreadState& ts) {
        // Runs after a failed program too: the names it never bound are missing, and the error path reports why.
        const py::Module* m = ts.interp.main;
        if (m == nullptr || m->Get("__evaluated__").IsNull())
            return;
        for (size_t i = 0; i < page.questions.size(); ++i) {
            const PageQuestion& q = page.questions[i];
            AskedQuestion a{q.id, py::ToStr(ts, m->Get(fmt::format("__ask_{}__", i))), q.unit, {}};
            if (!page.Number(q))
                for (const py::Value c : py::As<py::List>(m->Get(fmt::format("__choices_{}__", i)))->items)
                    a.choices.push_back(py::ToStr(ts, c));
            asked.push_back(std::move(a));
        }
        if (page.threads.Given())
            before.threads = py::IntValue(m->Get("__threads__"));
        if (page.events.Given())
            before.events = py::IntValue(m->Get("__events__"));
        if (page.estimate.Given())
            before.estimate = py::ToDouble(ts, m->Get("__estimate__"));
    };
    std::string errors;
    RunConfig config;
    config.model = model;
    Recorder recorder;
    recorder.SetRecording(false);
    StopFlag stop;
    const py::ProgramRun run = py::RunSimulated(*program, settings, config, py::SimSettings{}, recorder, stop,
                                                [&](std::string_view text, bool) { errors += text; });
    if (run.exit_code != 0 || asked.size() != page.questions.size()) {
        // The last traceback line names the failing line of `source`.
        std::string message = errors;
        while (!message.empty() && message.back() == '\n')
            message.pop_back();
        const std::string last = message.substr(message.rfind('\n') + 1);
        int line = 0;
        for (const py::UncaughtError& e : run.uncaught)
            line = e.line;
        const size_t index = line > int(first) ? size_t(line) - first - 1 : 0;
        page_error = index < sources.size()
                         ? fmt::format("{}:{}: {}: {}", page.md_file, sources[index]->line, sources[index]->field, last)
                         : page.md_file + ": " + last;
        return std::nullopt;
    }
    return before;
}

} // namespace threadlab
