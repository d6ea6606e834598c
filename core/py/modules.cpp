#include "modules.hpp"

#include "compiler.hpp"

#include <array>

namespace threadlab::py {

namespace {
constexpr std::array<std::string_view, 7> kNative = {"time", "_thread", "_process", "math", "random", "sys", "builtins"};
constexpr std::array<std::string_view, 10> kOffered = {"threading", "time", "queue", "concurrent.futures", "random",
                                                       "math", "sys", "typing", "functools", "contextlib"};
} // namespace

bool IsNativeModule(std::string_view name)
{
    for (std::string_view n : kNative)
        if (n == name)
            return true;
    return false;
}

std::string AvailableModulesText()
{
    std::string text;
    for (std::string_view n : kOffered) {
        if (!text.empty())
            text += ", ";
        text += n;
    }
    return text;
}

} // namespace threadlab::py

#include "builtins_impl.hpp"

namespace threadlab::py {

Module* MakeBuiltinsModule(ThreadState& ts);
Module* MakeTimeModule(ThreadState& ts);
Module* MakeThreadModule(ThreadState& ts);
Module* MakeSysModule(ThreadState& ts);
Module* MakeMathModule(ThreadState& ts);
Module* MakeRandomModule(ThreadState& ts);
Module* MakeProcessModule(ThreadState& ts);

Module* MakeNativeModule(ThreadState& ts, std::string_view name)
{
    if (name == "builtins")
        return MakeBuiltinsModule(ts);
    if (name == "time")
        return MakeTimeModule(ts);
    if (name == "_thread")
        return MakeThreadModule(ts);
    if (name == "sys")
        return MakeSysModule(ts);
    if (name == "math")
        return MakeMathModule(ts);
    if (name == "random")
        return MakeRandomModule(ts);
    if (name == "_process")
        return MakeProcessModule(ts);
    RaiseModuleNotFound(&ts, name);
}

} // namespace threadlab::py
