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

LessonResult AsLessonResult(const PageRun& run)
{
    LessonResult result;
    result.status = run.run.outcome.status;
    result.failure = run.run.outcome.failure;
    result.runs = run.run.parts;
    result.metrics = run.metrics;
    return result;
}

nlohmann::json PageParamsJson(const LessonPage& page, const ParamValues& values)
{
    nlohmann::json params = nlohmann::json::object();
    for (const PageParam& p : page.params)
        std::visit([&](const auto& v) { params[p.name] = v; }, values.Get(p.name));
    return params;
}

} // namespace

int RunPage(const PageRunOptions& options, std::atomic<StopFlag*>& interrupt)
{
    const LessonPage* page = nullptr;
    ParamValues values;
    RunConfig config;
    if (auto error = ResolvePage(options.run, page, values, config))
        return Refuse(*error);
    ProgramOptions sim_options;
    sim_options.seed = options.seed;
    sim_options.cores = options.cores;
    py::SimSettings sim;
    if (auto error = ResolveSimSettings(sim_options, sim))
        return Refuse(*error);
    const bool simulated = !options.seed.empty() || !options.cores.empty();
    const ParamSpec repeat_spec{"--repeat", ParamKind::Integer, "", 1, kMaxRepeat, ""};
    ParamValue repeat_value;
    if (auto error = ParseParam(repeat_spec, options.run.repeat, repeat_value))
        return Refuse(*error);
    const int64_t repeat = std::get<int64_t>(repeat_value);
    if (auto error = CheckPageLimits(*page, values, config.model))
        return Refuse(*error);

    std::vector<LessonResult> results;
    std::vector<PageRun> runs;
    Recorder last;
    for (int64_t r = 0; r < repeat; ++r) {
        py::SimSettings s = sim;
        s.seed += uint64_t(r);
        Recorder scratch;
        Recorder& recorder = r + 1 == repeat ? last : scratch;
        StopFlag stop;
        interrupt.store(&stop);
        runs.push_back(RunPageLesson(*page, values, config, simulated ? std::optional(s) : std::nullopt, recorder,
                                     stop));
        interrupt.store(nullptr);
        const PageRun& run = runs.back();
        if (!run.page_error.empty())
            return Refuse(run.page_error);
        results.push_back(AsLessonResult(run));
        if (!options.json) {
            const std::string prefix =
                repeat == 1 ? "" : simulated ? fmt::format("seed {}: ", s.seed) : fmt::format("run {}: ", r + 1);
            if (run.run.outcome.status == RunStatus::Finished)
                std::cout << prefix << run.summary << std::endl;
            else
                std::cout << prefix << RunStatusName(run.run.outcome.status) << ": " << run.run.outcome.failure
                          << std::endl;
        }
        if (run.run.outcome.status == RunStatus::Stopped)
            break;
    }
    if (!options.trace_path.empty()) {
        TraceSnapshot snapshot;
        snapshot.Update(last);
        std::ostringstream out;
        WriteChromeTrace(snapshot, TraceMetadata{page->id, options.run.python, config.time_scale}, out);
        if (auto error = WriteFileAtomically(options.trace_path, out.str())) {
            std::cerr << "threadlab: " << *error << "\n";
            return 1;
        }
    }
    if (options.json) {
        nlohmann::json doc{{"lesson", page->id},
                           {"python", ModelName(config.model)},
                           {"time_scale", config.time_scale},
                           {"switch_interval", config.switch_interval},
                           {"params", PageParamsJson(*page, values)},
                           {"executor", simulated ? "simulated" : "live"}};
        if (simulated) {
            doc["seed"] = sim.seed;
            doc["cores"] = sim.cores;
        }
        const auto one = [simulated](const PageRun& run, const LessonResult& result, uint64_t seed) {
            nlohmann::json answers = nlohmann::json::array();
            for (const PageAnswer& a : run.answers) {
                nlohmann::json entry{{"id", a.id}, {"why", a.why}};
                std::visit([&](const auto& v) { entry["answer"] = v; }, a.answer);
                if (!a.text.empty())
                    entry["text"] = a.text;
                else
                    entry["tolerance"] = a.tolerance;
                answers.push_back(std::move(entry));
            }
            nlohmann::json j{{"status", RunStatusName(result.status)},
                                  {"runs", RunsJson(result)},
                             {"metrics", MetricsJson(result)},
                             {"summary", run.summary},
                             {"explanation", run.explanation},
                             {"answers", answers},
                             {"output", run.output}};
            if (simulated)
                j["seed"] = seed;
            return j;
        };
        if (repeat == 1) {
            doc.update(one(runs[0], results[0], sim.seed));
        } else {
            nlohmann::json repeats = nlohmann::json::array();
            for (size_t i = 0; i < runs.size(); ++i)
                repeats.push_back(one(runs[i], results[i], sim.seed + i));
            doc["repeat"] = repeat;
            doc["repeats"] = std::move(repeats);
            doc["summary"] = MetricSummaryJson(results);
        }
        std::cout << doc.dump(2) << std::endl;
    }
    const RunStatus status = results.empty() ? RunStatus::Failed : results.back().status;
    return status == RunStatus::Finished ? 0 : status == RunStatus::Stopped ? 130 : 1;
}

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
