#pragma once
// The run options shared by `threadlab run` and `threadlab shot`, and their
// validation: every value is checked before anything runs, and a bad one
// produces a single line that names what is allowed.
#include "lesson.hpp"
#include "sim_executor.hpp"

#include <optional>
#include <string>
#include <vector>

namespace threadlab {

struct RunOptions {
    std::string lesson;
    std::vector<std::string> sets; // NAME=VALUE
    std::string python = "3.12";
    std::string switch_interval = "0.005";
    std::string time_scale = "1.0";
    std::string repeat = "1";
    // Either given: simulated on the virtual clock (seed … seed+repeat-1); neither: live.
    std::string seed;
    std::string cores;
};

struct ResolvedRun {
    const Lesson* lesson = nullptr;
    ParamValues params;
    RunConfig config;
    int repeat = 1;
    std::optional<py::SimSettings> sim;
};

inline constexpr int kMaxRepeat = 1000;

// Fills `out` or returns the one-line error.
std::optional<std::string> Resolve(const RunOptions& options, ResolvedRun& out);

// "ID, ID, …": every lesson that loaded
std::string LessonIdList();

} // namespace threadlab
