// str.format and str.format_map: the replacement-field mini-language over
// the format specs of format.cpp.
#include "builtins_impl.hpp"
#include "format.hpp"

#include <fmt/format.h>

namespace threadlab::py {

namespace {

// What the fields of a format string name: the call's arguments
// (str.format) or one mapping (str.format_map).
struct FieldSource {
    const Args& args; // args.pos[0] is the format string
    Value mapping = Value::Null();
};

// Resolves "name", "0", "name.attr", "items[2]".
Value FormatField(ThreadState& ts, std::string_view field, const FieldSource& source, int& auto_index)
{
    const Args& args = source.args;
    size_t end = 0;
    while (end < field.size() && field[end] != '.' && field[end] != '[')
        ++end;
    const std::string_view head = field.substr(0, end);
    Value v;
    const int npos = args.npos - 1; // args.pos[0] is the format string
    if (head.empty() || std::isdigit(static_cast<unsigned char>(head[0]))) {
        int index;
        if (head.empty()) {
            if (auto_index < 0)
                ValueError(&ts, "cannot switch from manual field specification to automatic field numbering");
            index = auto_index++;
        } else {
            if (auto_index > 0)
                ValueError(&ts, "cannot switch from automatic field numbering to manual field specification");
            auto_index = -1;
            index = std::stoi(std::string(head));
        }
        if (!source.mapping.IsNull())
            ValueError(&ts, "Format string contains positional fields");
        if (index >= npos)
            Raise(&ts, Types().IndexError, fmt::format("Replacement index {} out of range for positional args tuple", index));
        v = args.pos[index + 1];
    } else if (!source.mapping.IsNull()) {
        v = GetItem(ts, source.mapping, StrValue(head));
    } else {
        v = Value::Null();
        for (int k = 0; k < args.NumKw(); ++k)
            if (StrView(args.kwnames->items[size_t(k)]) == head)
                v = args.kwvalues[k];
        if (v.IsNull())
            Raise(&ts, Types().KeyError, std::string(head));
    }
    while (end < field.size()) {
        if (field[end] == '.') {
            size_t next = end + 1;
            while (next < field.size() && field[next] != '.' && field[next] != '[')
                ++next;
            v = GetAttr(ts, v, Intern(field.substr(end + 1, next - end - 1)));
            end = next;
        } else {
            const size_t close = field.find(']', end);
            if (close == std::string_view::npos)
                ValueError(&ts, "Missing ']' in format string");
            const std::string key(field.substr(end + 1, close - end - 1));
            const bool numeric = !key.empty() && key.find_first_not_of("0123456789") == std::string::npos;
            v = GetItem(ts, v, numeric ? MakeInt(std::stoll(key)) : StrValue(key));
            end = close + 1;
        }
    }
    return v;
}

std::string FormatString(ThreadState& ts, std::string_view format, const FieldSource& source, int& auto_index, int depth)
{
    if (depth > 2)
        ValueError(&ts, "Max string recursion exceeded");
    std::string out;
    for (size_t i = 0; i < format.size(); ++i) {
        const char c = format[i];
        if (c == '{') {
            if (i + 1 < format.size() && format[i + 1] == '{') {
                out += '{';
                ++i;
                continue;
            }
            // The field ends at the matching '}' (a spec may nest fields).
            int nesting = 1;
            size_t j = i + 1;
            for (; j < format.size(); ++j) {
                if (format[j] == '{')
                    ++nesting;
                else if (format[j] == '}' && --nesting == 0)
                    break;
            }
            if (j >= format.size())
                ValueError(&ts, "expected '}' before end of string");
            std::string_view field = format.substr(i + 1, j - i - 1);
            std::string_view spec;
            char conversion = 0;
            size_t colon = std::string_view::npos, bang = std::string_view::npos;
            int bracket = 0;
            for (size_t k = 0; k < field.size(); ++k) {
                if (field[k] == '[')
                    ++bracket;
                else if (field[k] == ']')
                    --bracket;
                else if (bracket == 0 && field[k] == '!' && bang == std::string_view::npos && colon == std::string_view::npos)
                    bang = k;
                else if (bracket == 0 && field[k] == ':') {
                    colon = k;
                    break;
                }
            }
            if (colon != std::string_view::npos) {
                spec = field.substr(colon + 1);
                field = field.substr(0, colon);
            }
            if (bang != std::string_view::npos) {
                if (bang + 2 != field.size())
                    ValueError(&ts, "expected ':' after conversion specifier");
                conversion = field[bang + 1];
                field = field.substr(0, bang);
            }
            Value v = FormatField(ts, field, source, auto_index);
            if (conversion == 'r' || conversion == 'a')
                v = ReprValue(ts, v);
            else if (conversion == 's')
                v = StrOf(ts, v);
            else if (conversion != 0)
                ValueError(&ts, fmt::format("Unknown conversion specifier {}", conversion));
            const std::string expanded_spec = FormatString(ts, spec, source, auto_index, depth + 1);
            out += Format(ts, v, expanded_spec);
            i = j;
        } else if (c == '}') {
            if (i + 1 < format.size() && format[i + 1] == '}') {
                out += '}';
                ++i;
                continue;
            }
            ValueError(&ts, "Single '}' encountered in format string");
        } else {
            out += c;
        }
    }
    return out;
}

Value StrFormatMethod(ThreadState& ts, const Args& args)
{
    const Str* s = Self<Str>(ts, args, Types().str, "format");
    int auto_index = 0;
    return StrValue(FormatString(ts, s->View(), FieldSource{args}, auto_index, 0));
}

Value StrFormatMap(ThreadState& ts, const Args& args)
{
    const Str* s = Self<Str>(ts, args, Types().str, "format_map");
    ExpectPositional(ts, args, "format_map", 2, 2);
    int auto_index = 0;
    return StrValue(FormatString(ts, s->View(), FieldSource{args, args.pos[1]}, auto_index, 0));
}

} // namespace

void AddStrFormatMethods(Type* str)
{
    AddMethod(str, "format", StrFormatMethod);
    AddMethod(str, "format_map", StrFormatMap);
}

} // namespace threadlab::py
