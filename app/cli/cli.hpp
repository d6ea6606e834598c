#pragma once
// The command line of DESIGN.md: list, run, gui, shot. Exit codes: 0
// success, 2 bad usage or bad input (one line on stderr), 1 failure.
namespace threadlab {

int RunCommandLine(int argc, char** argv);

} // namespace threadlab
