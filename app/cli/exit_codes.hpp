#pragma once
// What the command line's exit status tells a script (DESIGN.md, "Command line").

namespace threadlab {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1; // the run failed, or a check it was asked for did not hold
constexpr int kExitUsage = 2;   // the command line or a file it named was refused

} // namespace threadlab
