#include "run_options.hpp"

#include "catalog.hpp"
#include "program_commands.hpp"

#include "limits.hpp"

#include <fmt/format.h>

namespace threadlab {

std::string LessonIdList()
{
    std::string ids;
    for (const Lesson* lesson : AllLessons())
        ids += (ids.empty() ? "" : ", ") + std::string(lesson->id);
    return ids;
}

std::optional<std::string> Resolve(const RunOptions& options, ResolvedRun& out)
{
    out.lesson = FindLesson(options.lesson);
    for (const CatalogEntry& entry : Catalog())
        if (out.lesson == nullptr && entry.id == options.lesson && entry.page == nullptr)
            return entry.error; // the user's page that could not load, and why
    if (out.lesson == nullptr)
        return fmt::format("unknown lesson \"{}\"; the lessons are: {}", options.lesson, LessonIdList());

    const auto model = ParseModel(options.python);
    if (!model)
        return fmt::format("--python must be one of 3.9, 3.12, 3.13t, got \"{}\"", options.python);
    out.config.model = *model;

    // The same parser as lesson parameters, so the messages read the same.
    const ParamSpec interval{"--switch-interval", ParamKind::Real, "", kMinSwitchInterval, kMaxSwitchInterval, "",
                             16, "s"};
    const ParamSpec scale{"--time-scale", ParamKind::Real, "", kMinTimeScale, kMaxTimeScale, ""};
    const ParamSpec repeat{"--repeat", ParamKind::Integer, "", 1, kMaxRepeat, ""};
    ParamValue value;
    if (auto error = ParseParam(interval, options.switch_interval, value))
        return error;
    out.config.switch_interval = std::get<double>(value);
    if (auto error = ParseParam(scale, options.time_scale, value))
        return error;
    out.config.time_scale = std::get<double>(value);
    if (auto error = ParseParam(repeat, options.repeat, value))
        return error;
    out.repeat = int(std::get<int64_t>(value));

    if (!options.seed.empty() || !options.cores.empty()) {
        ProgramOptions sim_options;
        sim_options.seed = options.seed;
        sim_options.cores = options.cores;
        py::SimSettings sim;
        if (auto error = ResolveSimSettings(sim_options, sim))
            return error;
        out.sim = sim;
    }

    out.params = DefaultValues(out.lesson->params);
    if (auto error = ApplyAssignments(out.lesson->params, options.sets, out.params))
        return error;
    if (auto error = ValidateParams(*out.lesson, out.params))
        return error;
    return CheckRunLimits(*out.lesson, out.params, out.config, ReadSystemLimits());
}

} // namespace threadlab
