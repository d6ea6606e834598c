// libFuzzer target: the settings and progress files (their loaders read a
// path, so each input is written into a private temporary folder).
#include "targets.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace {
std::string g_dir;
}

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    std::string pattern = (std::filesystem::temp_directory_path() / "threadlab-fuzz-settings-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        std::perror("mkdtemp");
        std::abort();
    }
    g_dir = pattern;
    std::atexit([] {
        std::error_code ec;
        std::filesystem::remove_all(g_dir, ec);
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto broken = threadlab::fuzz::CheckSettings(bytes, g_dir);
    if (!broken)
        broken = threadlab::fuzz::CheckProgress(bytes, g_dir);
    if (broken) {
        std::fprintf(stderr, "property broken: %s\n", broken->c_str());
        std::abort();
    }
    return 0;
}
