#pragma once
// `explore LESSON`: a lesson's program searched as a program file is.
#include "program_commands.hpp"
#include "run_options.hpp"

#include <atomic>
#include <string>

namespace threadlab {

// `explore LESSON`: the lesson's program with its parameters set, and the
// page's check unless --check gives another.
int ExploreLesson(const ExploreOptions& explore, const std::vector<std::string>& sets,
                  std::atomic<StopFlag*>& interrupt);

} // namespace threadlab
