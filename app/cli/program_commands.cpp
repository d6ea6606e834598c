#include "program_commands.hpp"

#include "atomic_file.hpp"
#include "catalog.hpp"
#include "chrome_trace.hpp"
#include "compiler.hpp"
#include "dis.hpp"
#include "exit_codes.hpp"
#include "lesson.hpp"
#include "live_executor.hpp"
#include "explorer.hpp"
#include "sim_executor.hpp"
#include "params.hpp"
#include "run_options.hpp"
#include "parts.hpp"
#include "snapshot.hpp"
#include "source_file.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace threadlab {

namespace {

int Refuse(const std::string& message)
{
    std::cerr << "threadlab: " << message << "\n";
    return kExitUsage;
}

// The validated model, interval and scale, or the one-line error.
std::optional<std::string> ResolveConfig(const ProgramOptions& o, RunConfig& config)
{
    const auto model = ParseModel(o.python);
    if (!model)
        return fmt::format("--python must be one of 3.9, 3.12, 3.13t, got \"{}\"", o.python);
    config.model = *model;
    const ParamSpec interval{"--switch-interval", ParamKind::Real, "", kMinSwitchInterval, kMaxSwitchInterval, "", 16, "s"};
    const ParamSpec scale{"--time-scale", ParamKind::Real, "", kMinTimeScale, kMaxTimeScale, ""};
    ParamValue value;
    if (auto error = ParseParam(interval, o.switch_interval, value))
        return error;
    config.switch_interval = std::get<double>(value);
    if (auto error = ParseParam(scale, o.time_scale, value))
        return error;
    config.time_scale = std::get<double>(value);
    return std::nullopt;
}

// The simulated executor's settings, when --seed or --cores asks for it.
std::optional<std::string> ResolveSim(const ProgramOptions& o, std::optional<py::SimSettings>& sim)
{
    if (o.seed.empty() && o.cores.empty())
        return std::nullopt;
    py::SimSettings settings;
    if (auto error = ResolveSimSettings(o, settings))
        return error;
    sim = settings;
    return std::nullopt;
}

} // namespace

std::optional<std::string> ResolveSimSettings(const ProgramOptions& o, py::SimSettings& settings)
{
    ParamValue value;
    if (!o.seed.empty()) {
        // Seeds are whole numbers a double holds exactly, so every one can be typed back.
        const ParamSpec seed{"--seed", ParamKind::Integer, "", 0, 9007199254740991.0, ""};
        if (auto error = ParseParam(seed, o.seed, value))
            return error;
        settings.seed = uint64_t(std::get<int64_t>(value));
    }
    if (!o.cores.empty()) {
        const ParamSpec cores{"--cores", ParamKind::Integer, "", 1, double(py::kMaxSimCores), ""};
        if (auto error = ParseParam(cores, o.cores, value))
            return error;
        settings.cores = int(std::get<int64_t>(value));
    }
    return std::nullopt;
}

namespace {

std::unique_ptr<py::Program> CompileOrReport(const std::string& file, const std::string& text, int& exit_code)
{
    try {
        std::unique_ptr<py::Program> program = py::CompileProgram(file, text);
        py::MarkParts(*program);
        return program;
    } catch (const py::SourceError& e) {
        exit_code = Refuse(py::FormatSourceError(file, e));
    }
    return nullptr;
}

nlohmann::json ThreadsJson(const RunOutcome& outcome)
{
    nlohmann::json threads = nlohmann::json::array();
    for (const ThreadSummary& t : outcome.threads) {
        nlohmann::json j{{"name", t.name}, {"start", t.start}, {"end", t.end}};
        threads.push_back(std::move(j));
    }
    return threads;
}

} // namespace

bool IsProgramPath(std::string_view argument)
{
    return argument.find('/') != std::string_view::npos ||
           (argument.size() > 3 && argument.substr(argument.size() - 3) == ".py");
}

namespace {

// The whole-number option `name`, from `low` to `high`.
std::optional<std::string> ParseCount(const std::string& name, const std::string& text, double low, double high,
                                      int64_t& out)
{
    const ParamSpec spec{name, ParamKind::Integer, "", low, high, ""};
    ParamValue value;
    if (auto error = ParseParam(spec, text, value))
        return error;
    out = std::get<int64_t>(value);
    return std::nullopt;
}

std::optional<std::string> ReadFileText(const std::string& path, std::string& text)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fmt::format("cannot read {}", path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    return std::nullopt;
}

// A traceback's last line: the exception itself.
std::string LastLine(std::string text)
{
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text.substr(text.rfind('\n') + 1);
}

// A schedule file: what `explore --json` printed.
struct ScheduleFile {
    std::string lesson; // set when it is a lesson's program
    std::vector<std::string> params; // that lesson's values, NAME=VALUE
    std::vector<std::string> schedule;
    py::SimSettings sim;
    std::string python;
    std::string check;
};

std::optional<std::string> ReadScheduleFile(const std::string& path, ScheduleFile& file)
{
    std::string text;
    if (auto error = ReadFileText(path, text))
        return error;
    try {
        const nlohmann::json doc = nlohmann::json::parse(text);
        if (!doc.contains("schedule") || !doc["schedule"].is_array())
            return fmt::format("{} holds no \"schedule\": write one with threadlab explore FILE.py --json", path);
        file.schedule = doc["schedule"].get<std::vector<std::string>>();
        file.sim.seed = doc.value("seed", uint64_t(1));
        file.sim.cores = doc.value("cores", 2);
        file.python = doc.value("python", std::string("3.12"));
        file.check = doc.value("check", std::string());
        file.lesson = doc.value("lesson", std::string());
        if (doc.contains("params") && doc["params"].is_object())
            for (const auto& [name, value] : doc["params"].items())
                file.params.push_back(name + "=" + (value.is_string() ? value.get<std::string>() : value.dump()));
        if (file.sim.cores < 1 || file.sim.cores > py::kMaxSimCores)
            return fmt::format("{}: \"cores\" must be from 1 to {}", path, py::kMaxSimCores);
    } catch (const nlohmann::json::exception& e) {
        return fmt::format("{} is not a schedule file: {}", path, e.what());
    }
    return std::nullopt;
}

std::optional<std::string> CompileCheckOrError(const std::string& check)
{
    if (check.empty())
        return std::nullopt;
    try {
        py::CompileCheck(check);
    } catch (const py::SourceError& e) {
        return fmt::format("--check \"{}\": {} (column {})", check, e.message, e.col);
    }
    return std::nullopt;
}

nlohmann::json RunJson(const py::ProgramRun& run)
{
    return {{"name", run.outcome.name},
            {"status", RunStatusName(run.outcome.status)},
            {"elapsed", run.outcome.elapsed},
            {"threads", ThreadsJson(run.outcome)}};
}

} // namespace

int RunProgramFile(const ProgramOptions& options, std::atomic<StopFlag*>& interrupt)
{
    RunConfig config;
    ProgramOptions o = options;
    ScheduleFile schedule;
    const bool replay = !o.schedule_path.empty();
    if (replay) {
        if (!o.seed.empty() || !o.cores.empty() || o.repeat != "1")
            return Refuse("--schedule replays the seed, cores and model its file holds: leave out --seed, --cores and --repeat");
        if (auto error = ReadScheduleFile(o.schedule_path, schedule))
            return Refuse(*error);
        o.python = schedule.python;
        o.seed = std::to_string(schedule.sim.seed);
        o.cores = std::to_string(schedule.sim.cores);
    }
    if (auto error = ResolveConfig(o, config))
        return Refuse(*error);
    std::optional<py::SimSettings> sim;
    if (auto error = ResolveSim(o, sim))
        return Refuse(*error);
    int64_t repeat = 1;
    if (auto error = ParseCount("--repeat", o.repeat, 1, 1000, repeat))
        return Refuse(*error);
    if (repeat > 1 && !sim)
        return Refuse("--repeat runs a program file simulated, one seed after another: give --seed too");
    if (auto error = CompileCheckOrError(schedule.check))
        return Refuse(*error);
    std::string text = o.text;
    if (text.empty())
        if (auto error = py::ReadSourceFile(o.file, text))
            return Refuse(*error);
    int exit_code = 0;
    std::unique_ptr<py::Program> program = CompileOrReport(o.file, text, exit_code);
    if (!program)
        return exit_code;

    py::RunSettings settings;
    settings.model = config.model;
    settings.time_scale = config.time_scale;
    settings.watch = o.watch;
    settings.argv = {o.file};
    settings.argv.insert(settings.argv.end(), o.argv.begin(), o.argv.end());

    std::string out, err;
    const py::OutputFn output = [&](std::string_view s, bool to_stderr) {
        if (o.json) {
            (to_stderr ? err : out) += s;
        } else {
            (to_stderr ? std::cerr : std::cout) << s;
            if (to_stderr)
                std::cerr.flush();
        }
    };
    nlohmann::json runs = nlohmann::json::array();
    Recorder recorder;
    py::ProgramRun run;
    std::optional<py::Replay> replayed;
    for (int64_t r = 0; r < repeat; ++r) {
        if (repeat > 1 && !o.json)
            std::cout << "== seed " << sim->seed + uint64_t(r) << "\n";
        Recorder this_run; // the trace is the last run's
        Recorder& rec = r + 1 == repeat ? recorder : this_run;
        StopFlag stop;
        interrupt.store(&stop);
        const size_t out_before = out.size();
        if (replay) {
            py::ExploreSettings explore;
            explore.seed = sim->seed;
            explore.cores = sim->cores;
            explore.check = schedule.check;
            replayed = py::ReplaySchedule(*program, settings, config, schedule.schedule, explore, rec, stop, output);
            run = replayed->run;
        } else if (sim) {
            py::SimSettings s = *sim;
            s.seed += uint64_t(r);
            run = py::RunSimulated(*program, settings, config, s, rec, stop, output);
        } else {
            run = py::RunLive(*program, settings, config, rec, stop, output);
        }
        interrupt.store(nullptr);
        std::cout.flush();
        nlohmann::json entry = RunJson(run);
        if (!program->parts.empty()) {
            entry["parts"] = nlohmann::json::array();
            for (const RunOutcome& part : run.parts)
                entry["parts"].push_back({{"name", part.name},
                                          {"elapsed", part.elapsed},
                                          {"threads", ThreadsJson(part)}});
        }
        if (run.cpu_share >= 0) {
            entry["cpu_share"] = run.cpu_share;
            entry["busy"] = run.cpu_share < py::kBusyCpuShare;
        }
        if (sim) {
            entry["seed"] = sim->seed + uint64_t(r);
            entry["output"] = out.substr(out_before);
            entry["exit_code"] = run.exit_code;
        }
        runs.push_back(std::move(entry));
        if (run.outcome.status == RunStatus::Stopped)
            break;
    }

    if (!o.trace_path.empty()) {
        TraceSnapshot snapshot;
        snapshot.Update(recorder);
        std::ostringstream trace;
        WriteChromeTrace(snapshot, TraceMetadata{o.file, std::string(ModelName(config.model)), config.time_scale},
                         trace);
        if (auto error = WriteFileAtomically(o.trace_path, trace.str())) {
            std::cerr << "threadlab: " << *error << "\n";
            return kExitFailure;
        }
    }
    if (o.json) {
        nlohmann::json doc{{"program", o.file},
                           {"python", ModelName(config.model)},
                           {"time_scale", config.time_scale},
                           {"switch_interval", config.switch_interval},
                           {"status", RunStatusName(run.outcome.status)},
                           {"executor", sim ? "simulated" : "live"},
                           {"exit_code", run.exit_code},
                           {"output", out},
                           {"stderr", err},
                           {"runs", runs}};
        if (sim) {
            doc["seed"] = sim->seed;
            doc["cores"] = sim->cores;
        }
        if (run.cpu_share >= 0) {
            doc["cpu_share"] = run.cpu_share;
            doc["busy"] = run.cpu_share < py::kBusyCpuShare;
        }
        if (run.outcome.status == RunStatus::Deadlocked)
            doc["deadlock"] = run.outcome.failure;
        if (replayed) {
            doc["schedule"] = schedule.schedule;
            if (replayed->failure)
                doc["failure"] = {{"kind", replayed->failure->kind},
                                  {"message", replayed->failure->message},
                                  {"line", replayed->failure->line}};
        }
        std::cout << doc.dump(2) << std::endl;
    }
    if (replayed && !replayed->mismatch.empty()) {
        std::cerr << "threadlab: the schedule does not fit this program: " << replayed->mismatch << "\n";
        return kExitUsage;
    }
    if (run.outcome.status == RunStatus::Deadlocked) {
        std::cerr << "threadlab: deadlock: " << run.outcome.failure << "\n";
        return kExitFailure;
    }
    if (run.outcome.status == RunStatus::Failed) {
        std::cerr << "threadlab: " << run.outcome.failure << "\n";
        return kExitFailure;
    }
    // The failure the search found, found again: exit 1 as the search did,
    // also when it was an assert in a thread (the program itself exits 0).
    if (replayed && replayed->failure && run.exit_code == 0) {
        std::cerr << "threadlab: " << replayed->failure->message << "\n";
        return kExitFailure;
    }
    return run.exit_code;
}

int ExploreProgram(const ExploreOptions& options, std::atomic<StopFlag*>& interrupt)
{
    std::string text;
    if (auto error = py::ReadSourceFile(options.file, text))
        return Refuse(*error);
    return ExploreSource(options, options.file, text, interrupt);
}

int ExploreSource(const ExploreOptions& options, const std::string& name, const std::string& text,
                  std::atomic<StopFlag*>& interrupt)
{
    RunConfig config;
    ProgramOptions as_run;
    as_run.python = options.python;
    as_run.switch_interval = options.switch_interval;
    if (auto error = ResolveConfig(as_run, config))
        return Refuse(*error);
    py::ExploreSettings explore;
    int64_t n = 0;
    if (auto error = ParseCount("--preemptions", options.preemptions, 0, py::kMaxPreemptions, n))
        return Refuse(*error);
    explore.preemptions = int(n);
    if (auto error = ParseCount("--schedules", options.schedules, 1, double(py::kMaxSchedules), n))
        return Refuse(*error);
    explore.schedules = n;
    if (auto error = ParseCount("--seed", options.seed, 0, 9007199254740991.0, n))
        return Refuse(*error);
    explore.seed = uint64_t(n);
    if (auto error = ParseCount("--cores", options.cores, 1, py::kMaxSimCores, n))
        return Refuse(*error);
    explore.cores = int(n);
    explore.check = options.check;
    if (auto error = CompileCheckOrError(explore.check))
        return Refuse(*error);
    int exit_code = 0;
    std::unique_ptr<py::Program> program = CompileOrReport(name, text, exit_code);
    if (!program)
        return exit_code;
    py::RunSettings settings;
    settings.model = config.model;
    settings.argv = {name};

    StopFlag stop;
    interrupt.store(&stop);
    std::string check_error;
    const py::ExploreResult result = py::Explore(*program, settings, config, explore, stop, check_error);
    interrupt.store(nullptr);
    if (!check_error.empty())
        return Refuse(fmt::format("--check \"{}\" could not be evaluated over the final globals: {}", explore.check,
                                  LastLine(check_error)));
    if (result.stopped) {
        std::cerr << "threadlab: stopped after " << result.schedules << " schedules\n";
        return 130;
    }
    if (result.found && !options.trace_path.empty()) {
        Recorder recorder;
        StopFlag replay_stop;
        const py::OutputFn quiet = [](std::string_view, bool) {};
        py::ReplaySchedule(*program, settings, config, result.schedule, explore, recorder, replay_stop, quiet);
        TraceSnapshot snapshot;
        snapshot.Update(recorder);
        std::ostringstream trace;
        WriteChromeTrace(snapshot,
                         TraceMetadata{name, std::string(ModelName(config.model)), config.time_scale}, trace);
        if (auto error = WriteFileAtomically(options.trace_path, trace.str())) {
            std::cerr << "threadlab: " << *error << "\n";
            return kExitFailure;
        }
    }
    if (options.json) {
        nlohmann::json doc{{"program", name},
                           {"lesson", options.lesson},
                           {"params", options.params},
                           {"python", ModelName(config.model)},
                           {"seed", explore.seed},
                           {"cores", explore.cores},
                           {"check", explore.check},
                           {"found", result.found},
                           {"schedules", result.schedules},
                           {"exhaustive", result.exhaustive},
                           {"preemptions", explore.preemptions}};
        if (result.found) {
            doc["failure"] = {{"kind", result.failure.kind},
                              {"message", result.failure.message},
                              {"line", result.failure.line}};
            doc["schedule"] = result.schedule;
            doc["output"] = result.output;
        }
        std::cout << doc.dump(2) << std::endl;
    } else if (result.found) {
        std::cout << fmt::format("found a failing schedule after {} schedule{}: {}: {}{}\n", result.schedules,
                                 result.schedules == 1 ? "" : "s", result.failure.kind, result.failure.message,
                                 result.failure.line > 0 ? fmt::format(" (line {})", result.failure.line) : "");
        // Runs of the same thread, as "Thread-1 ×12, MainThread ×3".
        std::string names;
        for (size_t i = 0; i < result.schedule.size();) {
            size_t j = i;
            while (j < result.schedule.size() && result.schedule[j] == result.schedule[i])
                ++j;
            names += fmt::format("{}{} ×{}", names.empty() ? "" : ", ", result.schedule[i], j - i);
            i = j;
        }
        std::cout << "schedule (" << result.schedule.size() << " choices): " << names << "\n";
        if (options.lesson.empty())
            std::cout << "replay it: threadlab explore " << name << " … --json > s.json, then threadlab run " << name
                      << " --schedule s.json\n";
        else
            std::cout << "see it: add --trace FILE.json and open that in Perfetto or chrome://tracing\n";
    } else {
        std::cout << fmt::format("no failing schedule in {} schedule{}", result.schedules,
                                 result.schedules == 1 ? "" : "s")
                  << (result.exhaustive
                          ? fmt::format(": that is every schedule with at most {} preemption{}\n", explore.preemptions,
                                        explore.preemptions == 1 ? "" : "s")
                          : fmt::format(" (not every one with at most {} preemptions: raise --schedules to try more)\n",
                                        explore.preemptions));
    }
    return result.found ? 1 : 0;
}

int ExploreLesson(const ExploreOptions& explore, const std::vector<std::string>& sets,
                  std::atomic<StopFlag*>& interrupt)
{
    RunOptions options;
    options.lesson = explore.file;
    // The page's small search values (as the window's button), then the user's.
    if (const LessonPage* page = FindPage(explore.file))
        options.sets = page->explore_sets;
    options.sets.insert(options.sets.end(), sets.begin(), sets.end());
    options.python = explore.python;
    options.switch_interval = explore.switch_interval;
    ResolvedRun run;
    if (auto error = Resolve(options, run))
        return Refuse(*error);
    const LessonPage& page = *run.lesson->page;
    ExploreOptions with_check = explore;
    with_check.lesson = run.lesson->id;
    for (const ParamSpec& spec : run.lesson->params)
        with_check.params[std::string(spec.name)] = DisplayValue(run.params.Get(spec.name));
    if (with_check.check.empty())
        with_check.check = page.check.text;
    return ExploreSource(with_check, page.py_file, ProgramWithValues(page, run.params), interrupt);
}

std::optional<std::string> ReadLessonSchedule(const RunOptions& options, const std::string& schedule_path,
                                              RunOptions& replay, std::vector<std::string>& schedule)
{
    if (!options.sets.empty() || !options.seed.empty() || !options.cores.empty() || options.repeat != "1")
        return "--schedule replays the values, seed, cores and model its file holds: leave out --set, --seed, "
               "--cores and --repeat";
    ScheduleFile file;
    if (auto error = ReadScheduleFile(schedule_path, file))
        return error;
    if (FindLesson(options.lesson) != nullptr && file.lesson != options.lesson) // (an unknown id: Resolve says so)
        return fmt::format("{} is a schedule of {}, not of the lesson {}: write one with threadlab explore {} --json",
                           schedule_path, file.lesson.empty() ? "a program file" : file.lesson, options.lesson,
                           options.lesson);
    replay = options;
    replay.sets = file.params;
    replay.python = file.python;
    replay.seed = std::to_string(file.sim.seed);
    replay.cores = std::to_string(file.sim.cores);
    schedule = std::move(file.schedule);
    return std::nullopt;
}

int DisassembleProgram(const std::string& target, const std::string& python)
{
    const auto model = ParseModel(python);
    if (!model)
        return Refuse(fmt::format("--python must be one of 3.9, 3.12, 3.13t, got \"{}\"", python));
    std::string file = target, text;
    if (IsProgramPath(target)) {
        if (auto error = py::ReadSourceFile(target, text))
            return Refuse(*error);
    } else {
        const Lesson* lesson = FindLesson(target);
        if (lesson == nullptr)
            return Refuse(fmt::format("\"{}\" is neither a .py file nor a lesson id", target));
        text = RenderListing(*lesson, DefaultValues(lesson->params)).Text();
        file = std::string(lesson->id) + ".py";
    }
    int exit_code = 0;
    std::unique_ptr<py::Program> program = CompileOrReport(file, text, exit_code);
    if (!program)
        return exit_code;
    std::cout << py::Disassemble(*program->Find(program->main), *model);
    return kExitOk;
}

} // namespace threadlab
