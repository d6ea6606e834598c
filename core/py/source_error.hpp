#pragma once
// A program refused before it runs: a SyntaxError, or a construct or module
// outside the subset threadlab runs. Shown as FILE:LINE:COL: MESSAGE.
#include <stdexcept>
#include <string>

namespace threadlab::py {

struct SourceError : std::runtime_error {
    SourceError(int line_, int col_, std::string message_)
        : std::runtime_error(message_), line(line_), col(col_), message(std::move(message_))
    {
    }
    int line; // 1-based
    int col;  // 1-based, in code points
    std::string message; // "SyntaxError: invalid syntax", "threadlab does not run async functions"
};

// "FILE:LINE:COL: MESSAGE", the one line the command line prints.
inline std::string FormatSourceError(const std::string& file, const SourceError& e)
{
    return file + ":" + std::to_string(e.line) + ":" + std::to_string(e.col) + ": " + e.message;
}

inline SourceError Syntax(int line, int col, const std::string& what)
{
    return SourceError(line, col, "SyntaxError: " + what);
}

inline SourceError Unsupported(int line, int col, const std::string& what)
{
    return SourceError(line, col, "threadlab does not run " + what);
}

} // namespace threadlab::py
