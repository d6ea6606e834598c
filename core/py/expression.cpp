#include "expression.hpp"

#include "compiler.hpp"
#include "parser.hpp"
#include "source_error.hpp"

#include <algorithm>

namespace threadlab::py {

void ValidateExpression(const std::string& expression)
{
    if (expression.find_first_of("\r\n") != std::string::npos)
        throw SourceError(1, 1, "write it as one expression on one line");
    // A syntax error at its own column; a statement ("x = 1", "a; b") is not an expression.
    const std::unique_ptr<ModuleAst> alone = Parse(expression + "\n");
    if (alone->body.size() != 1 || alone->body.front()->kind != NodeKind::ExprStmt)
        throw SourceError(1, 1, "write one expression, such as counter == 2 * N");
    Parse("__value__ = (" + expression + ")\n");
}

int PreambleLines(const std::string& preamble) { return int(std::count(preamble.begin(), preamble.end(), '\n')); }

std::unique_ptr<Program> CompileAssignments(const std::vector<std::pair<std::string, std::string>>& assignments,
                                            const std::string& preamble)
{
    std::string source = preamble;
    for (const auto& [name, expression] : assignments)
        source += name + " = (" + expression + ")\n";
    return CompileProgram("<page>", source);
}

} // namespace threadlab::py
