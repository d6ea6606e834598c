#include "cli.hpp"

int main(int argc, char** argv) { return threadlab::RunCommandLine(argc, argv); }
