#include "thread_place.hpp"

#include "dis.hpp"
#include "format.hpp"
#include "interp.hpp"
#include "objects.hpp"
#include "ops.hpp"

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

std::vector<std::pair<std::string, std::string>> GlobalsOf(const Module& module, const std::vector<std::string>& names)
{
    std::vector<std::pair<std::string, std::string>> values;
    for (const std::string& name : names)
        values.emplace_back(name, ShortRepr(module.Get(name)));
    return values;
}

} // namespace threadlab::py
