// repr(), str(), format() and printf-style % formatting.
#include "builtins_impl.hpp"
#include "containers.hpp"
#include "format.hpp"
#include "vm.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace threadlab::py {

namespace {

// Containers being printed on this thread: a list that holds itself prints as [...].
thread_local std::vector<const Object*> t_repr_stack;

class ReprGuard {
public:
    explicit ReprGuard(const Object* o)
        : m_recursive(std::find(t_repr_stack.begin(), t_repr_stack.end(), o) != t_repr_stack.end())
    {
        if (!m_recursive)
            t_repr_stack.push_back(o);
    }
    ~ReprGuard()
    {
        if (!m_recursive)
            t_repr_stack.pop_back();
    }
    bool Recursive() const { return m_recursive; }

private:
    const bool m_recursive;
};

std::string Address(const void* p) { return fmt::format("0x{:x}", reinterpret_cast<uintptr_t>(p)); }

std::string JoinRepr(ThreadState& ts, const std::vector<Value>& items)
{
    std::string s;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i)
            s += ", ";
        s += Repr(ts, items[i]);
    }
    return s;
}

// The repr of a builtin value, or empty for a user's object.
std::string BuiltinRepr(ThreadState& ts, Value v)
{
    const TypeTable& t = Types();
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
    if (v.IsNotImplemented())
        return "NotImplemented";
    if (v.IsEllipsis())
        return "Ellipsis";
    const Object* o = v.AsObject();
    const Type* type = o->type;
    if (type == t.int_)
        return std::to_string(IntValue(v));
    if (type == t.str)
        return StrRepr(StrView(v));
    if (type == t.list) {
        ReprGuard guard(o);
        if (guard.Recursive())
            return "[...]";
        return "[" + JoinRepr(ts, ListCopy(static_cast<const List*>(o))) + "]";
    }
    if (type == t.tuple) {
        const Tuple* tu = static_cast<const Tuple*>(o);
        ReprGuard guard(o);
        if (guard.Recursive())
            return "(...)";
        std::vector<Value> items(tu->items.begin(), tu->items.end());
        return "(" + JoinRepr(ts, items) + (items.size() == 1 ? ",)" : ")");
    }
    if (type == t.dict) {
        ReprGuard guard(o);
        if (guard.Recursive())
            return "{...}";
        std::string s = "{";
        bool first = true;
        for (const DictEntry& e : DictItems(static_cast<const Dict*>(o))) {
            if (!first)
                s += ", ";
            first = false;
            s += Repr(ts, e.key) + ": " + Repr(ts, e.value);
        }
        return s + "}";
    }
    if (type == t.set || type == t.frozenset) {
        const std::vector<Value> items = SetItems(static_cast<const Set*>(o));
        if (items.empty())
            return type == t.set ? "set()" : "frozenset()";
        ReprGuard guard(o);
        if (guard.Recursive())
            return type->name + "(...)";
        const std::string body = "{" + JoinRepr(ts, items) + "}";
        return type == t.set ? body : "frozenset(" + body + ")";
    }
    if (type == t.range) {
        const Range* r = static_cast<const Range*>(o);
        return r->step == 1 ? fmt::format("range({}, {})", r->start, r->stop)
                            : fmt::format("range({}, {}, {})", r->start, r->stop, r->step);
    }
    if (type == t.slice) {
        const Slice* sl = static_cast<const Slice*>(o);
        return "slice(" + Repr(ts, sl->start) + ", " + Repr(ts, sl->stop) + ", " + Repr(ts, sl->step) + ")";
    }
    if (type == t.dict_keys || type == t.dict_values || type == t.dict_items)
        return type->name + "([" + JoinRepr(ts, Collect(ts, v)) + "])";
    if (type == t.function)
        return fmt::format("<function {} at {}>", static_cast<const Function*>(o)->qualname->View(), Address(o));
    if (type == t.builtin_function) {
        const BuiltinFunction* b = static_cast<const BuiltinFunction*>(o);
        if (b->self.IsNull())
            return b->owner ? fmt::format("<method '{}' of '{}' objects>", b->name, b->owner->name)
                            : fmt::format("<built-in function {}>", b->name);
        return fmt::format("<built-in method {} of {} object at {}>", b->name, TypeName(b->self),
                           Address(b->self.IsObject() ? b->self.AsObject() : nullptr));
    }
    if (type == t.method) {
        const BoundMethod* m = static_cast<const BoundMethod*>(o);
        const std::string name = IsType(m->func, t.function) ? std::string(As<Function>(m->func)->qualname->View()) : "?";
        return fmt::format("<bound method {} of {}>", name, Repr(ts, m->self));
    }
    if (type->IsSubtypeOf(t.type))
        return "<class '" + QualTypeName(static_cast<const Type*>(o)) + "'>";
    if (type == t.module) {
        const Module* m = static_cast<const Module*>(o);
        return fmt::format("<module '{}'{}>", m->name, m->layout->names.empty() ? " (built-in)" : "");
    }
    if (type == t.generator)
        return fmt::format("<generator object {} at {}>", static_cast<const Generator*>(o)->qualname->View(), Address(o));
    if (type == t.cell)
        return fmt::format("<cell at {}>", Address(o));
    if (type == t.code)
        return fmt::format("<code object {} at {}>", static_cast<const Code*>(o)->name, Address(o));
    if (type == t.property || type == t.staticmethod || type == t.classmethod || type == t.super ||
        type->layout == Layout::Native)
        return fmt::format("<{} object at {}>", type->name, Address(o));
    return {};
}

} // namespace

std::string_view StrView(Value v) { return static_cast<const Str*>(v.AsObject())->View(); }

std::string Repr(ThreadState& ts, Value v)
{
    const TypeTable& t = Types();
    const Type* type = TypeOf(v);
    // A user's __repr__, or a builtin type's own native one (exceptions, locks).
    const Value hook = type == t.str || type == t.int_ || type == t.list ? Value::Null() : LookupInType(type, "__repr__");
    if (!hook.IsNull() && !(IsType(hook, t.builtin_function) && As<BuiltinFunction>(hook)->owner == t.object)) {
        const Value r = Call(ts, hook, {v});
        if (!IsInstance(r, t.str))
            TypeError(&ts, fmt::format("__repr__ returned non-string (type {})", TypeName(r)));
        return std::string(StrView(r));
    }
    const std::string s = BuiltinRepr(ts, v);
    if (!s.empty())
        return s;
    return fmt::format("<{} object at {}>", QualTypeName(type), Address(v.AsObject()));
}

std::string ToStr(ThreadState& ts, Value v)
{
    const TypeTable& t = Types();
    if (IsType(v, t.str))
        return std::string(StrView(v));
    const Type* type = TypeOf(v);
    const Value hook = LookupInType(type, "__str__");
    if (!hook.IsNull() && (!IsType(hook, t.builtin_function) || As<BuiltinFunction>(hook)->owner != t.object)) {
        const Value r = Call(ts, hook, {v});
        if (!IsInstance(r, t.str))
            TypeError(&ts, fmt::format("__str__ returned non-string (type {})", TypeName(r)));
        return std::string(StrView(r));
    }
    return Repr(ts, v);
}

Value ReprValue(ThreadState& ts, Value v) { return StrValue(Repr(ts, v)); }

Value StrOf(ThreadState& ts, Value v)
{
    if (IsType(v, Types().str))
        return v;
    return StrValue(ToStr(ts, v));
}

std::string Format(ThreadState& ts, Value v, std::string_view spec)
{
    const TypeTable& t = Types();
    const Type* type = TypeOf(v);
    if (!type->builtin) {
        const Value hook = LookupInType(type, "__format__");
        if (!hook.IsNull() && !IsType(hook, t.builtin_function)) {
            const Value r = Call(ts, hook, {v, StrValue(spec)});
            if (!IsInstance(r, t.str))
                TypeError(&ts, fmt::format("__format__ must return a str, not {}", TypeName(r)));
            return std::string(StrView(r));
        }
        if (spec.empty())
            return ToStr(ts, v);
        TypeError(&ts, fmt::format("unsupported format string passed to {}.__format__", type->name));
    }
    if (spec.empty() && !IsType(v, t.float_))
        return ToStr(ts, v);
    FormatSpec parsed;
    if (auto error = ParseFormatSpec(spec, parsed)) {
        std::string message = *error;
        const size_t pos = message.find("%s");
        if (pos != std::string::npos)
            message.replace(pos, 2, type->name);
        ValueError(&ts, message);
    }
    std::string error, out;
    if (IsInt(v)) // bool too: with a spec, True formats as 1
        out = FormatInt(IntValue(v), parsed, error);
    else if (v.IsFloat())
        out = FormatFloat(v.AsFloat(), parsed, error);
    else if (IsType(v, t.str))
        out = FormatText(StrView(v), parsed, error);
    else if (spec.empty())
        return ToStr(ts, v);
    else
        TypeError(&ts, fmt::format("unsupported format string passed to {}.__format__", type->name));
    if (!error.empty())
        ValueError(&ts, error);
    return out;
}

std::string PercentFormat(ThreadState& ts, std::string_view format, Value args)
{
    const TypeTable& t = Types();
    std::vector<Value> values;
    Dict* mapping = nullptr;
    if (IsType(args, t.tuple))
        values.assign(As<Tuple>(args)->items.begin(), As<Tuple>(args)->items.end());
    else if (IsInstance(args, t.dict))
        mapping = As<Dict>(args);
    else
        values.push_back(args);
    size_t next = 0;
    std::string out;
    for (size_t i = 0; i < format.size(); ++i) {
        const char c = format[i];
        if (c != '%') {
            out += c;
            continue;
        }
        if (++i >= format.size())
            ValueError(&ts, "incomplete format");
        Value value = Value::Null();
        if (format[i] == '(') {
            const size_t close = format.find(')', i);
            if (close == std::string_view::npos || mapping == nullptr)
                ValueError(&ts, "incomplete format key");
            const std::string key(format.substr(i + 1, close - i - 1));
            value = DictGet(&ts, mapping, StrValue(key));
            if (value.IsNull())
                Raise(&ts, t.KeyError, key);
            i = close + 1;
        }
        FormatSpec spec;
        spec.sign = '-';
        spec.align = '>'; // % right-aligns, strings too, unless the '-' flag says otherwise
        while (i < format.size() && std::string_view("-+ #0").find(format[i]) != std::string_view::npos) {
            switch (format[i]) {
            case '-': spec.align = '<'; break;
            case '+': spec.sign = '+'; break;
            case ' ': spec.sign = ' '; break;
            case '#': spec.alternate = true; break;
            case '0': spec.zero = true; break;
            }
            ++i;
        }
        auto number = [&]() {
            int n = 0;
            if (i < format.size() && format[i] == '*') {
                ++i;
                if (next >= values.size())
                    TypeError(&ts, "not enough arguments for format string");
                return int(IntArg(ts, values[next++], "* wants int"));
            }
            while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i])))
                n = n * 10 + (format[i++] - '0');
            return n;
        };
        if (i < format.size() && (std::isdigit(static_cast<unsigned char>(format[i])) || format[i] == '*'))
            spec.width = number();
        if (i < format.size() && format[i] == '.') {
            ++i;
            spec.precision = number();
        }
        if (i >= format.size())
            ValueError(&ts, "incomplete format");
        const char type = format[i];
        if (type == '%') {
            out += '%';
            continue;
        }
        if (value.IsNull()) {
            if (next >= values.size())
                TypeError(&ts, "not enough arguments for format string");
            value = values[next++];
        }
        if (spec.align == '<')
            spec.zero = false;
        std::string error;
        switch (type) {
        case 's': out += FormatText(ToStr(ts, value), spec, error); break;
        case 'r':
        case 'a': out += FormatText(Repr(ts, value), spec, error); break;
        case 'd':
        case 'i':
        case 'u':
            if (value.IsFloat())
                value = IntFromDouble(ts, value.AsFloat());
            if (!IsInt(value))
                TypeError(&ts, fmt::format("%{} format: a real number is required, not {}", type, TypeName(value)));
            spec.type = 'd';
            out += FormatInt(IntValue(value), spec, error);
            break;
        case 'x':
        case 'X':
        case 'o':
            if (!IsInt(value))
                TypeError(&ts, fmt::format("%{} format: an integer is required, not {}", type, TypeName(value)));
            spec.type = type;
            out += FormatInt(IntValue(value), spec, error);
            break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
            spec.type = type;
            if (spec.precision < 0)
                spec.precision = 6;
            out += FormatFloat(ToDouble(ts, value), spec, error);
            break;
        case 'c':
            if (IsType(value, t.str))
                out += FormatText(StrView(value), spec, error);
            else {
                spec.type = 'c';
                out += FormatInt(IntArg(ts, value, "%c requires int or char"), spec, error);
            }
            break;
        default:
            ValueError(&ts, fmt::format("unsupported format character '{}' (0x{:x}) at index {}", type, int(type), i));
        }
        if (!error.empty())
            ValueError(&ts, error);
    }
    if (mapping == nullptr && next < values.size())
        TypeError(&ts, "not all arguments converted during string formatting");
    return out;
}

} // namespace threadlab::py
