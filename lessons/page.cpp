#include "page.hpp"

#include "compiler.hpp"
#include "expression.hpp"
#include "parts.hpp"
#include "source_error.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <sstream>

namespace threadlab {

namespace {

// yaml-cpp quotes the character it stumbled on as it is, and a key is named
// as the file spells it: a newline or a control byte would break the
// one-line message, so those are shown escaped.
std::string OneLineMessage(const std::string& message)
{
    std::string out;
    for (const char c : message)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        else
            out += c;
    return out;
}

// Reads one page, remembering where each field is for its messages.
class Reader {
public:
    Reader(std::string file, int first_line) : m_file(std::move(file)), m_first_line(first_line) {}

    [[noreturn]] void Fail(const YAML::Node& node, const std::string& field, const std::string& message) const
    {
        const int line = node.IsDefined() ? m_first_line + node.Mark().line : m_first_line;
        throw PageError(fmt::format("{}:{}: {}: {}", m_file, line, OneLineMessage(field), OneLineMessage(message)));
    }

    int Line(const YAML::Node& node) const { return m_first_line + node.Mark().line; }

    // Only these keys, each of the right shape.
    void Keys(const YAML::Node& map, const std::string& field, const std::vector<std::string>& allowed) const
    {
        if (!map.IsMap())
            Fail(map, field, "must be a mapping of NAME: VALUE lines");
        std::set<std::string> seen;
        for (const auto& entry : map) {
            const std::string key = entry.first.as<std::string>();
            // YAML keeps one of the two silently: the teacher meant one of them.
            if (!seen.insert(key).second)
                Fail(entry.first, Join(field, key), "is given twice");
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                std::string names;
                for (const std::string& a : allowed)
                    names += (names.empty() ? "" : ", ") + a;
                Fail(entry.first, Join(field, key), "is not a field here (the fields are: " + names + ")");
            }
        }
    }

    std::string Text(const YAML::Node& map, const std::string& key, const std::string& field, bool required) const
    {
        const YAML::Node node = map[key];
        if (!node.IsDefined() || node.IsNull()) {
            if (required)
                Fail(map, Join(field, key), "is missing");
            return {};
        }
        if (!node.IsScalar())
            Fail(node, Join(field, key), "must be text on one line");
        return node.as<std::string>();
    }

    PageExpr Expr(const YAML::Node& map, const std::string& key, const std::string& field, bool required) const
    {
        PageExpr e;
        e.field = Join(field, key);
        e.text = OneLine(Text(map, key, field, required));
        if (e.Given()) {
            e.line = Line(map[key]);
            Validate(map[key], e);
        }
        return e;
    }

    PageExpr ExprNode(const YAML::Node& node, const std::string& field) const
    {
        if (!node.IsScalar())
            Fail(node, field, "must be a Python expression");
        PageExpr e{OneLine(node.as<std::string>()), field, Line(node)};
        Validate(node, e);
        return e;
    }

    // A long expression may run over several lines of the page (a `>-` block):
    // they are one line of Python.
    static std::string OneLine(std::string text)
    {
        std::replace(text.begin(), text.end(), '\n', ' ');
        return text;
    }

    static std::string Join(const std::string& field, const std::string& key)
    {
        return field.empty() ? key : field + "." + key;
    }

private:
    void Validate(const YAML::Node& node, const PageExpr& e) const
    {
        try {
            py::ValidateExpression(e.text);
        } catch (const py::SourceError& error) {
            Fail(node, e.field, fmt::format("{} (in \"{}\", column {})", error.message, e.text, error.col));
        }
    }

    std::string m_file;
    int m_first_line;
};

ParamKind KindFrom(const Reader& r, const YAML::Node& node, const std::string& field)
{
    const std::string kind = node.IsScalar() ? node.as<std::string>() : "";
    if (kind == "integer")
        return ParamKind::Integer;
    if (kind == "number")
        return ParamKind::Real;
    if (kind == "durations")
        return ParamKind::Durations;
    r.Fail(node, field, "must be integer, number or durations");
}

PageParam ReadParam(const Reader& r, const std::string& name, const YAML::Node& node)
{
    const std::string field = "params." + name;
    r.Keys(node, field, {"constant", "kind", "default", "range", "help", "unit", "max_count"});
    PageParam p;
    p.name = name;
    p.constant = r.Text(node, "constant", field, true);
    if (!node["kind"].IsDefined())
        r.Fail(node, field + ".kind", "is missing");
    p.kind = KindFrom(r, node["kind"], field + ".kind");
    const YAML::Node def = node["default"];
    if (!def.IsDefined())
        r.Fail(node, field + ".default", "is missing");
    if (def.IsSequence()) {
        for (const auto& item : def)
            p.default_text += (p.default_text.empty() ? "" : ",") + item.as<std::string>();
    } else if (def.IsScalar()) {
        p.default_text = def.as<std::string>();
    } else {
        r.Fail(def, field + ".default", "must be a value, or a list of seconds");
    }
    const YAML::Node range = node["range"];
    if (!range.IsDefined() || !range.IsSequence() || range.size() != 2)
        r.Fail(range.IsDefined() ? range : node, field + ".range", "must be [MIN, MAX]");
    try {
        p.min = range[0].as<double>();
        p.max = range[1].as<double>();
    } catch (const YAML::Exception&) {
        r.Fail(range, field + ".range", "must be [MIN, MAX], two numbers");
    }
    if (p.min > p.max)
        r.Fail(range, field + ".range", "MIN is above MAX");
    p.help = r.Text(node, "help", field, true);
    p.unit = r.Text(node, "unit", field, false);
    if (node["max_count"].IsDefined()) {
        try {
            p.max_count = node["max_count"].as<int>();
        } catch (const YAML::Exception&) {
            r.Fail(node["max_count"], field + ".max_count", "must be a whole number");
        }
        if (p.max_count < 1 || p.max_count > 64)
            r.Fail(node["max_count"], field + ".max_count", "must be from 1 to 64");
    }
    ParamValue value;
    if (auto error = ParseParam(p.Spec(), p.default_text, value))
        r.Fail(def, field + ".default", *error);
    return p;
}

PageQuestion ReadQuestion(const Reader& r, const YAML::Node& node, size_t index)
{
    const std::string field = fmt::format("questions[{}]", index + 1);
    r.Keys(node, field, {"id", "ask", "choices", "unit", "answer", "tolerance", "why", "ghost", "possible"});
    PageQuestion q;
    q.id = r.Text(node, "id", field, true);
    q.ask = r.Expr(node, "ask", field, true);
    if (const YAML::Node choices = node["choices"]; choices.IsDefined()) {
        if (choices.IsScalar()) {
            q.choice_list = r.ExprNode(choices, field + ".choices");
        } else if (!choices.IsSequence() || choices.size() < 2) {
            r.Fail(choices, field + ".choices", "must be a list of two or more expressions, or one giving the list");
        } else {
            for (size_t i = 0; i < choices.size(); ++i)
                q.choices.push_back(r.ExprNode(choices[i], fmt::format("{}.choices[{}]", field, i + 1)));
        }
    }
    q.unit = r.Text(node, "unit", field, false);
    q.answer = r.Expr(node, "answer", field, true);
    const bool number = q.choices.empty() && !q.choice_list.Given();
    q.tolerance = r.Expr(node, "tolerance", field, number);
    q.why = r.Expr(node, "why", field, false);
    q.possible = r.Expr(node, "possible", field, false);
    if (q.possible.Given() && number)
        r.Fail(node["possible"], field + ".possible", "is for choice questions");
    q.ghost = r.Text(node, "ghost", field, false);
    if (!q.ghost.empty() && !(q.choices.empty() && !q.choice_list.Given()))
        r.Fail(node["ghost"], field + ".ghost", "is for number questions");
    return q;
}

// The line `CONSTANT = …` at the top level of the program, or npos.
size_t ConstantLine(const std::vector<std::string>& lines, const std::string& constant)
{
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line.rfind(constant, 0) != 0)
            continue;
        const size_t eq = line.find_first_not_of(' ', constant.size());
        if (eq != std::string::npos && line[eq] == '=' && (eq + 1 >= line.size() || line[eq + 1] != '='))
            return i;
    }
    return std::string::npos;
}

std::vector<std::string> Lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back(); // a page saved with Windows line ends reads the same
        lines.push_back(line);
    }
    return lines;
}

// `set: {increments: 3}` as NAME=VALUE assignments, each checked against the parameters.
std::vector<std::string> ReadSets(const Reader& r, const YAML::Node& sets, const std::string& field,
                                  const LessonPage& page)
{
    std::vector<std::string> assignments;
    if (!sets.IsDefined())
        return assignments;
    if (!sets.IsMap())
        r.Fail(sets, field, "must be NAME: VALUE lines, such as increments: 3");
    for (const auto& entry : sets)
        assignments.push_back(entry.first.as<std::string>() + "=" + entry.second.as<std::string>());
    ParamValues probe = DefaultValues(page.Specs());
    if (auto error = ApplyAssignments(page.Specs(), assignments, probe))
        r.Fail(sets, field, *error);
    return assignments;
}

std::string Trimmed(const std::string& line)
{
    const size_t first = line.find_first_not_of(" \t");
    const size_t last = line.find_last_not_of(" \t\r");
    return first == std::string::npos ? "" : line.substr(first, last - first + 1);
}

PageGoal ReadGoal(const Reader& r, const YAML::Node& node, const std::string& field,
                  const std::vector<std::string>& program_lines, const std::string& py_file)
{
    r.Keys(node, field, {"say", "when", "together"});
    PageGoal goal;
    goal.say = r.Text(node, "say", field, true);
    goal.when = r.Expr(node, "when", field, false);
    goal.together = Trimmed(r.Text(node, "together", field, false));
    if (goal.when.Given() == !goal.together.empty())
        r.Fail(node, field, "give when (an expression over the metrics) or together (a line of the program)");
    if (!goal.together.empty()) {
        for (size_t i = 0; i < program_lines.size() && goal.together_line == 0; ++i)
            if (Trimmed(program_lines[i]) == goal.together)
                goal.together_line = int(i) + 1;
        if (goal.together_line == 0)
            r.Fail(node["together"], field + ".together", fmt::format("no line of {} reads `{}`", py_file, goal.together));
    }
    return goal;
}

} // namespace

ParamSpec PageParam::Spec() const
{
    return ParamSpec{name, kind, default_text, min, max, help, max_count, unit};
}

std::vector<ParamSpec> LessonPage::Specs() const
{
    std::vector<ParamSpec> specs;
    for (const PageParam& p : params)
        specs.push_back(p.Spec());
    return specs;
}

const std::string* LessonPage::Section(std::string_view heading) const
{
    for (const auto& [title, text] : sections)
        if (title == heading)
            return &text;
    return nullptr;
}

namespace {
std::unique_ptr<LessonPage> ReadPage(const std::string& id, const std::string& md_file, const std::string& md_text,
                                     const std::string& py_file, const std::string& py_text);
} // namespace

std::unique_ptr<LessonPage> ParsePage(const std::string& id, const std::string& md_file, const std::string& md_text,
                                      const std::string& py_file, const std::string& py_text)
{
    try {
        return ReadPage(id, md_file, md_text, py_file, py_text);
    } catch (const YAML::Exception& e) {
        // A question the reader asked of a node the page does not have (yaml-cpp's
        // InvalidNode): still the page's mistake, said in one line.
        if (e.mark.is_null())
            throw PageError(fmt::format("{}: {}", md_file, OneLineMessage(e.msg)));
        throw PageError(fmt::format("{}:{}: {}", md_file, e.mark.line + 2, OneLineMessage(e.msg)));
    }
}

namespace {
std::unique_ptr<LessonPage> ReadPage(const std::string& id, const std::string& md_file, const std::string& md_text,
                                     const std::string& py_file, const std::string& py_text)
{
    auto page = std::make_unique<LessonPage>();
    page->id = id;
    page->md_file = md_file;
    page->py_file = py_file;
    page->program = py_text;

    // The front matter: from a first line `---` to the next.
    const std::vector<std::string> md = Lines(md_text);
    if (md.empty() || md.front() != "---")
        throw PageError(md_file + ":1: the page must begin with a line `---`, its front matter, and another `---`");
    size_t end = 1;
    while (end < md.size() && md[end] != "---")
        ++end;
    if (end == md.size())
        throw PageError(md_file + ":1: the front matter has no closing line `---`");
    std::string front;
    for (size_t i = 1; i < end; ++i) {
        // yaml-cpp's own word for this is cryptic; a text editor's Tab key is the usual cause.
        const size_t indent = md[i].find_first_not_of(" \t");
        if (md[i].substr(0, indent).find('\t') != std::string::npos)
            throw PageError(fmt::format("{}:{}: a tab indents this line; the front matter (YAML) indents with spaces",
                                        md_file, i + 1));
        front += md[i] + "\n";
    }
    const Reader r(md_file, 2);
    YAML::Node doc;
    try {
        doc = YAML::Load(front);
    } catch (const YAML::ParserException& e) {
        throw PageError(fmt::format("{}:{}: {}", md_file, e.mark.line + 2, OneLineMessage(e.msg)));
    }
    if (!doc.IsMap())
        throw PageError(md_file + ":2: the front matter must be NAME: VALUE lines");
    r.Keys(doc, "", {"title", "tagline", "params", "watch", "metrics", "summary", "explain", "questions", "check",
                     "limits", "estimate", "chart", "series", "exercise", "explore", "step", "after_run", "make"});
    page->title = r.Text(doc, "title", "", true);
    page->tagline = r.Text(doc, "tagline", "", true);
    const std::vector<std::string> program_lines = Lines(py_text);
    if (const YAML::Node params = doc["params"]; params.IsDefined()) {
        if (!params.IsMap())
            r.Fail(params, "params", "must be a mapping: NAME: {constant, kind, default, range, help}");
        std::set<std::string> constants;
        for (const auto& entry : params) {
            PageParam p = ReadParam(r, entry.first.as<std::string>(), entry.second);
            if (ConstantLine(program_lines, p.constant) == std::string::npos)
                r.Fail(entry.second, "params." + p.name + ".constant",
                       fmt::format("{} has no line `{} = …` at its top level", py_file, p.constant));
            if (!constants.insert(p.constant).second)
                r.Fail(entry.second, "params." + p.name + ".constant", "another parameter sets " + p.constant);
            page->params.push_back(std::move(p));
        }
    }
    if (const YAML::Node watch = doc["watch"]; watch.IsDefined()) {
        if (!watch.IsSequence())
            r.Fail(watch, "watch", "must be a list of global names, such as [counter]");
        for (const auto& name : watch) {
            if (!name.IsScalar())
                r.Fail(name, "watch", "must be a list of global names, such as [counter]");
            page->watch.push_back(name.as<std::string>());
        }
    }
    if (const YAML::Node metrics = doc["metrics"]; metrics.IsDefined()) {
        if (!metrics.IsMap())
            r.Fail(metrics, "metrics", "must be NAME: EXPRESSION lines");
        for (const auto& entry : metrics)
            page->metrics.emplace_back(entry.first.as<std::string>(),
                                       r.ExprNode(entry.second, "metrics." + entry.first.as<std::string>()));
    }
    page->summary = r.Expr(doc, "summary", "", true);
    if (const YAML::Node explain = doc["explain"]; explain.IsDefined()) {
        if (!explain.IsSequence())
            r.Fail(explain, "explain", "must be a list of {when: EXPRESSION, say: EXPRESSION}");
        for (size_t i = 0; i < explain.size(); ++i) {
            const std::string field = fmt::format("explain[{}]", i + 1);
            r.Keys(explain[i], field, {"when", "say"});
            page->explain.push_back(PageExplanation{r.Expr(explain[i], "when", field, false),
                                                    r.Expr(explain[i], "say", field, true)});
        }
    }
    if (const YAML::Node questions = doc["questions"]; questions.IsDefined()) {
        if (!questions.IsSequence())
            r.Fail(questions, "questions", "must be a list of questions");
        for (size_t i = 0; i < questions.size(); ++i)
            page->questions.push_back(ReadQuestion(r, questions[i], i));
    }
    page->check = r.Expr(doc, "check", "", false);
    if (const YAML::Node limits = doc["limits"]; limits.IsDefined()) {
        r.Keys(limits, "limits", {"threads", "advice", "events"});
        page->threads = r.Expr(limits, "threads", "limits", false);
        page->threads_advice = r.Text(limits, "advice", "limits", false);
        page->events = r.Expr(limits, "events", "limits", false);
    }
    page->estimate = r.Expr(doc, "estimate", "", false);
    const auto metric_name = [&](const YAML::Node& node, const std::string& field) {
        const std::string name = node.IsScalar() ? node.as<std::string>() : "";
        const bool known = std::any_of(page->metrics.begin(), page->metrics.end(),
                                       [&](const auto& m) { return m.first == name; });
        if (!known)
            r.Fail(node, field, "must name one of the page's metrics");
        return name;
    };
    if (const YAML::Node chart = doc["chart"]; chart.IsDefined()) {
        r.Keys(chart, "chart", {"bars", "expected", "actual"});
        if (const YAML::Node bars = chart["bars"]; bars.IsDefined()) {
            if (!bars.IsSequence())
                r.Fail(bars, "chart.bars", "must be a list of metrics, such as [sequential, threaded]");
            for (const auto& bar : bars)
                page->chart_bars.push_back(metric_name(bar, "chart.bars"));
        }
        if (chart["expected"].IsDefined() != chart["actual"].IsDefined())
            r.Fail(chart, "chart", "give both expected and actual, or neither");
        if (chart["expected"].IsDefined()) {
            page->chart_expected = metric_name(chart["expected"], "chart.expected");
            page->chart_actual = metric_name(chart["actual"], "chart.actual");
        }
    }
    if (const YAML::Node series = doc["series"]; series.IsDefined()) {
        r.Keys(series, "series", {"runs", "metric"});
        try {
            page->series_runs = series["runs"].as<int>();
        } catch (const YAML::Exception&) {
            r.Fail(series, "series.runs", "must be a whole number from 2 to 100");
        }
        if (page->series_runs < 2 || page->series_runs > 100)
            r.Fail(series["runs"], "series.runs", "must be a whole number from 2 to 100");
        if (!series["metric"].IsDefined())
            r.Fail(series, "series.metric", "is missing: the metric each run of the series shows");
        page->series_metric = metric_name(series["metric"], "series.metric");
    }
    if (const YAML::Node explore = doc["explore"]; explore.IsDefined()) {
        r.Keys(explore, "explore", {"label", "set"});
        page->explore_label = r.Text(explore, "label", "explore", true);
        if (!page->check.Given())
            r.Fail(explore, "explore", "needs the page's check: what a failing schedule breaks");
        page->explore_sets = ReadSets(r, explore["set"], "explore.set", *page);
    }
    if (const YAML::Node step = doc["step"]; step.IsDefined()) {
        r.Keys(step, "step", {"set", "goals"});
        page->step_sets = ReadSets(r, step["set"], "step.set", *page);
        const YAML::Node goals = step["goals"];
        if (goals.IsDefined() && !goals.IsSequence())
            r.Fail(goals, "step.goals", "must be a list of {say: TEXT, when: EXPRESSION} or {say: TEXT, together: LINE}");
        for (size_t i = 0; goals.IsDefined() && i < goals.size(); ++i)
            page->goals.push_back(ReadGoal(r, goals[i], fmt::format("step.goals[{}]", i + 1), program_lines, py_file));
    }
    if (const YAML::Node make = doc["make"]; make.IsDefined()) {
        r.Keys(make, "make", {"function", "task", "template", "tests", "checks"});
        page->make_function = r.Text(make, "function", "make", true);
        page->make_task = r.Text(make, "task", "make", false);
        // (A missing key gives an invalid node: IsDefined() first, every other question throws on it.)
        const YAML::Node template_node = make["template"];
        page->make_template =
            template_node.IsDefined() && template_node.IsScalar() ? template_node.as<std::string>() : "";
        if (page->make_template.empty())
            r.Fail(make, "make.template", "is missing: the program the student's editor starts with");
        try {
            page->make_tests = make["tests"].IsDefined() ? make["tests"].as<int>() : 0;
        } catch (const YAML::Exception&) {
            r.Fail(make["tests"], "make.tests", "must be a whole number from 0 to 20");
        }
        if (page->make_tests < 0 || page->make_tests > 20)
            r.Fail(make["tests"], "make.tests", "must be a whole number from 0 to 20");
        const YAML::Node checks = make["checks"];
        if (!checks.IsDefined() || !checks.IsSequence() || checks.size() == 0)
            r.Fail(make, "make.checks", "must be a list of {call, expect, tolerance}");
        for (size_t i = 0; i < checks.size(); ++i) {
            const std::string field = fmt::format("make.checks[{}]", i + 1);
            r.Keys(checks[i], field, {"call", "expect", "tolerance"});
            PageMakeCheck check;
            check.call = r.Expr(checks[i], "call", field, true).text;
            try {
                check.expect = checks[i]["expect"].as<double>();
                check.tolerance = checks[i]["tolerance"].IsDefined() ? checks[i]["tolerance"].as<double>() : 0;
            } catch (const YAML::Exception&) {
                r.Fail(checks[i], field, "expect and tolerance must be numbers");
            }
            page->make_checks.push_back(std::move(check));
        }
    }
    if (const YAML::Node exercise = doc["exercise"]; exercise.IsDefined()) {
        page->exercise = exercise.IsScalar() ? exercise.as<std::string>() : "";
        const bool ok = std::any_of(page->params.begin(), page->params.end(), [&](const PageParam& p) {
            return p.name == page->exercise && p.kind == ParamKind::Durations;
        });
        if (!ok)
            r.Fail(exercise, "exercise", "must name one of the page's durations parameters");
    }

    // The prose: `## Heading` sections below the front matter.
    std::string* section = nullptr;
    for (size_t i = end + 1; i < md.size(); ++i) {
        const std::string& line = md[i];
        if (line.rfind("## ", 0) == 0) {
            page->sections.emplace_back(line.substr(3), "");
            section = &page->sections.back().second;
            continue;
        }
        if (section == nullptr)
            continue;
        *section += line + "\n";
    }
    for (auto& [heading, text] : page->sections)
        while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
            text.pop_back();
    if (const YAML::Node after = doc["after_run"]; after.IsDefined()) {
        if (!after.IsSequence())
            r.Fail(after, "after_run", "must be a list of the page's headings, such as [Why, On 3.12]");
        for (const auto& heading : after) {
            const std::string name = heading.IsScalar() ? heading.as<std::string>() : "";
            if (page->Section(name) == nullptr)
                r.Fail(heading, "after_run", fmt::format("the page has no section `## {}`", name));
            page->after_run.push_back(name);
        }
    }

    // The program must compile as it is (with its own values).
    try {
        std::unique_ptr<py::Program> program = py::CompileMainModule(py_file, py_text);
        py::MarkParts(*program);
        page->parts = program->parts;
    } catch (const py::SourceError& e) {
        throw PageError(py::FormatSourceError(py_file, e));
    }
    return page;
}

} // namespace

std::optional<std::string> ConstantInProgram(const PageParam& param, const std::string& text)
{
    const std::vector<std::string> lines = Lines(text);
    const size_t at = ConstantLine(lines, param.constant);
    if (at == std::string::npos)
        return std::nullopt;
    std::string value = lines[at].substr(lines[at].find('=') + 1);
    if (const size_t comment = value.find('#'); comment != std::string::npos)
        value.erase(comment);
    value = Trimmed(value);
    if (param.kind == ParamKind::Durations && value.size() >= 2 && value.front() == '[' && value.back() == ']')
        value = Trimmed(value.substr(1, value.size() - 2));
    return value;
}

std::string ProgramWithValues(const LessonPage& page, const ParamValues& values, const std::string* text)
{
    std::vector<std::string> lines = Lines(text != nullptr ? *text : page.program);
    for (const PageParam& p : page.params) {
        const size_t at = ConstantLine(lines, p.constant);
        if (at == std::string::npos || values.All().count(p.name) == 0)
            continue;
        std::string& line = lines[at];
        const size_t comment = line.find("  #");
        const std::string tail = comment == std::string::npos ? "" : line.substr(comment);
        line = p.constant + " = " + PythonLiteral(values.Get(p.name)) + tail;
    }
    std::string program;
    for (const std::string& line : lines)
        program += line + "\n";
    return program;
}

} // namespace threadlab
