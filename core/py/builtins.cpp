// The builtins module: print, len, sorted, min, max, … as CPython 3.12's.
#include "builtins_impl.hpp"
#include "containers.hpp"
#include "format.hpp"
#include "unicode.hpp"
#include "vm.hpp"

#include <cmath>
#include <fmt/format.h>
#include <mutex>
#include <tuple>

namespace threadlab::py {

namespace {

Value Print(ThreadState& ts, const Args& args)
{
    Value sep = Value::Null(), end = Value::Null(), file = Value::None();
    for (int k = 0; k < args.NumKw(); ++k) {
        const std::string_view name = StrView(args.kwnames->items[size_t(k)]);
        const Value v = args.kwvalues[k];
        if (name == "sep")
            sep = v;
        else if (name == "end")
            end = v;
        else if (name == "file")
            file = v;
        else if (name == "flush")
            continue;
        else
            TypeError(&ts, fmt::format("print() got an unexpected keyword argument '{}'", name));
    }
    auto text_of = [&](Value v, const char* what, const char* fallback) -> std::string {
        if (v.IsNull() || v.IsNone())
            return fallback;
        if (!IsType(v, Types().str))
            TypeError(&ts, fmt::format("{} must be None or a string, not {}", what, TypeName(v)));
        return std::string(StrView(v));
    };
    const std::string separator = text_of(sep, "sep", " ");
    const std::string ending = text_of(end, "end", "\n");
    std::string line;
    for (int i = 0; i < args.npos; ++i) {
        if (i)
            line += separator;
        line += ToStr(ts, args.pos[i]);
    }
    line += ending;
    if (file.IsNone() || IsStdStream(file, false)) {
        ts.exec.Write(ts, line, false);
    } else if (IsStdStream(file, true)) {
        ts.exec.Write(ts, line, true);
    } else {
        CallMethod(ts, file, "write", {StrValue(line)});
    }
    return Value::None();
}

Value LenF(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "len", 1, 1);
    return MakeInt(Len(ts, args.pos[0]));
}

Value IsInstanceF(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "isinstance", 2, 2);
    const Value cls = args.pos[1];
    const TypeTable& t = Types();
    if (IsType(cls, t.tuple)) {
        for (Value c : As<Tuple>(cls)->items)
            if (IsInstance(c, t.type) && IsInstance(args.pos[0], As<Type>(c)))
                return Value::True();
        return Value::False();
    }
    if (!IsInstance(cls, t.type))
        TypeError(&ts, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return Value::Bool(IsInstance(args.pos[0], As<Type>(cls)));
}

Value IsSubclassF(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "issubclass", 2, 2);
    const TypeTable& t = Types();
    if (!IsInstance(args.pos[0], t.type))
        TypeError(&ts, "issubclass() arg 1 must be a class");
    const Type* sub = As<Type>(args.pos[0]);
    const Value cls = args.pos[1];
    if (IsType(cls, t.tuple)) {
        for (Value c : As<Tuple>(cls)->items)
            if (IsInstance(c, t.type) && sub->IsSubtypeOf(As<Type>(c)))
                return Value::True();
        return Value::False();
    }
    if (!IsInstance(cls, t.type))
        TypeError(&ts, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return Value::Bool(sub->IsSubtypeOf(As<Type>(cls)));
}

Value Sorted(ThreadState& ts, const Args& args)
{
    if (args.npos != 1)
        TypeError(&ts, fmt::format("sorted expected 1 argument, got {}", args.npos));
    const Args rest{args.pos + 1, 0, args.kwvalues, args.kwnames};
    Params p(ts, rest, "sorted", {"key", "reverse"}, 0);
    std::vector<Value> items = Collect(ts, args.pos[0]);
    SortValues(ts, items, p.Or(0, Value::None()), p.Has(1) && Truthy(ts, p[1]));
    return Value::Obj(NewList(std::move(items)));
}

Value MinMax(ThreadState& ts, const Args& args, bool max)
{
    const char* name = max ? "max" : "min";
    Value key = Value::None(), fallback = Value::Null();
    for (int k = 0; k < args.NumKw(); ++k) {
        const std::string_view n = StrView(args.kwnames->items[size_t(k)]);
        if (n == "key")
            key = args.kwvalues[k];
        else if (n == "default")
            fallback = args.kwvalues[k];
        else
            TypeError(&ts, fmt::format("{}() got an unexpected keyword argument '{}'", name, n));
    }
    if (args.npos == 0)
        TypeError(&ts, fmt::format("{} expected at least 1 argument, got 0", name));
    std::vector<Value> items;
    if (args.npos == 1) {
        items = Collect(ts, args.pos[0]);
    } else {
        if (!fallback.IsNull())
            TypeError(&ts, fmt::format("Cannot specify a default for {}() with multiple positional arguments", name));
        items.assign(args.pos, args.pos + args.npos);
    }
    if (items.empty()) {
        if (!fallback.IsNull())
            return fallback;
        ValueError(&ts, fmt::format("{}() iterable argument is empty", name));
    }
    Value best = items[0];
    Value best_key = key.IsNone() ? best : Call(ts, key, {best});
    for (size_t i = 1; i < items.size(); ++i) {
        const Value k = key.IsNone() ? items[i] : Call(ts, key, {items[i]});
        // The first of equal items wins, for max as for min.
        if (max ? Less(ts, best_key, k) : Less(ts, k, best_key)) {
            best = items[i];
            best_key = k;
        }
    }
    return best;
}
Value MinF(ThreadState& ts, const Args& args) { return MinMax(ts, args, false); }
Value MaxF(ThreadState& ts, const Args& args) { return MinMax(ts, args, true); }

Value Sum(ThreadState& ts, const Args& args)
{
    Params p(ts, args, "sum", {"iterable", "start"}, 1, 1);
    Value total = p.Or(1, MakeInt(0));
    if (IsType(total, Types().str))
        TypeError(&ts, "sum() can't sum strings [use ''.join(seq) instead]");
    const Value it = GetIter(ts, p[0]);
    // Ints add as ints; floats with Neumaier's compensation, as CPython 3.12's
    // sum() (so sum([0.1] * 10) is 1.0); anything else through its own +.
    enum class Mode { Int, Float, Generic } mode = IsInt(total) ? Mode::Int : total.IsFloat() ? Mode::Float : Mode::Generic;
    int64_t i_total = mode == Mode::Int ? IntValue(total) : 0;
    double f_total = mode == Mode::Float ? total.AsFloat() : 0, compensation = 0;
    auto add_float = [&](double x) {
        const double t = f_total + x;
        if (std::fabs(f_total) >= std::fabs(x))
            compensation += (f_total - t) + x;
        else
            compensation += (x - t) + f_total;
        f_total = t;
    };
    Value v;
    while (Next(ts, it, v)) {
        if (mode == Mode::Int) {
            if (IsInt(v)) {
                if (__builtin_add_overflow(i_total, IntValue(v), &i_total))
                    IntOverflow(ts);
                continue;
            }
            if (v.IsFloat()) {
                mode = Mode::Float;
                f_total = double(i_total);
                add_float(v.AsFloat());
                continue;
            }
            mode = Mode::Generic;
            total = BinaryOperation(ts, int(BinaryOp::Add), MakeInt(i_total), v);
            continue;
        }
        if (mode == Mode::Float) {
            if (v.IsFloat() || (IsInt(v) && std::fabs(double(IntValue(v))) < 9007199254740992.0)) {
                add_float(v.IsFloat() ? v.AsFloat() : double(IntValue(v)));
                continue;
            }
            mode = Mode::Generic;
            total = BinaryOperation(ts, int(BinaryOp::Add),
                                    Value::Float(std::isfinite(compensation) ? f_total + compensation : f_total), v);
            continue;
        }
        total = BinaryOperation(ts, int(BinaryOp::Add), total, v);
    }
    if (mode == Mode::Int)
        return MakeInt(i_total);
    if (mode == Mode::Float)
        return Value::Float(compensation != 0 && std::isfinite(compensation) ? f_total + compensation : f_total);
    return total;
}

Value Abs(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "abs", 1, 1);
    const Value v = args.pos[0];
    if (IsInt(v)) {
        const int64_t i = IntValue(v);
        if (i == INT64_MIN)
            IntOverflow(ts);
        return MakeInt(i < 0 ? -i : i);
    }
    if (v.IsFloat())
        return Value::Float(std::fabs(v.AsFloat()));
    const Value hook = LookupInType(TypeOf(v), "__abs__");
    if (!hook.IsNull() && !TypeOf(v)->builtin)
        return Call(ts, hook, {v});
    TypeError(&ts, fmt::format("bad operand type for abs(): '{}'", TypeName(v)));
}

Value Round(ThreadState& ts, const Args& args)
{
    Params p(ts, args, "round", {"number", "ndigits"}, 1);
    const Value x = p[0];
    const bool has_digits = p.Has(1) && !p[1].IsNone();
    if (IsInt(x)) {
        if (!has_digits)
            return MakeInt(IntValue(x));
        const int64_t nd = IntArg(ts, p[1], "ndigits");
        if (nd >= 0)
            return MakeInt(IntValue(x));
        if (nd < -18)
            return MakeInt(0);
        int64_t pow10 = 1;
        for (int64_t i = 0; i < -nd; ++i)
            pow10 *= 10;
        const int64_t v = IntValue(x);
        int64_t q = v / pow10, r = v % pow10;
        if (r < 0) {
            r += pow10;
            --q;
        }
        // Half to even.
        if (r * 2 > pow10 || (r * 2 == pow10 && (q & 1)))
            ++q;
        return MakeInt(q * pow10);
    }
    if (x.IsFloat()) {
        const double d = x.AsFloat();
        if (!has_digits) {
            if (std::isnan(d))
                ValueError(&ts, "cannot convert float NaN to integer");
            if (std::isinf(d))
                Raise(&ts, Types().OverflowError, "cannot convert float infinity to integer");
            return IntFromDouble(ts, std::nearbyint(d));
        }
        const int64_t nd = IntArg(ts, p[1], "ndigits");
        if (!std::isfinite(d) || nd > 308)
            return x;
        if (nd < -308)
            return Value::Float(std::copysign(0.0, d));
        if (nd >= 0) {
            // printf rounds the exact binary value, ties to even: CPython's result.
            const std::string s = fmt::format("{:.{}f}", d, int(nd));
            return Value::Float(std::strtod(s.c_str(), nullptr));
        }
        const double pow10 = std::pow(10.0, double(-nd));
        double y = d / pow10;
        double z = std::nearbyint(y);
        if (std::fabs(y - z) == 0.5)
            z = 2.0 * std::nearbyint(y / 2.0);
        return Value::Float(z * pow10);
    }
    const Value hook = LookupInType(TypeOf(x), "__round__");
    if (!hook.IsNull() && !TypeOf(x)->builtin)
        return has_digits ? Call(ts, hook, {x, p[1]}) : Call(ts, hook, {x});
    TypeError(&ts, fmt::format("type {} doesn't define __round__ method", TypeName(x)));
}

Value DivMod(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "divmod", 2, 2);
    return Value::Obj(NewTuple({BinaryOperation(ts, int(BinaryOp::FloorDivide), args.pos[0], args.pos[1]),
                                BinaryOperation(ts, int(BinaryOp::Remainder), args.pos[0], args.pos[1])}));
}

Value Pow(ThreadState& ts, const Args& args)
{
    Params p(ts, args, "pow", {"base", "exp", "mod"}, 2);
    if (!p.Has(2) || p[2].IsNone())
        return BinaryOperation(ts, int(BinaryOp::Power), p[0], p[1]);
    if (!IsInt(p[0]) || !IsInt(p[1]) || !IsInt(p[2]))
        TypeError(&ts, "pow() 3rd argument not allowed unless all arguments are integers");
    int64_t base = IntValue(p[0]), e = IntValue(p[1]);
    const int64_t m = IntValue(p[2]);
    if (m == 0)
        ValueError(&ts, "pow() 3rd argument cannot be 0");
    if (e < 0) {
        // The inverse of base modulo m, by the extended Euclidean algorithm.
        const int64_t mod = m < 0 ? -m : m;
        int64_t old_r = ((base % mod) + mod) % mod, r = mod, old_s = 1, s = 0;
        while (r != 0) {
            const int64_t q = old_r / r;
            std::tie(old_r, r) = std::make_pair(r, old_r - q * r);
            std::tie(old_s, s) = std::make_pair(s, old_s - q * s);
        }
        if (old_r != 1)
            ValueError(&ts, "base is not invertible for the given modulus");
        base = ((old_s % mod) + mod) % mod;
        e = -e;
    }
    __extension__ typedef __int128 Wide; // a product of two int64 moduli
    Wide result = 1, b = ((base % m) + m) % m;
    while (e > 0) {
        if (e & 1)
            result = (result * b) % m;
        b = (b * b) % m;
        e >>= 1;
    }
    int64_t r = int64_t(result % m);
    if (r != 0 && ((r < 0) != (m < 0)))
        r += m;
    return MakeInt(r);
}

Value All(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "all", 1, 1);
    const Value it = GetIter(ts, args.pos[0]);
    Value v;
    while (Next(ts, it, v))
        if (!Truthy(ts, v))
            return Value::False();
    return Value::True();
}

Value Any(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "any", 1, 1);
    const Value it = GetIter(ts, args.pos[0]);
    Value v;
    while (Next(ts, it, v))
        if (Truthy(ts, v))
            return Value::True();
    return Value::False();
}

Value Iter(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "iter", 1, 2);
    if (args.npos == 1)
        return GetIter(ts, args.pos[0]);
    if (!IsCallable(args.pos[0]))
        TypeError(&ts, "iter(v, w): v must be callable");
    CombinedIterator* it = New<CombinedIterator>(Types().callable_iterator, CombinedIterator::CallableSentinel);
    it->func = args.pos[0];
    it->extra = args.pos[1];
    return Value::Obj(it);
}

Value NextF(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "next", 1, 2);
    const Type* type = TypeOf(args.pos[0]);
    if (type->iternext == nullptr && LookupInType(type, "__next__").IsNull())
        TypeError(&ts, fmt::format("'{}' object is not an iterator", type->name));
    Value v;
    if (IsType(args.pos[0], Types().generator)) {
        if (GenResume(ts, As<Generator>(args.pos[0]), Value::None(), Value::Null(), v))
            return v;
        if (args.npos == 2)
            return args.pos[1];
        throw PyError{NewExceptionArgs(Types().StopIteration, v.IsNone() ? NewTuple(0) : NewTuple({v}))};
    }
    if (Next(ts, args.pos[0], v))
        return v;
    if (args.npos == 2)
        return args.pos[1];
    throw PyError{NewExceptionArgs(Types().StopIteration, NewTuple(0))};
}

Value ReprF(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "repr", 1, 1);
    return ReprValue(ts, args.pos[0]);
}

Value FormatF(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "format", 1, 2);
    const std::string_view spec = args.npos == 2 ? StrView(args.pos[1]) : std::string_view();
    return StrValue(Format(ts, args.pos[0], spec));
}

Value HashF(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "hash", 1, 1);
    return MakeInt(Hash(&ts, args.pos[0]));
}

Value Id(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "id", 1, 1);
    const Value v = args.pos[0];
    return MakeInt(v.IsObject() ? int64_t(reinterpret_cast<uintptr_t>(v.AsObject()) & 0x7FFFFFFFFFFF)
                                : int64_t(v.Bits() & 0x7FFFFFFFFFFF));
}

Value Chr(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "chr", 1, 1);
    const int64_t i = IntArg(ts, args.pos[0], "chr");
    if (i < 0 || i > 0x10FFFF)
        ValueError(&ts, "chr() arg not in range(0x110000)");
    return StrValue(EncodeUtf8(char32_t(i)));
}

Value Ord(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "ord", 1, 1);
    if (!IsType(args.pos[0], Types().str))
        TypeError(&ts, fmt::format("ord() expected string of length 1, but {} found", TypeName(args.pos[0])));
    const Str* s = As<Str>(args.pos[0]);
    if (s->length != 1)
        TypeError(&ts, fmt::format("ord() expected a character, but string of length {} found", s->length));
    size_t i = 0;
    return MakeInt(int64_t(DecodeUtf8At(s->View(), i)));
}

Value Radix(ThreadState& ts, const Args& args, char type, const char* name)
{
    ExpectPositional(ts, args, name, 1, 1);
    FormatSpec spec;
    spec.type = type;
    spec.alternate = true;
    std::string error;
    return StrValue(FormatInt(IntArg(ts, args.pos[0], name), spec, error));
}
Value Hex(ThreadState& ts, const Args& args) { return Radix(ts, args, 'x', "hex"); }
Value Oct(ThreadState& ts, const Args& args) { return Radix(ts, args, 'o', "oct"); }
Value Bin(ThreadState& ts, const Args& args) { return Radix(ts, args, 'b', "bin"); }

Value Callable(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "callable", 1, 1);
    return Value::Bool(IsCallable(args.pos[0]));
}

Str* AttrName(ThreadState& ts, Value v, const char* fn)
{
    if (!IsType(v, Types().str))
        TypeError(&ts, fmt::format("{}(): attribute name must be string", fn));
    return Intern(StrView(v));
}

Value GetAttrF(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "getattr", 2, 3);
    Str* name = AttrName(ts, args.pos[1], "getattr");
    if (args.npos == 3) {
        try {
            const Value v = GetAttrOrNull(ts, args.pos[0], name);
            return v.IsNull() ? args.pos[2] : v;
        } catch (const PyError& e) {
            if (IsInstance(e.exc, Types().AttributeError))
                return args.pos[2];
            throw;
        }
    }
    return GetAttr(ts, args.pos[0], name);
}

Value SetAttrF(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "setattr", 3, 3);
    SetAttr(ts, args.pos[0], AttrName(ts, args.pos[1], "setattr"), args.pos[2]);
    return Value::None();
}

Value HasAttrF(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "hasattr", 2, 2);
    try {
        return Value::Bool(!GetAttrOrNull(ts, args.pos[0], AttrName(ts, args.pos[1], "hasattr")).IsNull());
    } catch (const PyError& e) {
        if (IsInstance(e.exc, Types().AttributeError))
            return Value::False();
        throw;
    }
}

Value DelAttrF(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "delattr", 2, 2);
    DelAttr(ts, args.pos[0], AttrName(ts, args.pos[1], "delattr"));
    return Value::None();
}

Value Vars(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "vars", 1, 1);
    const Value d = GetAttrOrNull(ts, args.pos[0], Intern("__dict__"));
    if (d.IsNull())
        TypeError(&ts, "vars() argument must have __dict__ attribute");
    return d;
}

Value Dir(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "dir", 0, 1);
    std::vector<std::string> names;
    auto add_dict = [&](const Dict* d) {
        for (const DictEntry& e : DictItems(d))
            if (IsType(e.key, Types().str))
                names.emplace_back(StrView(e.key));
    };
    if (args.npos == 0) {
        const Module* m = ts.frame ? ts.frame->module : nullptr;
        if (m != nullptr)
            for (size_t i = 0; i < m->nslots; ++i)
                if (!m->slots[i].Load().IsNull())
                    names.emplace_back(m->layout->names[i]->View());
    } else {
        const Value obj = args.pos[0];
        if (IsType(obj, Types().module)) {
            const Module* m = As<Module>(obj);
            for (size_t i = 0; i < m->nslots; ++i)
                if (!m->slots[i].Load().IsNull())
                    names.emplace_back(m->layout->names[i]->View());
        } else {
            const Type* type = IsInstance(obj, Types().type) ? As<Type>(obj) : TypeOf(obj);
            if (!IsInstance(obj, Types().type) && (type->layout == Layout::Plain || type->layout == Layout::Exception))
                add_dict(static_cast<Instance*>(obj.AsObject())->attrs);
            for (const Type* k : type->mro)
                add_dict(k->dict);
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    List* out = NewList();
    for (const std::string& n : names)
        out->items.push_back(StrValue(n));
    return Value::Obj(out);
}

Value Globals(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "globals", 0, 0);
    // A snapshot: threadlab's globals live in slots, not in a dict.
    Dict* d = NewDict();
    const Module* m = ts.frame ? ts.frame->module : nullptr;
    if (m != nullptr)
        for (size_t i = 0; i < m->nslots; ++i) {
            const Value v = m->slots[i].Load();
            if (!v.IsNull())
                DictSetStr(d, m->layout->names[i], v);
        }
    return Value::Obj(d);
}

Value Input(ThreadState& ts, const Args&)
{
    Raise(&ts, Types().EOFError, "EOF when reading a line (threadlab programs have no keyboard input)");
}

Value Open(ThreadState& ts, const Args&)
{
    Raise(&ts, Types().OSError, "threadlab does not run file I/O (open); time.sleep stands in for a slow write");
}

Value Exit(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "exit", 0, 1);
    throw PyError{NewExceptionArgs(Types().SystemExit, args.npos == 0 ? NewTuple(0) : NewTuple({args.pos[0]}))};
    (void)ts;
}

Value BuildClassF(ThreadState& ts, const Args& args) { return BuildClass(ts, args); }

} // namespace

// ---------------------------------------------------------------- native module plumbing

void NativeModuleSpec::Function(const char* name, NativeFn fn, bool quick)
{
    BuiltinFunction* f = NewBuiltin(name, fn);
    f->quick = quick;
    entries.emplace_back(name, Value::Obj(f));
}

Module* BuildNativeModule(std::string_view name, NativeModuleSpec spec)
{
    // One layout per module name for the process; the values are the run's.
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<ModuleLayout>, std::less<>> layouts;
    const ModuleLayout* layout;
    {
        std::lock_guard lock(mutex);
        auto& slot = layouts[std::string(name)];
        if (!slot) {
            slot = std::make_unique<ModuleLayout>();
            slot->Add(Intern("__name__"));
            for (const auto& [n, v] : spec.entries)
                slot->Add(Intern(n));
        }
        layout = slot.get();
    }
    Module* m = New<Module>(Types().module, std::string(name), layout);
    m->Set("__name__", StrValue(name));
    for (const auto& [n, v] : spec.entries)
        m->Set(n, v);
    return m;
}

Module* MakeBuiltinsModule(ThreadState&)
{
    const TypeTable& t = Types();
    NativeModuleSpec s;
    s.Function("print", Print);
    s.Function("len", LenF, true);
    s.Function("isinstance", IsInstanceF, true);
    s.Function("issubclass", IsSubclassF);
    s.Function("sorted", Sorted);
    s.Function("min", MinF);
    s.Function("max", MaxF);
    s.Function("sum", Sum);
    s.Function("abs", Abs);
    s.Function("round", Round);
    s.Function("divmod", DivMod);
    s.Function("pow", Pow);
    s.Function("all", All);
    s.Function("any", Any);
    s.Function("iter", Iter);
    s.Function("next", NextF);
    s.Function("repr", ReprF);
    s.Function("ascii", ReprF);
    s.Function("format", FormatF);
    s.Function("hash", HashF);
    s.Function("id", Id);
    s.Function("chr", Chr);
    s.Function("ord", Ord);
    s.Function("hex", Hex);
    s.Function("oct", Oct);
    s.Function("bin", Bin);
    s.Function("callable", Callable);
    s.Function("getattr", GetAttrF);
    s.Function("setattr", SetAttrF);
    s.Function("hasattr", HasAttrF);
    s.Function("delattr", DelAttrF);
    s.Function("vars", Vars);
    s.Function("dir", Dir);
    s.Function("globals", Globals);
    s.Function("input", Input);
    s.Function("open", Open);
    s.Function("exit", Exit);
    s.Function("quit", Exit);
    s.Function("__build_class__", BuildClassF);
    for (Type* type : {t.int_, t.float_, t.str, t.bool_, t.list, t.tuple, t.dict, t.set, t.frozenset, t.type,
                       t.object, t.range, t.slice, t.enumerate, t.zip, t.map, t.filter, t.reversed, t.property,
                       t.staticmethod, t.classmethod, t.super})
        s.Set(type->name.c_str(), Value::Obj(type));
    for (Type* type : AllExceptionTypes())
        s.Set(type->name.c_str(), Value::Obj(type));
    s.Set("NotImplemented", Value::NotImplemented());
    s.Set("Ellipsis", Value::Ellipsis());
    s.Set("__debug__", Value::True());
    return BuildNativeModule("builtins", std::move(s));
}

} // namespace threadlab::py
