#include "cli.hpp"
#ifdef THREADLAB_WITH_GUI
#include "window.hpp"
#endif

int main(int argc, char** argv)
{
#ifdef THREADLAB_WITH_GUI
    return threadlab::RunCommandLine(argc, argv, threadlab::GuiWindow());
#else
    return threadlab::RunCommandLine(argc, argv, threadlab::NoWindow());
#endif
}
