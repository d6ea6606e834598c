#pragma once
// Lessons run from their files (assets/lessons/ID.py + ID.md, or the user's)
// on the interpreter: `run LESSON --seed N` (simulated), a user's lesson
// live, and `explore LESSON`.
#include "program_commands.hpp"
#include "run_options.hpp"

#include <atomic>
#include <string>

namespace threadlab {

struct PageRunOptions {
    RunOptions run;
    std::string seed, cores;
    bool json = false;
    std::string trace_path;
};

// Runs the lesson's program, simulated with --seed or --cores, else live;
// prints its summary line (or JSON).
int RunPage(const PageRunOptions& options, std::atomic<StopFlag*>& interrupt);

// `explore LESSON`: the lesson's program with its parameters set, and the
// page's check unless --check gives another.
int ExploreLesson(const ExploreOptions& explore, const std::vector<std::string>& sets,
                  std::atomic<StopFlag*>& interrupt);

} // namespace threadlab
