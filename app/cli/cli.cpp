#include "cli.hpp"

#include "atomic_file.hpp"
#include "chrome_trace.hpp"
#include "exit_codes.hpp"
#include "catalog.hpp"
#include "program_commands.hpp"
#include "report.hpp"
#include "run_options.hpp"
#include "snapshot.hpp"
#include "source_file.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <csignal>
#include <iostream>
#include <sstream>

namespace threadlab {

namespace {

StopFlag g_interrupt; // Ctrl-C stops a headless run cleanly (an atomic store is signal-safe)
std::atomic<StopFlag*> g_program_stop{nullptr}; // the running program's, when one runs

int UsageError(const std::string& message)
{
    std::cerr << "threadlab: " << message << "\n";
    return kExitUsage;
}

std::string LessonHelp(const Lesson& lesson)
{
    std::string text = fmt::format("{}: {}\n  {}\n", lesson.id, lesson.title, lesson.tagline);
    for (const ParamSpec& spec : lesson.params)
        text += fmt::format("    --set {}=…  {} (default {}; {})\n", spec.name, spec.help, spec.default_text,
                            DescribeRange(spec));
    return text;
}

std::string AllLessonsHelp()
{
    std::string text = "Lessons and their parameters:\n";
    for (const Lesson* lesson : AllLessons())
        text += LessonHelp(*lesson);
    return text;
}

// Every lesson page, built-in and the user's; a page that cannot load is
// listed with its error.
int List(bool json)
{
    if (json) {
        nlohmann::json lessons = nlohmann::json::array();
        for (const CatalogEntry& e : Catalog()) {
            nlohmann::json entry{{"id", e.id}, {"source", e.built_in ? "built-in" : "user"}};
            if (e.page != nullptr)
                entry["title"] = e.page->title;
            else
                entry["error"] = e.error;
            lessons.push_back(std::move(entry));
        }
        std::cout << lessons.dump(2) << "\n";
        return kExitOk;
    }
    for (const CatalogEntry& e : Catalog())
        std::cout << fmt::format("{:<16} {}{}\n", e.id, e.page != nullptr ? e.page->title : "cannot be loaded: " + e.error,
                                 e.built_in ? "" : "  (yours)");
    return kExitOk;
}

// `replay`: the choices of a schedule the search found, made again (run --schedule).
int Run(const RunOptions& options, bool json, const std::string& trace_path,
        const std::vector<std::string>* replay = nullptr)
{
    // Before loading the lessons, so a Ctrl-C that arrives while they load still ends as "stopped".
    std::signal(SIGINT, [](int) { g_interrupt.RequestStop(); });
    ResolvedRun run;
    if (auto error = Resolve(options, run))
        return UsageError(*error);
    const Model model = run.config.model;
    std::optional<py::ScheduleChooser> chooser;
    if (replay != nullptr) {
        chooser.emplace(*replay);
        run.sim->chooser = &*chooser;
    }

    std::vector<LessonResult> results;
    std::unique_ptr<Recorder> last_recording;
    for (int i = 0; i < run.repeat; ++i) {
        auto recorder = std::make_unique<Recorder>();
        std::optional<py::SimSettings> sim = run.sim;
        if (sim)
            sim->seed += uint64_t(i);
        results.push_back(RunLesson(*run.lesson, run.params, run.config, *recorder, g_interrupt, sim));
        last_recording = std::move(recorder);
        if (!json) {
            const std::string prefix = run.repeat == 1 ? ""
                                       : sim            ? fmt::format("seed {}: ", sim->seed)
                                                        : fmt::format("run {}: ", i + 1);
            std::cout << prefix << HumanSummary(*run.lesson, results.back(), model) << std::endl;
        }
        if (results.back().status == RunStatus::Stopped || results.back().status == RunStatus::Failed)
            break;
    }

    if (!trace_path.empty()) {
        TraceSnapshot snapshot;
        snapshot.Update(*last_recording);
        std::ostringstream out;
        WriteChromeTrace(snapshot, TraceMetadata{std::string(run.lesson->id), options.python, run.config.time_scale},
                         out);
        if (auto error = WriteFileAtomically(trace_path, out.str())) {
            std::cerr << "threadlab: " << *error << "\n";
            return kExitFailure;
        }
    }

    if (json) {
        nlohmann::json doc{{"lesson", run.lesson->id},
                           {"python", ModelName(model)},
                           {"time_scale", run.config.time_scale},
                           {"switch_interval", run.config.switch_interval},
                           {"params", ParamsJson(*run.lesson, run.params)},
                           {"executor", run.sim ? "simulated" : "live"}};
        if (run.sim) {
            doc["seed"] = run.sim->seed;
            doc["cores"] = run.sim->cores;
        }
        if (run.repeat == 1) {
            doc.update(ResultJson(results[0]));
        } else {
            nlohmann::json repeats = nlohmann::json::array();
            for (size_t i = 0; i < results.size(); ++i) {
                nlohmann::json entry = ResultJson(results[i]);
                if (run.sim)
                    entry["seed"] = run.sim->seed + i;
                repeats.push_back(std::move(entry));
            }
            doc["repeat"] = run.repeat;
            doc["repeats"] = std::move(repeats);
            doc["summary"] = MetricSummaryJson(results);
        }
        if (replay != nullptr) {
            doc["schedule"] = *replay;
            if (const auto& found = results.back().found)
                doc["failure"] = {{"kind", found->kind}, {"message", found->message}, {"line", found->line}};
        }
        std::cout << doc.dump(2) << std::endl;
    } else if (run.repeat > 1) {
        const nlohmann::json summary = MetricSummaryJson(results);
        auto show = [](double v) {
            return v == double(int64_t(v)) ? WithCommas(int64_t(v)) : fmt::format("{:.4g}", v);
        };
        for (const auto& [name, s] : summary.items())
            std::cout << fmt::format("{}: min {} · median {} · max {}\n", name, show(s["min"].get<double>()),
                                     show(s["median"].get<double>()), show(s["max"].get<double>()));
    }

    const LessonResult& last = results.back();
    if (chooser) {
        chooser->Finish();
        if (!chooser->Mismatch().empty()) {
            std::cerr << "threadlab: the schedule does not fit this program: " << chooser->Mismatch() << "\n";
            return kExitUsage;
        }
        // The failure the search found, found again: exit 1 as the search did.
        if (last.found && last.status == RunStatus::Finished) {
            std::cerr << "threadlab: " << last.found->message << "\n";
            return kExitFailure;
        }
    }
    if (last.status == RunStatus::Failed) {
        std::cerr << "threadlab: " << last.failure << "\n";
        return kExitFailure;
    }
    if (last.status == RunStatus::Deadlocked)
        return kExitFailure; // said in the summary
    return last.status == RunStatus::Stopped ? 130 : kExitOk;
}

void AddRunOptions(CLI::App& command, RunOptions& options)
{
    command.add_option("lesson", options.lesson, "lesson id (threadlab list shows them), or FILE.py for run")->required();
    command.add_option("--set", options.sets, "NAME=VALUE: a lesson parameter (repeatable)")->take_all();
    command.add_option("--python", options.python, "interpreter model: 3.9, 3.12 or 3.13t (default 3.12)");
    command.add_option("--switch-interval", options.switch_interval,
                       "GIL switch interval in seconds, 0.0001 to 1 (default 0.005)");
    command.add_option("--time-scale", options.time_scale,
                       "real seconds per lesson second, 0.001 to 100 (default 1.0)");
    command.add_option("--seed", options.seed,
                       "run simulated, on a virtual clock, from this seed (a whole number): the same result on any "
                       "machine");
    command.add_option("--cores", options.cores, "simulated: virtual cores, 1 to 256 (default 2)");
}

bool SizeFromText(const std::string& text, int& width, int& height)
{
    char x = 0;
    char extra = 0;
    return std::sscanf(text.c_str(), "%d%c%d%c", &width, &x, &height, &extra) == 3 && (x == 'x' || x == 'X') &&
           width >= 320 && width <= 7680 && height >= 240 && height <= 4320;
}

} // namespace

int RunCommandLine(int argc, char** argv, const WindowHooks& window)
{
    CLI::App app{"threadlab: see how Python threads really behave"};
    // Built only when help is asked for: loading every lesson costs a tenth of a second at each start.
    app.footer([] { return "\n" + AllLessonsHelp() + "\nWith no command, threadlab opens its window."; });
    app.require_subcommand(0, 1);

    bool list_json = false;
    CLI::App* list = app.add_subcommand("list", "lesson ids and titles");
    list->add_flag("--json", list_json, "print as JSON");

    std::string gui_lesson;
    CLI::App* gui = app.add_subcommand("gui", "open the window on a lesson");
    gui->add_option("lesson", gui_lesson, "lesson id, or FILE.py: any program of yours as a lesson of its own");

    RunOptions run_options;
    bool run_json = false;
    std::string trace_path;
    std::vector<std::string> watch;
    CLI::App* run = app.add_subcommand("run", "run a lesson or a Python file (FILE.py) headless and print the result");
    AddRunOptions(*run, run_options);
    run->add_option("--repeat", run_options.repeat, "run N times, 1 to 1000; JSON then holds every run");
    run->add_flag("--json", run_json, "print the result as JSON");
    run->add_option("--trace", trace_path, "also write a Chrome Trace Event JSON file (of the last run)");
    run->add_option("--watch", watch, "FILE.py: a global whose reads and writes are marked on the timeline (repeatable)")
        ->take_all();
    std::string run_schedule;
    run->add_option("--schedule", run_schedule,
                    "FILE.py: replay the schedule in this file (what explore --json printed), simulated");

    ExploreOptions explore;
    CLI::App* explore_cmd = app.add_subcommand(
        "explore", "run a Python file under many schedules, looking for one that fails a check, an assert, or deadlocks");
    explore_cmd->add_option("program", explore.file, "FILE.py, or a lesson id")->required();
    std::vector<std::string> explore_sets;
    explore_cmd->add_option("--set", explore_sets, "NAME=VALUE: a lesson parameter (repeatable)")->take_all();
    explore_cmd->add_option("--python", explore.python, "interpreter model: 3.9, 3.12 or 3.13t (default 3.12)");
    explore_cmd->add_option("--check", explore.check,
                            "a Python expression over the final globals that must be true, e.g. \"counter == 2 * N\"");
    explore_cmd->add_option("--preemptions", explore.preemptions,
                            "at most this many preemptions per schedule, 0 to 10 (default 2)");
    explore_cmd->add_option("--schedules", explore.schedules, "budget: at most this many runs (default 10000)");
    explore_cmd->add_option("--seed", explore.seed, "seed of the simulated runs and the random phase (default 1)");
    explore_cmd->add_option("--cores", explore.cores, "virtual cores, 1 to 256 (default 2)");
    explore_cmd->add_flag("--json", explore.json, "print the result as JSON (a schedule file for run --schedule)");
    explore_cmd->add_option("--trace", explore.trace_path, "write the failing schedule's trace (Chrome Trace Event JSON)");

    std::string dis_target, dis_python = "3.12";
    CLI::App* dis = app.add_subcommand("dis", "print the bytecode of a Python file or a lesson's listing, marking where the model may switch");
    dis->add_option("target", dis_target, "FILE.py or lesson id")->required();
    dis->add_option("--python", dis_python, "interpreter model: 3.9, 3.12 or 3.13t (default 3.12)");

    RunOptions shot_options;
    std::string shot_out, shot_size = "1600x1000";
    bool shot_run = false, shot_presenter = false;
    CLI::App* shot = app.add_subcommand("shot", "draw the window for a lesson and save a PNG (needs a display)");
    AddRunOptions(*shot, shot_options);
    shot->add_option("--out", shot_out, "PNG file to write")->required();
    shot->add_flag("--run", shot_run, "run the lesson first, with the run options");
    shot->add_option("--size", shot_size, "window size WxH (default 1600x1000)");
    shot->add_flag("--presenter", shot_presenter, "presenter mode: large fonts, high contrast");
    bool shot_compare = false, shot_explore = false;
    shot->add_flag("--explore", shot_explore, "search the schedules first, as the lesson's search button does");
    shot->add_flag("--compare", shot_compare, "with --run: run under 3.9, 3.12 and 3.13t on one time axis");
    shot->add_option("--repeat", shot_options.repeat, "with --run: run N times (the race lesson draws a histogram)");
    std::string shot_step, shot_program;
    shot->add_option("--program", shot_program, "FILE.py: the lesson with this version of its program in the editor");
    std::string shot_make;
    shot->add_option("--make", shot_make, "FILE.py: the Make step with this solution, graded");
    shot->add_option("--step", shot_step,
                     "be the scheduler, then make these picks: 1,2,2+,s (a thread by number, + to its next line, s "
                     "the schedule found); \"\" for none");
    std::vector<std::string> shot_predictions;
    shot->add_option("--predict", shot_predictions, "ID=VALUE: answer a quiz question before the run (repeatable)")
        ->take_all();

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        // `threadlab run LESSON --help` also lists that lesson's parameters.
        const std::string& id = run->parsed() ? run_options.lesson : shot_options.lesson;
        std::cout << app.help();
        if (const Lesson* lesson = FindLesson(id); lesson != nullptr && (run->parsed() || shot->parsed()))
            std::cout << "\n" << LessonHelp(*lesson);
        return kExitOk;
    } catch (const CLI::CallForAllHelp&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return kExitOk;
    } catch (const CLI::ParseError& e) {
        return UsageError(std::string(e.what()) + " (see threadlab --help)");
    }

    if (list->parsed())
        return List(list_json);
    if (dis->parsed())
        return DisassembleProgram(dis_target, dis_python);
    if (run->parsed() && IsProgramPath(run_options.lesson)) {
        if (!run_options.sets.empty())
            return UsageError("--set is for lesson parameters; a program file's constants are in its code");
        ProgramOptions program;
        program.repeat = run_options.repeat;
        program.schedule_path = run_schedule;
        program.file = run_options.lesson;
        program.seed = run_options.seed;
        program.cores = run_options.cores;
        program.python = run_options.python;
        program.switch_interval = run_options.switch_interval;
        program.time_scale = run_options.time_scale;
        program.watch = watch;
        program.json = run_json;
        program.trace_path = trace_path;
        std::signal(SIGINT, [](int) {
            g_interrupt.RequestStop();
            if (StopFlag* stop = g_program_stop.load())
                stop->RequestStop();
        });
        return RunProgramFile(program, g_program_stop);
    }
    if (explore_cmd->parsed()) {
        std::signal(SIGINT, [](int) {
            if (StopFlag* stop = g_program_stop.load())
                stop->RequestStop();
        });
        if (IsProgramPath(explore.file)) {
            if (!explore_sets.empty())
                return UsageError("--set is for a lesson's parameters; a program file's constants are in its code");
            return ExploreProgram(explore, g_program_stop);
        }
        return ExploreLesson(explore, explore_sets, g_program_stop);
    }
    if (run->parsed() && !run_schedule.empty()) {
        std::signal(SIGINT, [](int) {
            if (StopFlag* stop = g_program_stop.load())
                stop->RequestStop();
        });
        RunOptions replay;
        std::vector<std::string> schedule;
        if (auto error = ReadLessonSchedule(run_options, run_schedule, replay, schedule))
            return UsageError(*error);
        return Run(replay, run_json, trace_path, &schedule);
    }

    if (run->parsed())
        return Run(run_options, run_json, trace_path);
    if (shot->parsed()) {
        ShotRequest request;
        if (IsProgramPath(shot_options.lesson)) {
            // A program of the student's: the run options resolve against any lesson, then it replaces it.
            if (!shot_options.sets.empty())
                return UsageError("--set is for lesson parameters; a program file's constants are in its code");
            request.open_program = shot_options.lesson;
            shot_options.lesson = AllLessons().front()->id;
        }
        if (auto error = Resolve(shot_options, request.run))
            return UsageError(*error);
        if (!SizeFromText(shot_size, request.width, request.height))
            return UsageError(fmt::format("--size must be WIDTHxHEIGHT from 320x240 to 7680x4320, got \"{}\"", shot_size));
        request.run_first = shot_run;
        request.out = shot_out;
        request.presenter = shot_presenter;
        request.predictions = shot_predictions;
        request.compare = shot_compare;
        request.explore = shot_explore;
        if (!shot_program.empty())
            if (auto error = py::ReadSourceFile(shot_program, request.program))
                return UsageError(*error);
        if (!shot_make.empty())
            if (auto error = py::ReadSourceFile(shot_make, request.make))
                return UsageError(*error);
        if (shot->count("--step") > 0) {
            request.step.emplace();
            std::string pick;
            for (std::istringstream in(shot_step); std::getline(in, pick, ',');) {
                const bool to_line = !pick.empty() && pick.back() == '+';
                const std::string number = to_line ? pick.substr(0, pick.size() - 1) : pick;
                const bool digits = !number.empty() && number.size() < 3 &&
                                    std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
                if (pick != "s" && (!digits || std::stoi(number) < 1))
                    return UsageError(fmt::format("--step: \"{}\" is not a pick: give a thread's number from 1 "
                                                  "(with + to run it to its next line) or s, separated by commas",
                                                  pick));
                request.step->push_back(pick);
            }
        }
        return (window.save_shot ? window.save_shot : NoWindow().save_shot)(request);
    }
    if (gui->parsed() && !gui_lesson.empty() && FindLesson(gui_lesson) == nullptr && !IsProgramPath(gui_lesson))
        return UsageError(fmt::format("unknown lesson \"{}\"; the lessons are: {}", gui_lesson, LessonIdList()));
    return (window.open ? window.open : NoWindow().open)(gui_lesson.empty() ? std::nullopt
                                                                            : std::optional<std::string>(gui_lesson));
}

} // namespace threadlab
