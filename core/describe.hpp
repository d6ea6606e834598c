#pragma once
// Plain-words descriptions of what a recording shows, shared by the window's
// tooltips and the exported trace ("waiting for the GIL, held by B").
#include "snapshot.hpp"

#include <string>

namespace threadlab {

std::string DescribeSpan(const TraceSnapshot& trace, const LaneTrace& lane, const Span& span);
std::string DescribeMark(const TraceSnapshot& trace, const LaneTrace& lane, const Mark& mark);

// "2.000 s", "5.20 ms", "85 µs": three significant figures in a fitting unit.
std::string FormatDuration(double seconds);

} // namespace threadlab
