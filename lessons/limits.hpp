#pragma once
// Whether this machine can carry a run, checked before it starts.
//
// A lesson with 64 threads and ten million locked increments records a
// million events on every lane; one with a thousand export threads starts a
// thousand OS threads. Rather than let such a run die half-way (out of
// memory, or "could not start thread"), the command line and the window's
// Run refuse it up front with one line that says why.
//
// The estimate comes from the lesson's page (limits.threads, limits.events):
// - threads: OS threads alive at once (MainThread runs on the caller's
//   thread and is not counted).
// - memory: the events × 32 bytes (the lane budget caps each lane at a
//   million), twice — the recording, and the snapshot the window or the
//   trace writer copies it into — plus 64 KB resident per thread. A thread's
//   8 MB stack is virtual and mostly never touched, so it is not counted.
// Compared with: MemAvailable (/proc/meminfo, and the cgroup's memory.max if
// lower), and the threads the system still allows: threads-max less the
// threads that exist (/proc/loadavg), and RLIMIT_NPROC less this process's
// threads (other processes of the same user count too but are not counted
// here; RLIMIT_NPROC does not bind root). A thread that still cannot be
// created mid-run ends the run as Failed with the reason.
#include "lesson.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace threadlab {

// What one run of a lesson needs, estimated from its parameters.
struct RunNeeds {
    int64_t threads = 0; // OS threads alive at once, besides the caller's
    int64_t events = 0;  // events recorded over every lane (each lane capped at its budget)
    int64_t bytes = 0;   // resident memory, see above
};

inline constexpr int64_t kEventBytes = 32;
inline constexpr int64_t kResidentBytesPerThread = 64 << 10;

// What the machine offers now. Unknown values stay at INT64_MAX.
struct SystemLimits {
    int64_t memory_available_bytes = INT64_MAX;
    int64_t threads_available = INT64_MAX;
    std::string threads_limit_name; // which limit set threads_available: "threads-max" or "RLIMIT_NPROC (ulimit -u)"
};

SystemLimits ReadSystemLimits();

// Parsers for the files ReadSystemLimits reads (separate for the tests).
std::optional<int64_t> ParseMemAvailable(std::string_view meminfo);     // bytes
std::optional<int64_t> ParseLoadavgThreads(std::string_view loadavg); // scheduling entities that exist

RunNeeds EstimateNeeds(const Lesson& lesson, const ParamValues& values, const RunConfig& config);

// For a lesson's needs(): a lane's events, capped at the lane budget; and
// how many turns at the GIL each of `threads` threads takes while each
// computes for `cpu_seconds_each` lesson seconds (a turn records about
// kEventsPerGilTurn events on the lane: it waits, takes the GIL, runs).
int64_t LaneEvents(double events);
double GilSwitchesPerThread(int64_t threads, double cpu_seconds_each, const RunConfig& config);
inline constexpr double kEventsPerGilTurn = 6;

// Nullopt when the run fits; else one line that says what it would need,
// what the machine allows, and what to change.
std::optional<std::string> CheckRunLimits(const Lesson& lesson, const ParamValues& values, const RunConfig& config,
                                          const SystemLimits& limits);

} // namespace threadlab
