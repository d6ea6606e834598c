#include "lesson.hpp"

#include "assets.hpp"
#include "work.hpp"

#include <fmt/format.h>

#include <sstream>

namespace threadlab {

int Listing::Line(std::string_view tag) const
{
    const auto it = tags.find(tag);
    return it == tags.end() ? 0 : it->second;
}

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
    std::istringstream in{std::string(lesson.listing)};
    std::string line;
    while (std::getline(in, line)) {
        const size_t marker = line.find("#@");
        if (marker != std::string::npos) {
            listing.tags.emplace(line.substr(marker + 2), int(listing.lines.size()) + 1);
            line.erase(marker);
            while (!line.empty() && line.back() == ' ')
                line.pop_back();
        }
        for (const auto& [name, value] : values.All()) {
            const std::string placeholder = "{" + name + "}";
            for (size_t at = line.find(placeholder); at != std::string::npos; at = line.find(placeholder, at))
                line.replace(at, placeholder.size(), PythonLiteral(value));
        }
        listing.lines.push_back(std::move(line));
    }
    return listing;
}

std::optional<std::string> ValidateParams(const Lesson& lesson, const ParamValues& values)
{
    for (const ParamSpec& spec : lesson.params)
        if (values.All().count(spec.name) == 0)
            return fmt::format("{} is missing", spec.name);
    return lesson.validate ? lesson.validate(values) : std::nullopt;
}

bool RunPart(const LessonContext& context, LessonResult& result, std::string name, const ThreadFn& main)
{
    if (context.stop.StopRequested())
        return false;
    Runtime runtime(context.config, context.recorder, context.stop, std::move(name));
    result.runs.push_back(runtime.Run(main));
    return result.runs.back().status == RunStatus::Finished;
}

LessonResult RunLesson(const Lesson& lesson, const ParamValues& values, const RunConfig& config,
                       Recorder& recorder, StopFlag& stop)
{
    const Listing listing = RenderListing(lesson, values);
    LessonResult result;
    try {
        lesson.scenario(LessonContext{config, values, listing, recorder, stop}, result);
    } catch (const std::exception& e) {
        result.status = RunStatus::Failed;
        result.failure = e.what();
        return result;
    }
    for (const RunOutcome& run : result.runs) {
        if (run.status == RunStatus::Failed) {
            result.status = RunStatus::Failed;
            result.failure = run.name + ": " + run.failure;
            break;
        }
        if (run.status == RunStatus::Stopped)
            result.status = RunStatus::Stopped;
    }
    if (result.status == RunStatus::Finished && stop.StopRequested())
        result.status = RunStatus::Stopped;
    return result;
}

LessonProse ProseFor(const Lesson& lesson)
{
    LessonProse prose;
    const std::string_view text = Asset("lessons/" + std::string(lesson.id) + ".md");
    std::string* section = nullptr;
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("## ", 0) == 0) {
            const std::string title = line.substr(3);
            section = title == "Watch"         ? &prose.watch
                      : title == "Why"         ? &prose.why
                      : title == "On 3.9"      ? &prose.model_note[int(Model::Py39)]
                      : title == "On 3.12"     ? &prose.model_note[int(Model::Py312)]
                      : title == "On 3.13t"    ? &prose.model_note[int(Model::Py313t)]
                      : title == "Try next"    ? &prose.try_next
                                               : nullptr;
            continue;
        }
        if (section == nullptr || line.rfind("# ", 0) == 0)
            continue;
        // Paragraphs are separated by blank lines; lines within one are joined.
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
    for (std::string* s : {&prose.watch, &prose.why, &prose.model_note[0], &prose.model_note[1],
                           &prose.model_note[2], &prose.try_next})
        while (!s->empty() && s->back() == '\n')
            s->pop_back();
    return prose;
}

double WorkSeconds(double steps, Model model)
{
    return steps * kStepCostNs * StepCostFactor(model) / 1e9;
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
