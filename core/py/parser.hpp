#pragma once
// The parser: tokens to a syntax tree, by recursive descent over Python's
// grammar (the PEG grammar's rules, in its order of precedence). Errors are
// SourceErrors with CPython's wording where threadlab knows it; constructs
// outside the subset (async, match, except*, bytes, …) are refused with
// their line and column.
#include "ast.hpp"
#include "source_error.hpp"

#include <memory>
#include <string_view>

namespace threadlab::py {

// Throws SourceError.
std::unique_ptr<ModuleAst> Parse(std::string_view source);

} // namespace threadlab::py
