#pragma once
// run_threaded(durations): the function students write in the three-threads
// exercise's "Make" step, done by the engine — start one thread per
// duration, each sleeping that long, join them all, return the elapsed time.
#include "model.hpp"

#include <vector>

namespace threadlab {

// Elapsed lesson seconds. An empty list takes (almost) no time.
double RunThreaded(const std::vector<double>& durations, const RunConfig& config = {});

} // namespace threadlab
