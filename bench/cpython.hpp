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

// Everything `source` prints on `python`, or "" when it did not run.
inline std::string OutputOnCPython(const std::string& python, const std::string& source, const std::string& name)
{
    const std::string path = "/tmp/threadlab-bench-" + name + ".py";
    if (FILE* f = std::fopen(path.c_str(), "w")) {
        std::fputs(source.c_str(), f);
        std::fclose(f);
    }
    FILE* pipe = ::popen((python + " " + path + " 2>/dev/null").c_str(), "r");
    if (pipe == nullptr)
        return {};
    std::string out;
    char buffer[4096];
    while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
        out.append(buffer, n);
    ::pclose(pipe);
    return out;
}

// The first line `source` prints on `python`, or "" when it did not run.
inline std::string FirstLineOnCPython(const std::string& python, const std::string& source, const std::string& name)
{
    const std::string out = OutputOnCPython(python, source, name);
    return out.substr(0, out.find('\n'));
}

} // namespace threadlab::bench
