#pragma once
// Editing a program or a page the way a test's story needs, and failing the
// test at once when the text to edit is not there (an edit that silently
// did nothing would test the unedited file).
#include <catch2/catch.hpp>

#include <string>

namespace threadlab::test {

inline std::string ReplaceOnce(std::string text, const std::string& from, const std::string& to)
{
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace threadlab::test
