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

namespace threadlab {

struct TraceMetadata {
    std::string lesson;
    std::string python;
    double time_scale = 1.0;
};

void WriteChromeTrace(const TraceSnapshot& trace, const TraceMetadata& meta, std::ostream& out);

} // namespace threadlab
