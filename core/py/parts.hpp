#pragma once
// A program's parts: `# part: NAME` comments at the top level of the main
// module divide it into the timeline's groups ("sequential", "threaded"),
// each with its own time origin, as the lessons draw them. Under CPython they
// are only comments.
#include "code.hpp"

namespace threadlab::py {

// Finds the markers, names the parts in Program::parts and flags the first
// instruction after each (kPartStart). Throws SourceError for a marker that
// is indented, names no part or one already named, or has no statement
// after it before the next marker.
void MarkParts(Program& program);

} // namespace threadlab::py
