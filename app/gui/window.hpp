#pragma once
// The window (window.cpp): GLFW + glad + Dear ImGui. The executable hands
// GuiWindow() to the command line (app/cli/window_hooks.hpp).
#include "window_hooks.hpp"

#include <optional>
#include <string>

namespace threadlab {

// Opens the window, on `lesson` if given. Returns the process exit code.
int OpenWindow(const std::optional<std::string>& lesson);

// Draws the window for a lesson (a real window, needs a display) and saves
// a PNG. Returns the process exit code.
int SaveShot(const ShotRequest& request);

// Both, for RunCommandLine.
inline WindowHooks GuiWindow() { return WindowHooks{&OpenWindow, &SaveShot}; }

} // namespace threadlab
