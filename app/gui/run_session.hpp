#pragma once
// RunSession: one lesson run as the window sees it.
//
// The lesson runs on a worker thread; the UI thread calls Update() once per
// frame, which pulls the new part of the recording into a snapshot and, once
// the worker has finished, joins it (instantly: it has already returned) and
// takes the result. The UI thread never waits for the engine: Stop only
// raises the flag, and every engine wait notices within 10 ms.
#include "lesson.hpp"
#include "snapshot.hpp"

#include <atomic>
#include <memory>
#include <optional>
#include <thread>

namespace threadlab {

class RunSession {
public:
    RunSession() = default;
    ~RunSession();
    RunSession(const RunSession&) = delete;
    RunSession& operator=(const RunSession&) = delete;

    // Starts a run (stopping and joining any previous one first): simulated
    // from `sim`'s seed, paced to the wall clock, when given; else live.
    void Start(const Lesson& lesson, const ParamValues& params, const RunConfig& config,
               std::optional<py::SimSettings> sim = std::nullopt);
    // Runs the lesson once per config, `repeat` times each, into one
    // recording (compare models: three configs; "run 20 times": repeat 20).
    // Simulated, the k-th run of the series has seed sim->seed + k.
    void StartSeries(const Lesson& lesson, const ParamValues& params, std::vector<RunConfig> configs, int repeat,
                     std::optional<py::SimSettings> sim = std::nullopt, std::optional<std::string> program = {});
    // Shows a saved trace instead of a run.
    void ShowOpened(TraceSnapshot trace);
    // Forgets what it shows (a saved trace, the last run) once its lesson is left.
    void Clear();
    void RequestStop();
    // Stops and waits for the worker; for closing the window.
    void Shutdown();
    void Update();

    bool Running() const { return m_worker.joinable(); }
    bool HasRun() const { return m_lesson != nullptr; }
    const Lesson* RunLessonPtr() const { return m_lesson; }
    const RunConfig& Config() const { return m_config; }
    // The series' simulation (its first seed), or nullopt for a live run.
    const std::optional<py::SimSettings>& Sim() const { return m_sim; }
    const ParamValues& Params() const { return m_params; }
    const TraceSnapshot& Trace() const { return m_trace; }
    const LessonResult* Result() const { return m_results.empty() ? nullptr : &m_results.back(); }
    // Every result of a series, in order, with the config it ran under.
    const std::vector<LessonResult>& Results() const { return m_results; }
    const std::vector<RunConfig>& SeriesConfigs() const { return m_series; }
    bool IsOpenedTrace() const { return m_opened; }
    // Lesson seconds recorded so far, over every part of the run.
    double ElapsedSeconds() const;
    // 0..1; an estimate while running (never 1 before the end).
    double Progress() const;
    double EstimateSeconds() const { return m_estimate; }
    // The expected length of one run of the series (the time axis while it runs).
    double LongestRunEstimate() const { return m_longest_run_estimate; }

private:
    const Lesson* m_lesson = nullptr;
    RunConfig m_config;
    std::optional<py::SimSettings> m_sim;
    ParamValues m_params;
    std::optional<std::string> m_program; // the student's version, when it runs instead of the lesson's
    std::unique_ptr<Recorder> m_recorder;
    std::unique_ptr<StopFlag> m_stop;
    std::thread m_worker;
    std::atomic<bool> m_worker_done{false};
    std::atomic<int> m_completed{0};      // results the worker has finished
    std::vector<LessonResult> m_pending;  // written by the worker before m_worker_done
    std::vector<LessonResult> m_results;
    std::vector<RunConfig> m_series;      // one entry per result
    bool m_opened = false;
    TraceSnapshot m_trace;
    double m_estimate = 0; // the whole series
    double m_longest_run_estimate = 0;
};

} // namespace threadlab
