#pragma once
// Python expressions that stand outside a program: the explorer's check, a
// lesson page's metrics, summary and answers. Each is one expression on one
// line, evaluated after the program in a module that sees its final globals.
#include "code.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace threadlab::py {

// Throws SourceError (column within `expression`) unless it is one
// expression on one line.
void ValidateExpression(const std::string& expression);

// `preamble` (helper definitions), then one assignment per (name,
// expression) in order, as a program whose main module is run by
// Interpreter::RunOverMain. Each expression must have passed
// ValidateExpression. Assignment k (0-based) stands on line
// PreambleLines(preamble) + k + 1.
std::unique_ptr<Program> CompileAssignments(const std::vector<std::pair<std::string, std::string>>& assignments,
                                            const std::string& preamble = {});
int PreambleLines(const std::string& preamble);

} // namespace threadlab::py
