#pragma once
// Files a test writes and reads back, in a folder of its own that goes away
// with the test.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

namespace threadlab::test {

// One folder per test process and purpose, so tests that run side by side
// (ctest -j) never share one.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& purpose)
        : path(std::filesystem::temp_directory_path() / ("threadlab-" + purpose + "-" + std::to_string(::getpid())))
    {
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

inline std::string ReadFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void WriteFile(const std::filesystem::path& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

} // namespace threadlab::test
