// libFuzzer target: lesson parameters as typed in the window or on the
// command line (ParseParam over every lesson's parameters, ApplyAssignments).
#include "targets.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto broken = threadlab::fuzz::CheckParams(text)) {
        std::fprintf(stderr, "property broken: %s\n", broken->c_str());
        std::abort();
    }
    return 0;
}
