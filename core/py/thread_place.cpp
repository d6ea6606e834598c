#include "thread_place.hpp"

#include "dis.hpp"
#include "format.hpp"
#include "interp.hpp"
#include "objects.hpp"
#include "ops.hpp"

#include <fmt/format.h>

#include <cctype>

namespace threadlab::py {

namespace {

constexpr size_t kShortStr = 24;

bool ProgramCode(const Frame* f)
{
    return f->code != nullptr && f->code->module != nullptr && !f->code->module->library;
}

int NextLine(const Frame& f)
{
    const std::vector<int32_t>& lines = f.code->lines;
    if (lines.empty())
        return 0;
    const size_t at = std::min(size_t(std::max(f.pc, 0)), lines.size() - 1);
    return lines[at] > 0 ? lines[at] : f.last_line;
}

} // namespace

std::string ShortRepr(Value v)
{
    if (v.IsSmallInt())
        return std::to_string(v.AsSmallInt());
    if (v.IsFloat())
        return FloatRepr(v.AsFloat());
    if (v.IsTrue())
        return "True";
    if (v.IsFalse())
        return "False";
    if (v.IsNone())
        return "None";
    if (v.IsNull())
        return "unbound";
    if (!v.IsObject())
        return "…";
    const Type* type = v.AsObject()->type;
    if (type == Types().int_)
        return std::to_string(IntValue(v));
    if (type == Types().str) {
        const std::string_view s = StrView(v);
        return s.size() <= kShortStr ? StrRepr(s) : StrRepr(s.substr(0, kShortStr)) + "…";
    }
    return "<" + type->name + ">";
}

ThreadPlace PlaceOf(const ThreadState& ts, std::string thread, bool at_switch_point)
{
    ThreadPlace place;
    place.thread = std::move(thread);
    const Frame* innermost = ts.frame;
    const Frame* own = innermost;
    while (own != nullptr && !ProgramCode(own))
        own = own->back;
    if (own == nullptr)
        return place; // still starting (threading's bootstrap), or already in its ending
    const Code& code = *own->code;
    place.line = NextLine(*own);
    place.function = code.qualname;
    if (own != innermost)
        place.inside = innermost->code->qualname;
    for (size_t pc = 0; pc < code.code.size() && pc < code.lines.size(); ++pc)
        if (code.lines[pc] == place.line) {
            if (own == innermost && int(pc) == own->pc)
                place.next = int(place.instructions.size());
            place.instructions.push_back(DescribeInstr(code, int(pc)));
        }
    if (at_switch_point && own == innermost) {
        const Value* stack = own->slots.data() + own->nlocalsplus;
        for (int i = 0; i < own->sp; ++i)
            if (!stack[i].IsNull()) // CALL's NULL marker is no value
                place.stack.push_back(ShortRepr(stack[i]));
    }
    return place;
}

std::string CallSite(const ThreadState& ts)
{
    for (const Frame* f = ts.frame; f != nullptr; f = f->back) {
        const ModuleInfo* m = f->code->module;
        if (m == nullptr || m->library)
            continue;
        const int line = f->Line();
        if (line < 1 || size_t(line) > m->lines.size())
            return {};
        const std::string& text = m->lines[size_t(line) - 1];
        // The code alone: no indent, no comment (a '#' outside quotes), no trailing spaces.
        size_t end = text.size();
        char quote = 0;
        for (size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (quote != 0) {
                if (c == '\\')
                    ++i;
                else if (c == quote)
                    quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#') {
                end = i;
                break;
            }
        }
        const size_t begin = text.find_first_not_of(" \t");
        if (begin == std::string::npos || begin >= end)
            return {};
        std::string code = text.substr(begin, text.find_last_not_of(" \t", end - 1) + 1 - begin);
        return code.size() > 48 ? code.substr(0, 45) + "..." : code;
    }
    return {};
}

std::string NameBeingMade(const ThreadState& ts, const std::string& what)
{
    const Frame* own = ts.frame;
    while (own != nullptr && !ProgramCode(own))
        own = own->back;
    if (own == nullptr)
        return "";
    const int line = own->Line();
    const std::vector<std::string>& lines = own->code->module->lines;
    if (line <= 0 || size_t(line) > lines.size())
        return "";
    const std::string& text = lines[size_t(line) - 1];
    size_t at = text.find_first_not_of(' ');
    const size_t start = at;
    while (at < text.size() && (std::isalnum(static_cast<unsigned char>(text[at])) || text[at] == '_' || text[at] == '.'))
        ++at;
    const size_t end = at;
    while (at < text.size() && text[at] == ' ')
        ++at;
    // `name = module.Lock(…)`: the right-hand side is the call itself (not `[Lock()]`, which names a list).
    const auto is_call = [&](size_t from) {
        from = text.find_first_not_of(' ', from);
        size_t k = from;
        while (k < text.size() && (std::isalnum(static_cast<unsigned char>(text[k])) || text[k] == '_' || text[k] == '.'))
            ++k;
        return from != std::string::npos && k > from && k < text.size() && text[k] == '(';
    };
    if (start != std::string::npos && end > start && at < text.size() && text[at] == '=' &&
        (at + 1 >= text.size() || text[at + 1] != '=') && is_call(at + 1))
        return text.substr(start, end - start);
    return fmt::format("the {} made at line {}", what, line);
}

std::vector<std::pair<std::string, std::string>> GlobalsOf(const Module& module, const std::vector<std::string>& names)
{
    std::vector<std::pair<std::string, std::string>> values;
    for (const std::string& name : names)
        values.emplace_back(name, ShortRepr(module.Get(name)));
    return values;
}

} // namespace threadlab::py
