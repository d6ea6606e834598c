#pragma once
// Running a command for a test and collecting what it printed.
#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace threadlab::test {

struct Output {
    int status = -1; // exit code
    std::string out;
};

// Runs `command` through /bin/sh and returns its exit code and stdout.
inline Output Capture(const std::string& command)
{
    Output result;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr)
        return result;
    std::array<char, 4096> buffer{};
    size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.out.append(buffer.data(), n);
    const int raw = ::pclose(pipe);
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return result;
}

inline std::string Quote(const std::string& text)
{
    std::string quoted = "'";
    for (char c : text)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

} // namespace threadlab::test
