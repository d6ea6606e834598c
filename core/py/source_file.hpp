#pragma once
// Reading a program file: the checks PYTHON.md ("Errors and limits") makes
// before anything runs — it must exist, be readable, be at most 1 MiB, and be
// text (no NUL byte, valid UTF-8).
#include <optional>
#include <string>

namespace threadlab::py {

inline constexpr size_t kMaxSourceBytes = 1 << 20;

// The file's text, or the one-line reason it cannot be run.
std::optional<std::string> ReadSourceFile(const std::string& path, std::string& text);

// Checks text already in memory (an edited program) the same way.
std::optional<std::string> CheckSourceText(const std::string& text);

} // namespace threadlab::py
