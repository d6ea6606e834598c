#pragma once
// The window's schedule search ("Find a schedule that loses an update"):
// the explorer on a worker thread over the lesson's program with the page's
// search values, then the failing schedule, if any, replayed into a
// recording the timeline shows.
#include "lesson.hpp"
#include "snapshot.hpp"
#include "stop.hpp"

#include <future>
#include <memory>
#include <optional>
#include <string>

namespace threadlab {

struct ExploreOutcome {
    bool found = false;
    TraceSnapshot trace;  // the failing run, when found
    std::string message;  // one or two sentences for the student
    std::vector<std::string> schedule; // the failing one, to step through
    ParamValues values;   // what it searched with
    std::optional<std::string> program; // the student's version it searched, if not the lesson's
    Model model = Model::Py312;
};

class ExploreJob {
public:
    ExploreJob() = default;
    ~ExploreJob();
    ExploreJob(const ExploreJob&) = delete;
    ExploreJob& operator=(const ExploreJob&) = delete;

    // Searches `lesson` with `values` (already including the page's search values).
    void Start(const Lesson& lesson, ParamValues values, RunConfig config, std::optional<std::string> program = {});
    bool Running() const { return m_future.valid(); }
    // The outcome once the search has ended (then Running() is false).
    std::optional<ExploreOutcome> Take();
    void Stop();

private:
    std::unique_ptr<StopFlag> m_stop;
    std::future<ExploreOutcome> m_future;
};

} // namespace threadlab
