#include "explore_job.hpp"

#include "explorer.hpp"
#include "source_error.hpp"
#include "page_run.hpp"

#include <fmt/format.h>

#include <chrono>

namespace threadlab {

namespace {

ExploreOutcome Search(const Lesson& lesson, const ParamValues& values, const RunConfig& config,
                      const std::optional<std::string>& text, StopFlag& stop)
{
    ExploreOutcome outcome;
    outcome.values = values;
    outcome.program = text;
    outcome.model = config.model;
    const LessonPage& page = *lesson.page;
    std::unique_ptr<py::Program> program;
    try {
        program = CompilePageProgram(page, values, text ? &*text : nullptr);
    } catch (const py::SourceError& e) {
        outcome.message = "The program does not compile: " + e.message;
        return outcome;
    }
    py::RunSettings settings;
    settings.model = config.model;
    settings.argv = {page.py_file};
    settings.watch = page.watch; // the replay marks the counter's reads and writes: its lost update shows
    py::ExploreSettings explore;
    explore.check = page.check.text;
    std::string check_error;
    const py::ExploreResult result = py::Explore(*program, settings, config, explore, stop, check_error);
    if (!check_error.empty()) {
        outcome.message = "The page's check could not be evaluated: " + check_error;
        return outcome;
    }
    if (result.stopped) {
        outcome.message = fmt::format("Search stopped after {} schedules.", WithCommas(result.schedules));
        return outcome;
    }
    if (!result.found) {
        outcome.message =
            result.exhaustive
                ? fmt::format("No schedule breaks it: every one with at most {} preemptions was tried ({}), on "
                              "Python {}.",
                              explore.preemptions, WithCommas(result.schedules), ModelName(config.model))
                : fmt::format("No failing schedule among {} tried (not every one within {} preemptions).",
                              WithCommas(result.schedules), explore.preemptions);
        return outcome;
    }
    Recorder recorder;
    StopFlag replay_stop;
    py::ReplaySchedule(*program, settings, config, result.schedule, explore, recorder, replay_stop,
                       [](std::string_view, bool) {});
    outcome.found = true;
    outcome.schedule = result.schedule;
    outcome.trace.Update(recorder);
    std::string output = result.output;
    while (!output.empty() && output.back() == '\n')
        output.pop_back();
    outcome.message = fmt::format("Found one after {} schedules, on Python {}: {}{}. The timeline shows that run: "
                                  "the threads took their turns as the search chose.",
                                  WithCommas(result.schedules), ModelName(config.model), result.failure.message,
                                  output.empty() ? "" : " (it printed: " + output.substr(output.rfind('\n') + 1) + ")");
    return outcome;
}

} // namespace

ExploreJob::~ExploreJob() { Stop(); }

void ExploreJob::Start(const Lesson& lesson, ParamValues values, RunConfig config, std::optional<std::string> program)
{
    Stop();
    m_stop = std::make_unique<StopFlag>();
    StopFlag* stop = m_stop.get();
    m_future = std::async(std::launch::async, [&lesson, values = std::move(values), config, stop,
                                               program = std::move(program)] {
        return Search(lesson, values, config, program, *stop);
    });
}

std::optional<ExploreOutcome> ExploreJob::Take()
{
    if (!m_future.valid() || m_future.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return std::nullopt;
    return m_future.get();
}

void ExploreJob::Stop()
{
    if (!m_future.valid())
        return;
    m_stop->RequestStop();
    m_future.wait();
    m_future = {};
}

} // namespace threadlab
