#pragma once
// Running a Python program on a real CPython beside threadlab, for the
// benchmarks that compare the two on the same machine, one after the other.
#include <cstdio>
#include <cstdlib>
#include <string>

namespace threadlab::bench {

// pyenv's CPython `version` ("3.12.1") where this machine has it, else python3.
inline std::string CPython(const std::string& version)
{
    const char* home = std::getenv("HOME");
    const std::string pyenv = std::string(home ? home : "") + "/.pyenv/versions/" + version + "/bin/python3";
    if (FILE* f = std::fopen(pyenv.c_str(), "r")) {
        std::fclose(f);
        return pyenv;
    }
    return "python3";
}

// The first line `source` prints on `python`, or "" when it did not run.
inline std::string FirstLineOnCPython(const std::string& python, const std::string& source, const std::string& name)
{
    const std::string path = "/tmp/threadlab-bench-" + name + ".py";
    if (FILE* f = std::fopen(path.c_str(), "w")) {
        std::fputs(source.c_str(), f);
        std::fclose(f);
    }
    FILE* pipe = ::popen((python + " " + path + " 2>/dev/null").c_str(), "r");
    if (pipe == nullptr)
        return {};
    char line[256] = {};
    const bool got = std::fgets(line, sizeof line, pipe) != nullptr;
    ::pclose(pipe);
    return got ? std::string(line) : std::string();
}

} // namespace threadlab::bench
