#pragma once
// `threadlab run FILE.py` and `threadlab dis FILE.py|LESSON`: a Python
// program run (or disassembled) by threadlab's own interpreter.
#include "run_options.hpp"
#include "sim_executor.hpp"
#include "stop.hpp"

#include <optional>

#include <atomic>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace threadlab {

struct ProgramOptions {
    std::string file;
    std::string text; // the program, when it is not read from `file` (a lesson's)
    std::string python = "3.12";
    std::string switch_interval = "0.005";
    std::string time_scale = "1.0";
    std::vector<std::string> watch; // globals whose reads and writes are marked
    std::vector<std::string> argv;  // sys.argv[1:]
    bool json = false;
    std::string trace_path;
    // Either given: the simulated executor (virtual time, the same result on
    // any machine); neither: a live run.
    std::string seed;
    std::string cores;
    std::string repeat = "1";  // simulated: seeds seed … seed+repeat-1
    std::string schedule_path; // replay the schedule an `explore --json` found
};

struct ExploreOptions {
    std::string file;
    std::string python = "3.12";
    std::string switch_interval = "0.005";
    std::string check;
    std::string preemptions = "2";
    std::string schedules = "10000";
    std::string seed = "1";
    std::string cores = "2";
    bool json = false;
    std::string trace_path;
    std::string lesson; // set when exploring a lesson's program (for the hints)
    std::map<std::string, std::string> params; // and its values, which the JSON keeps for run LESSON --schedule
};

// `threadlab explore FILE.py`: searches the schedules for one that fails.
// Returns 1 when one is found, 0 when none, 2 for bad input.
int ExploreProgram(const ExploreOptions& options, std::atomic<StopFlag*>& interrupt);
// The same for a program given as text (`name` as messages and traces call it).
int ExploreSource(const ExploreOptions& options, const std::string& name, const std::string& text,
                  std::atomic<StopFlag*>& interrupt);

// `explore LESSON`: the lesson's program with its parameters set, searched
// as a program file is, with the page's check unless --check gives another.
int ExploreLesson(const ExploreOptions& explore, const std::vector<std::string>& sets,
                  std::atomic<StopFlag*>& interrupt);

// --seed and --cores (either may be empty: its default), or the one-line error.
std::optional<std::string> ResolveSimSettings(const ProgramOptions& options, py::SimSettings& settings);

// An argument that names a program file rather than a lesson: it ends in
// .py or holds a '/'.
bool IsProgramPath(std::string_view argument);

// Runs the program; returns the exit code (0, 1 after an uncaught exception,
// 2 for a file or program threadlab refuses, 130 when interrupted).
// `interrupt` is where Ctrl-C is delivered (set by the caller's handler).
int RunProgramFile(const ProgramOptions& options, std::atomic<StopFlag*>& interrupt);

// Prints the bytecode of a program file, or of a lesson's listing.
int DisassembleProgram(const std::string& target, const std::string& python);

// `run LESSON --schedule FILE`: the options that run the lesson's program
// with the values, model, seed and cores the schedule file (explore LESSON
// --json) holds, and its choices; or the one-line error.
std::optional<std::string> ReadLessonSchedule(const RunOptions& options, const std::string& schedule_path,
                                              RunOptions& replay, std::vector<std::string>& schedule);

} // namespace threadlab
