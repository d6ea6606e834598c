// libFuzzer target: a trace file opened again (ReadChromeTrace), as the
// window does with a file the user picks.
#include "targets.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto broken = threadlab::fuzz::CheckTrace(text)) {
        std::fprintf(stderr, "property broken: %s\n", broken->c_str());
        std::abort();
    }
    return 0;
}
