// Built instead of the window when THREADLAB_BUILD_GUI is OFF (the
// ThreadSanitizer build): the commands that need a window say so.
#include "window.hpp"

#include <iostream>

namespace threadlab {

int OpenWindow(const std::optional<std::string>&)
{
    std::cerr << "threadlab: this build has no window (THREADLAB_BUILD_GUI=OFF); try: threadlab run first-threads\n";
    return 1;
}

int SaveShot(const ShotRequest&)
{
    std::cerr << "threadlab: this build has no window (THREADLAB_BUILD_GUI=OFF), so it cannot draw a PNG\n";
    return 1;
}

} // namespace threadlab
