#include "lesson.hpp"
#include "source_error.hpp"
#include "parts.hpp"
#include "compiler.hpp"

#include "catalog.hpp"
#include "describe.hpp"
#include "page_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace threadlab {

std::string Listing::Text() const
{
    std::string text;
    for (const std::string& line : lines)
        text += line + "\n";
    return text;
}

const Metric* LessonResult::Find(std::string_view name) const
{
    for (const Metric& m : metrics)
        if (m.name == name)
            return &m;
    return nullptr;
}

double LessonResult::Number(std::string_view name) const
{
    const Metric* m = Find(name);
    if (m == nullptr)
        return 0;
    if (const auto* d = std::get_if<double>(&m->value))
        return *d;
    if (const auto* i = std::get_if<int64_t>(&m->value))
        return double(*i);
    return 0;
}

bool LessonResult::Busy() const { return cpu_share >= 0 && cpu_share < py::kBusyCpuShare; }

namespace {

// A time answer in the unit its question asks for ("in seconds?"): 0.801 s,
// with the same time in ms or µs beside it when it is under a second.
std::string AnswerInSeconds(double seconds)
{
    const std::string in_s =
        std::fabs(seconds) >= 0.01 || seconds == 0 ? fmt::format("{:.3f} s", seconds) : fmt::format("{:.2g} s", seconds);
    return std::fabs(seconds) >= 1 || seconds == 0 ? in_s : in_s + " (" + FormatDuration(seconds) + ")";
}

std::string PreviewKey(const ParamValues& values, Model model)
{
    std::string key(ModelName(model));
    for (const auto& [name, value] : values.All())
        key += ";" + name + "=" + PythonLiteral(value);
    return key;
}

std::vector<std::unique_ptr<Lesson>> BuildLessons()
{
    std::vector<std::unique_ptr<Lesson>> lessons;
    for (const CatalogEntry& entry : Catalog()) {
        if (entry.page == nullptr)
            continue;
        auto lesson = std::make_unique<Lesson>();
        lesson->id = entry.id;
        lesson->title = entry.page->title;
        lesson->tagline = entry.page->tagline;
        lesson->params = entry.page->Specs();
        lesson->page = entry.page.get();
        lessons.push_back(std::move(lesson));
    }
    return lessons;
}

} // namespace

const LessonPreview& Lesson::Preview(const ParamValues& values, Model model) const
{
    const std::string key = PreviewKey(values, model);
    std::lock_guard lock(preview_mutex);
    auto& slot = previews[key];
    if (slot == nullptr) {
        auto preview = std::make_shared<LessonPreview>();
        preview->before = EvaluateBeforeRun(*page, values, model, preview->error);
        slot = std::move(preview);
        if (previews.size() > 64) // parameters typed one character at a time: keep a few
            previews.erase(previews.begin() == previews.find(key) ? std::next(previews.begin()) : previews.begin());
    }
    return *slot;
}

std::vector<Question> Lesson::quiz(const ParamValues& values, Model model) const
{
    const LessonPreview& preview = Preview(values, model);
    std::vector<Question> questions;
    if (!preview.before)
        return questions;
    for (size_t i = 0; i < preview.before->questions.size(); ++i) {
        const AskedQuestion& asked = preview.before->questions[i];
        const PageQuestion& source = page->questions[i];
        Question q;
        q.id = asked.id;
        q.prompt = asked.prompt;
        q.kind = asked.choices.empty() ? AnswerKind::Number : AnswerKind::Choice;
        q.choices = asked.choices;
        q.unit = asked.unit;
        if (!source.ghost.empty()) {
            const auto at = std::find(page->parts.begin(), page->parts.end(), source.ghost);
            q.ghost_run = at == page->parts.end() ? -1 : int(at - page->parts.begin());
            q.ghost_lane = "MainThread";
        }
        q.truth = [i, unit = asked.unit](const LessonResult& r) {
            Truth t;
            if (i >= r.answers.size())
                return t;
            const LessonAnswer& a = r.answers[i];
            t.why = a.why;
            if (const auto* index = std::get_if<int64_t>(&a.answer)) {
                t.choice = int(*index);
                t.text = a.text;
                t.possible = a.possible;
            } else if (const auto* number = std::get_if<double>(&a.answer)) {
                t.number = *number;
                t.tolerance = a.tolerance;
                t.text = unit == "s" ? AnswerInSeconds(*number) : fmt::format("{:g}", *number);
            }
            return t;
        };
        questions.push_back(std::move(q));
    }
    return questions;
}

double Lesson::estimate(const ParamValues& values, Model model) const
{
    const LessonPreview& preview = Preview(values, model);
    return preview.before ? preview.before->estimate : 0;
}

std::optional<std::string> Lesson::validate(const ParamValues& values) const
{
    const LessonPreview& preview = Preview(values, Model::Py312);
    if (!preview.before)
        return preview.error;
    if (preview.before->threads > kMaxLessonThreads)
        return fmt::format("this run would start {} threads; a run may start at most {}{}", preview.before->threads,
                           kMaxLessonThreads, page->threads_advice.empty() ? "" : " (" + page->threads_advice + ")");
    return std::nullopt;
}

namespace {
// Every lesson, the catalog's first; OpenProgramLesson adds to them (UI thread only).
struct LessonList {
    std::vector<std::unique_ptr<Lesson>> owned = BuildLessons();
    std::vector<std::unique_ptr<LessonPage>> program_pages;
    std::vector<const Lesson*> pointers = [this] {
        std::vector<const Lesson*> p;
        for (const auto& lesson : owned)
            p.push_back(lesson.get());
        return p;
    }();
};
LessonList& Lessons()
{
    static LessonList list;
    return list;
}
} // namespace

const std::vector<const Lesson*>& AllLessons() { return Lessons().pointers; }

const Lesson* OpenProgramLesson(const std::string& path, const std::string& text)
{
    LessonList& list = Lessons();
    auto page = std::make_unique<LessonPage>();
    const std::string name = std::filesystem::path(path).filename().string();
    page->id = name;
    page->md_file = name;
    page->py_file = path;
    page->built_in = false;
    page->program_only = true;
    page->title = name;
    page->tagline = "Your program: pick a model, Run, and watch its threads.";
    page->program = text;
    try {
        std::unique_ptr<py::Program> program = py::CompileMainModule(path, text);
        py::MarkParts(*program);
        page->parts = program->parts;
    } catch (const py::SourceError&) {
        // The editor marks it; it may still be fixed there.
    }
    auto lesson = std::make_unique<Lesson>();
    lesson->id = page->id;
    lesson->title = page->title;
    lesson->tagline = page->tagline;
    lesson->page = page.get();
    list.program_pages.push_back(std::move(page));
    list.owned.push_back(std::move(lesson));
    list.pointers.push_back(list.owned.back().get());
    return list.pointers.back();
}

const Lesson* FindLesson(std::string_view id)
{
    for (const Lesson* lesson : AllLessons())
        if (lesson->id == id)
            return lesson;
    return nullptr;
}

Listing RenderListing(const Lesson& lesson, const ParamValues& values)
{
    Listing listing;
    std::istringstream in(ProgramWithValues(*lesson.page, values));
    for (std::string line; std::getline(in, line);)
        listing.lines.push_back(line);
    return listing;
}

std::optional<std::string> ValidateParams(const Lesson& lesson, const ParamValues& values)
{
    for (const ParamSpec& spec : lesson.params)
        if (values.All().count(spec.name) == 0)
            return fmt::format("{} is missing", spec.name);
    return lesson.validate(values);
}

LessonResult RunLesson(const Lesson& lesson, const ParamValues& values, const RunConfig& config, Recorder& recorder,
                       StopFlag& stop, const std::optional<py::SimSettings>& sim, const std::string* program)
{
    LessonResult result;
    if (stop.StopRequested()) {
        result.status = RunStatus::Stopped; // nothing ran, nothing recorded
        return result;
    }
    PageRun run;
    try {
        run = RunPageLesson(*lesson.page, values, config, sim, recorder, stop, {}, program);
    } catch (const std::exception& e) {
        result.status = RunStatus::Failed;
        result.failure = e.what();
        return result;
    }
    result.status = run.run.outcome.status;
    result.failure = run.run.outcome.failure;
    result.runs = run.run.parts;
    result.metrics = std::move(run.metrics);
    result.summary = std::move(run.summary);
    result.explanation = std::move(run.explanation);
    result.answers = std::move(run.answers);
    result.output = std::move(run.output);
    result.goals = std::move(run.goals);
    result.cpu_share = run.run.cpu_share;
    result.found = py::JudgeRun(run.run, run.check);
    if (result.found && result.found->kind == "check")
        result.found->message = "the check " + lesson.page->check.text + " is false";
    if (program != nullptr && !run.page_error.empty()) {
        // The student's program: what it did stands; the page's questions may be about another one.
        result.page_note = "The lesson's questions and metrics do not fit your program: " + run.page_error;
        result.metrics.clear();
        result.answers.clear();
        result.summary.clear();
        result.explanation.clear();
        run.page_error.clear();
    }
    const bool ended = result.status == RunStatus::Finished || result.status == RunStatus::Deadlocked;
    if (ended && !run.page_error.empty()) {
        result.status = RunStatus::Failed;
        result.failure = run.page_error;
    } else if (result.status == RunStatus::Finished && run.run.exit_code != 0) {
        result.status = RunStatus::Failed;
        result.failure = run.run.uncaught.empty() ? fmt::format("the program exited with status {}", run.run.exit_code)
                                                  : run.run.uncaught.front().thread + " raised " +
                                                        run.run.uncaught.front().message;
    }
    return result; // (a finished run may have set `stop` itself, to end the program's daemon threads)
}

bool LessonProse::Shown(std::string_view heading, bool ran, bool ran_on_model) const
{
    if (std::find(after_run.begin(), after_run.end(), heading) == after_run.end())
        return true;
    return heading.rfind("On ", 0) == 0 ? ran_on_model : ran;
}

LessonProse ProseFor(const Lesson& lesson)
{
    LessonProse prose;
    prose.after_run = lesson.page->after_run;
    for (const auto& [title, text] : lesson.page->sections) {
        std::string* section = title == "Watch"      ? &prose.watch
                               : title == "Why"      ? &prose.why
                               : title == "On 3.9"   ? &prose.model_note[int(Model::Py39)]
                               : title == "On 3.12"  ? &prose.model_note[int(Model::Py312)]
                               : title == "On 3.13t" ? &prose.model_note[int(Model::Py313t)]
                               : title == "Try next" ? &prose.try_next
                                                     : nullptr;
        if (section == nullptr)
            continue;
        // Paragraphs are separated by blank lines; lines within one are joined.
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) {
            if (line.empty()) {
                if (!section->empty() && section->back() != '\n')
                    *section += "\n";
            } else {
                const bool bullet = line.rfind("- ", 0) == 0;
                if (!section->empty() && section->back() != '\n')
                    *section += bullet ? '\n' : ' ';
                *section += line;
            }
        }
        while (!section->empty() && section->back() == '\n')
            section->pop_back();
    }
    return prose;
}

std::string WithCommas(int64_t value)
{
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    for (size_t k = 0; k < digits.size(); ++k) {
        if (k != 0 && (digits.size() - k) % 3 == 0)
            out += ',';
        out += digits[k];
    }
    return value < 0 ? "-" + out : out;
}

std::string LetterName(size_t index)
{
    if (index < 26)
        return std::string(1, char('A' + index));
    return "T" + std::to_string(index + 1);
}

} // namespace threadlab
