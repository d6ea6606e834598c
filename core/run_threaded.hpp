#pragma once
// run_threaded(durations): the function students write in the list
// exercise's "Make" step, done by the engine — start one thread per
// duration, each sleeping that long, join them all, return the elapsed time.
#include "model.hpp"
#include "stop.hpp"

#include <vector>

namespace threadlab {

// Elapsed lesson seconds. An empty list takes (almost) no time. A `stop`
// raised from another thread ends it within a poll (stop.hpp); what it
// returns then is the time until the stop.
double RunThreaded(const std::vector<double>& durations, const RunConfig& config = {}, StopFlag* stop = nullptr);

} // namespace threadlab
