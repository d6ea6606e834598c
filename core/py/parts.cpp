#include "parts.hpp"

#include "source_error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace threadlab::py {

namespace {

// "part: sequential" after the '#', or empty when the comment is something else.
std::string_view MarkerName(std::string_view comment, bool& is_marker)
{
    is_marker = false;
    const size_t start = comment.find_first_not_of(" \t");
    if (start == std::string_view::npos || comment.substr(start, 5) != "part:")
        return {};
    is_marker = true;
    std::string_view name = comment.substr(start + 5);
    const size_t a = name.find_first_not_of(" \t");
    if (a == std::string_view::npos)
        return {};
    const size_t b = name.find_last_not_of(" \t\r");
    return name.substr(a, b - a + 1);
}

bool ValidName(std::string_view name)
{
    return !name.empty() && name.size() <= 40 && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ' ';
    });
}

} // namespace

void MarkParts(Program& program)
{
    ModuleInfo* main = program.modules.at(program.main).get();
    Code& code = *main->code;
    for (size_t i = 0; i < main->lines.size(); ++i) {
        const std::string& line = main->lines[i];
        const size_t hash = line.find_first_not_of(" \t");
        if (hash == std::string::npos || line[hash] != '#')
            continue;
        bool is_marker = false;
        const std::string_view name = MarkerName(std::string_view(line).substr(hash + 1), is_marker);
        if (!is_marker)
            continue;
        const int lineno = int(i) + 1;
        if (hash != 0)
            throw SourceError(lineno, int(hash) + 1, "a `# part:` comment must stand at the top level, unindented");
        if (!ValidName(name))
            throw SourceError(lineno, 1, "a `# part:` comment names its part: letters, digits, '_', '-' or spaces");
        if (std::find(program.parts.begin(), program.parts.end(), name) != program.parts.end())
            throw SourceError(lineno, 1, fmt::format("there is already a part named \"{}\"", name));
        // The first top-level instruction of a line below the marker.
        size_t at = 0;
        while (at < code.code.size() && !((code.code[at].flags & kLineStart) && code.lines[at] > lineno))
            ++at;
        if (at == code.code.size() || (code.code[at].flags & kPartStart))
            throw SourceError(lineno, 1, fmt::format("part \"{}\" has no statement of its own", name));
        program.parts.emplace_back(name);
        code.code[at].flags |= kPartStart;
        code.code[at].part = uint16_t(program.parts.size());
    }
}

} // namespace threadlab::py
