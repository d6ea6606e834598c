#pragma once
// Export of a recording as Chrome Trace Event JSON (opens in Perfetto and
// chrome://tracing). Times are lesson microseconds, so a trace reads the
// same whatever time scale recorded it.
//
// - one process per run (pid = run + 1), one thread per lane (tid = lane + 1)
//   with thread_name / process_name metadata;
// - one "X" event per span (state as its name, a plain-words "why" in args);
// - the shared counter as "C" events; start, end and errors as instants;
// - join and lock hand-off as flow events ("s" → "f").
#include "snapshot.hpp"

#include <iosfwd>
#include <string>
#include <string_view>
#include <variant>

namespace threadlab {

struct TraceMetadata {
    std::string lesson;
    std::string python;
    double time_scale = 1.0;
};

void WriteChromeTrace(const TraceSnapshot& trace, const TraceMetadata& meta, std::ostream& out);

// A trace threadlab wrote, opened again. Times come back in lesson time
// (every run's time scale is 1).
struct OpenedTrace {
    TraceSnapshot trace;
    TraceMetadata meta;
};

// Reads a file WriteChromeTrace wrote. Anything else — not JSON, another
// program's trace, a damaged or truncated file — gives a one-line error.
std::variant<OpenedTrace, std::string> ReadChromeTrace(std::string_view text);

} // namespace threadlab
