#pragma once
// What the command line needs from a window, and how it gets one: the
// executable passes the GUI library's (GuiWindow() in app/gui/window.hpp)
// or, in a build without the window, NoWindow() (no_window.cpp), whose
// commands say there is none. The command line never links a window itself.
#include "run_options.hpp"

#include <optional>
#include <string>
#include <vector>

namespace threadlab {

struct ShotRequest {
    ResolvedRun run;
    bool run_first = false; // run the lesson before drawing
    int width = 1600;
    int height = 1000;
    std::string out; // PNG path
    bool presenter = false;
    bool compare = false; // run under 3.9, 3.12 and 3.13t, as the window's Compare button does
    bool explore = false; // search the schedules, as the page's explore button does
    std::vector<std::string> predictions; // ID=VALUE answers to the lesson's quiz, locked before the run
    // Step mode, as "Be the scheduler" (or, after explore, "Step through the
    // schedule found") starts it, then these picks: "2" lets the second
    // candidate run, "2+" runs it to its next line, "s" takes the suggestion.
    std::optional<std::vector<std::string>> step;
    std::string program; // a student's version of the lesson's program (FILE.py's text), in the editor
    std::string make;    // a Make step solution (FILE.py's text), graded
    std::string open_program; // shot FILE.py: that program as a lesson of its own
};

struct WindowHooks {
    // Opens the window, on `lesson` if given. Returns the process exit code.
    int (*open)(const std::optional<std::string>& lesson) = nullptr;
    // Draws the window for a lesson (a real window, needs a display) and
    // saves a PNG. Returns the process exit code.
    int (*save_shot)(const ShotRequest& request) = nullptr;
};

// For a build without the window (THREADLAB_BUILD_GUI=OFF, the
// ThreadSanitizer build): both commands say so and fail.
WindowHooks NoWindow();

} // namespace threadlab
