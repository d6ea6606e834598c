#pragma once
// What the command line needs from the window (app/window.cpp when built
// with the GUI, app/no_window.cpp otherwise).
#include "run_options.hpp"

#include <optional>
#include <string>
#include <vector>

namespace threadlab {

// Opens the window, on `lesson` if given. Returns the process exit code.
int OpenWindow(const std::optional<std::string>& lesson);

struct ShotRequest {
    ResolvedRun run;
    bool run_first = false; // run the lesson before drawing
    int width = 1600;
    int height = 1000;
    std::string out; // PNG path
    bool presenter = false;
    bool compare = false; // run under 3.9, 3.12 and 3.13t, as the window's Compare button does
    std::vector<std::string> predictions; // ID=VALUE answers to the lesson's quiz, locked before the run
};

// Draws the window for a lesson off-screen-ish (a real window, needs a
// display) and saves a PNG. Returns the process exit code.
int SaveShot(const ShotRequest& request);

} // namespace threadlab
