#pragma once
// Which modules a program may import: native ones (written in C++ here, as
// CPython writes them in C) and threadlab's own Python ones (assets/python).
#include <string>
#include <string_view>

namespace threadlab::py {

bool IsNativeModule(std::string_view name);
// "threading, time, queue, …" for the message that refuses an import.
std::string AvailableModulesText();

} // namespace threadlab::py
