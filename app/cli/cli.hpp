#pragma once
// The command line of DESIGN.md: list, run, gui, shot. Exit codes: 0
// success, 2 bad usage or bad input (one line on stderr), 1 failure.
#include "window_hooks.hpp"

namespace threadlab {

// `gui`, no command and `shot` go to `window` (window_hooks.hpp).
int RunCommandLine(int argc, char** argv, const WindowHooks& window);

} // namespace threadlab
