#include "page_commands.hpp"

#include "atomic_file.hpp"
#include "catalog.hpp"
#include "chrome_trace.hpp"
#include "page_run.hpp"
#include "report.hpp"
#include "snapshot.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <sstream>

namespace threadlab {

namespace {

constexpr int kExitUsage = 2;

int Refuse(const std::string& message)
{
    std::cerr << "threadlab: " << message << "\n";
    return kExitUsage;
}

std::string PageIds()
{
    std::string ids;
    for (const CatalogEntry& e : Catalog())
        if (e.page != nullptr)
            ids += (ids.empty() ? "" : ", ") + e.id;
    return ids;
}

// The page, its parameter values and the run's configuration, or the one-line error.
std::optional<std::string> ResolvePage(const RunOptions& o, const LessonPage*& page, ParamValues& values,
                                       RunConfig& config)
{
    page = FindPage(o.lesson);
    if (page == nullptr) {
        for (const CatalogEntry& e : Catalog())
            if (e.id == o.lesson)
                return e.error;
        return fmt::format("unknown lesson \"{}\"; the lessons are: {}", o.lesson, PageIds());
    }
    const auto model = ParseModel(o.python);
    if (!model)
        return fmt::format("--python must be one of 3.9, 3.12, 3.13t, got \"{}\"", o.python);
    config.model = *model;
    const ParamSpec interval{"--switch-interval", ParamKind::Real, "", kMinSwitchInterval, kMaxSwitchInterval, "",
                             16, "s"};
    const ParamSpec scale{"--time-scale", ParamKind::Real, "", kMinTimeScale, kMaxTimeScale, ""};
    ParamValue value;
    if (auto error = ParseParam(interval, o.switch_interval, value))
        return error;
    config.switch_interval = std::get<double>(value);
    if (auto error = ParseParam(scale, o.time_scale, value))
        return error;
    config.time_scale = std::get<double>(value);
    const std::vector<ParamSpec> specs = page->Specs();
    values = DefaultValues(specs);
    if (auto error = ApplyAssignments(specs, o.sets, values))
        return error;
    return std::nullopt;
}

// The page's limit on threads, checked before the run.
std::optional<std::string> CheckPageLimits(const LessonPage& page, const ParamValues& values, Model model)
{
    std::string page_error;
    const std::optional<BeforeRun> before = EvaluateBeforeRun(page, values, model, page_error);
    if (!before)
        return page_error;
    if (before->threads > kMaxLessonThreads)
        return fmt::format("this run would start {} threads; a run may start at most {}{}", before->threads,
                           kMaxLessonThreads, page.threads_advice.empty() ? "" : " (" + page.threads_advice + ")");
    return std::nullopt;
}



} // namespace

int ExploreLesson(const ExploreOptions& explore, const std::vector<std::string>& sets,
                  std::atomic<StopFlag*>& interrupt)
{
    RunOptions o;
    o.lesson = explore.file;
    o.sets = sets;
    o.python = explore.python;
    o.switch_interval = explore.switch_interval;
    const LessonPage* page = nullptr;
    ParamValues values;
    RunConfig config;
    if (auto error = ResolvePage(o, page, values, config))
        return Refuse(*error);
    if (auto error = CheckPageLimits(*page, values, config.model))
        return Refuse(*error);
    ExploreOptions with_check = explore;
    with_check.lesson = page->id;
    if (with_check.check.empty())
        with_check.check = page->check.text;
    const int code = ExploreSource(with_check, page->py_file, ProgramWithValues(*page, values), interrupt);
    return code;
}

} // namespace threadlab
