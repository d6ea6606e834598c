#include "program_commands.hpp"

#include "atomic_file.hpp"
#include "chrome_trace.hpp"
#include "compiler.hpp"
#include "dis.hpp"
#include "lesson.hpp"
#include "live_executor.hpp"
#include "sim_executor.hpp"
#include "params.hpp"
#include "snapshot.hpp"
#include "source_file.hpp"

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
    sim = settings;
    return std::nullopt;
}

std::unique_ptr<py::Program> CompileOrReport(const std::string& file, const std::string& text, int& exit_code)
{
    try {
        return py::CompileProgram(file, text);
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

int RunProgramFile(const ProgramOptions& options, std::atomic<StopFlag*>& interrupt)
{
    RunConfig config;
    if (auto error = ResolveConfig(options, config))
        return Refuse(*error);
    std::optional<py::SimSettings> sim;
    if (auto error = ResolveSim(options, sim))
        return Refuse(*error);
    std::string text;
    if (auto error = py::ReadSourceFile(options.file, text))
        return Refuse(*error);
    int exit_code = 0;
    std::unique_ptr<py::Program> program = CompileOrReport(options.file, text, exit_code);
    if (!program)
        return exit_code;

    py::RunSettings settings;
    settings.model = config.model;
    settings.time_scale = config.time_scale;
    settings.watch = options.watch;
    settings.argv = {options.file};
    settings.argv.insert(settings.argv.end(), options.argv.begin(), options.argv.end());

    std::string out, err;
    const py::OutputFn output = [&](std::string_view s, bool to_stderr) {
        if (options.json) {
            (to_stderr ? err : out) += s;
        } else {
            (to_stderr ? std::cerr : std::cout) << s;
            if (to_stderr)
                std::cerr.flush();
        }
    };
    Recorder recorder;
    StopFlag stop;
    interrupt.store(&stop);
    const py::ProgramRun run = sim ? py::RunSimulated(*program, settings, config, *sim, recorder, stop, output)
                                   : py::RunLive(*program, settings, config, recorder, stop, output);
    interrupt.store(nullptr);
    std::cout.flush();

    if (!options.trace_path.empty()) {
        TraceSnapshot snapshot;
        snapshot.Update(recorder);
        std::ostringstream trace;
        WriteChromeTrace(snapshot, TraceMetadata{options.file, std::string(ModelName(config.model)), config.time_scale},
                         trace);
        if (auto error = WriteFileAtomically(options.trace_path, trace.str())) {
            std::cerr << "threadlab: " << *error << "\n";
            return 1;
        }
    }
    if (options.json) {
        nlohmann::json doc{{"program", options.file},
                           {"python", ModelName(config.model)},
                           {"time_scale", config.time_scale},
                           {"switch_interval", config.switch_interval},
                           {"status", RunStatusName(run.outcome.status)},
                           {"executor", sim ? "simulated" : "live"},
                           {"exit_code", run.exit_code},
                           {"output", out},
                           {"stderr", err},
                           {"runs", nlohmann::json::array({{{"name", run.outcome.name},
                                                            {"status", RunStatusName(run.outcome.status)},
                                                            {"elapsed", run.outcome.elapsed},
                                                            {"threads", ThreadsJson(run.outcome)}}})}};
        if (sim) {
            doc["seed"] = sim->seed;
            doc["cores"] = sim->cores;
        }
        if (run.outcome.status == RunStatus::Deadlocked)
            doc["deadlock"] = run.outcome.failure;
        std::cout << doc.dump(2) << std::endl;
    }
    if (run.outcome.status == RunStatus::Deadlocked) {
        std::cerr << "threadlab: deadlock: " << run.outcome.failure << "\n";
        return 1;
    }
    if (run.outcome.status == RunStatus::Failed) {
        std::cerr << "threadlab: " << run.outcome.failure << "\n";
        return 1;
    }
    return run.exit_code;
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
    return 0;
}

} // namespace threadlab
