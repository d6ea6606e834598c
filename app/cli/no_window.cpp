// What a build without the window (THREADLAB_BUILD_GUI=OFF, the
// ThreadSanitizer build) answers: the commands that need a window say so.
#include "window_hooks.hpp"

#include <iostream>

namespace threadlab {

namespace {

int OpenNoWindow(const std::optional<std::string>&)
{
    std::cerr << "threadlab: this build has no window (THREADLAB_BUILD_GUI=OFF); try: threadlab list, then threadlab run LESSON\n";
    return 1;
}

int SaveNoShot(const ShotRequest&)
{
    std::cerr << "threadlab: this build has no window (THREADLAB_BUILD_GUI=OFF), so it cannot draw a PNG\n";
    return 1;
}

} // namespace

WindowHooks NoWindow() { return WindowHooks{&OpenNoWindow, &SaveNoShot}; }

} // namespace threadlab
