#pragma once
// Writing a file so that a crash or a full disk never leaves a half-written
// one in place of what the user had: write "NAME.tmp-PID", flush, fsync,
// then rename over NAME.
#include <optional>
#include <string>
#include <string_view>

namespace threadlab {

// Returns an error message, or nullopt on success.
std::optional<std::string> WriteFileAtomically(const std::string& path, std::string_view contents);

} // namespace threadlab
