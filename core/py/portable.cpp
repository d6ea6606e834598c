#include "portable.hpp"

#include "builtins_impl.hpp"
#include "containers.hpp"
#include "interp.hpp"

#include <fmt/format.h>

namespace threadlab::py {

namespace {

// Past this nesting a value is refused, as pickle's own recursion limit does.
constexpr int kMaxDepth = 500;

[[noreturn]] void Refuse(ThreadState& ts, Value v)
{
    TypeError(&ts, fmt::format("cannot pickle '{}' object", QualTypeName(TypeOf(v))));
}

Module* FindModule(ThreadState& ts, const std::string& name)
{
    Interpreter& in = ts.interp;
    if (Module* m = in.FindLoaded(name))
        return m;
    if (name == "__mp_main__") // the parent's main module, as multiprocessing aliases it
        if (Module* m = in.FindLoaded("__main__"))
            return m;
    return in.Import(ts, name);
}

// module.qualname looked up attribute by attribute; Null if it is not there.
Value Lookup(ThreadState& ts, const std::string& module, const std::string& qualname)
{
    Value v = Value::Obj(FindModule(ts, module));
    size_t start = 0;
    while (start <= qualname.size()) {
        const size_t dot = qualname.find('.', start);
        const std::string part = qualname.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        v = GetAttrOrNull(ts, v, Intern(part));
        if (v.IsNull() || dot == std::string::npos)
            return v;
        start = dot + 1;
    }
    return v;
}

// A function or class goes by name: pickle checks the name finds it again.
Portable ByReference(ThreadState& ts, Value v, std::string module, std::string qualname)
{
    if (qualname.find("<locals>") != std::string::npos)
        Raise(&ts, Types().AttributeError, fmt::format("Can't pickle local object '{}'", qualname));
    Value found = Value::Null();
    try {
        found = Lookup(ts, module, qualname);
    } catch (const PyError&) {
        found = Value::Null();
    }
    if (found.IsNull())
        Raise(&ts, Types().PicklingError, fmt::format("Can't pickle {}: attribute lookup {} on {} failed",
                                                      Repr(ts, v), qualname, module));
    if (found != v)
        Raise(&ts, Types().PicklingError,
              fmt::format("Can't pickle {}: it's not the same object as {}.{}", Repr(ts, v), module, qualname));
    Portable p;
    p.kind = Portable::Kind::Global;
    p.text = std::move(module);
    p.qualname = std::move(qualname);
    return p;
}

// A builtin function goes by the native module that has it (len, math.sqrt).
Portable BuiltinByReference(ThreadState& ts, Value v)
{
    const BuiltinFunction* f = As<BuiltinFunction>(v);
    if (f->self.IsNull())
        for (const char* module : {"builtins", "math", "time"}) {
            Module* m = ts.interp.FindLoaded(module);
            if (m != nullptr && m->Get(f->name) == v) {
                Portable p;
                p.kind = Portable::Kind::Global;
                p.text = module;
                p.qualname = f->name;
                return p;
            }
        }
    Refuse(ts, v);
}

Portable Copy(ThreadState& ts, Value v, int depth);

Portable Container(ThreadState& ts, Portable::Kind kind, const std::vector<Value>& items, int depth)
{
    Portable p;
    p.kind = kind;
    p.items.reserve(items.size());
    for (Value item : items)
        p.items.push_back(Copy(ts, item, depth + 1));
    return p;
}

Portable Attributes(ThreadState& ts, const Dict* d, int depth)
{
    Portable p;
    p.kind = Portable::Kind::Dict;
    for (const DictEntry& e : DictItems(d)) {
        p.items.push_back(Copy(ts, e.key, depth + 1));
        p.items.push_back(Copy(ts, e.value, depth + 1));
    }
    return p;
}

Portable Copy(ThreadState& ts, Value v, int depth)
{
    if (depth > kMaxDepth)
        Raise(&ts, Types().RecursionError, "maximum recursion depth exceeded while pickling an object");
    const TypeTable& t = Types();
    Portable p;
    if (v.IsNone())
        return p;
    if (v.IsBool()) {
        p.kind = Portable::Kind::Bool;
        p.integer = v.IsTrue();
        return p;
    }
    if (v.IsEllipsis()) {
        p.kind = Portable::Kind::Ellipsis;
        return p;
    }
    if (v.IsFloat()) {
        p.kind = Portable::Kind::Float;
        p.number = v.AsFloat();
        return p;
    }
    if (IsIntExact(v)) {
        p.kind = Portable::Kind::Int;
        p.integer = IntValue(v);
        return p;
    }
    const Type* type = TypeOf(v);
    if (type == t.str) {
        p.kind = Portable::Kind::Str;
        p.text = std::string(StrView(v));
        return p;
    }
    if (type == t.tuple) {
        const Tuple* tu = As<Tuple>(v);
        return Container(ts, Portable::Kind::Tuple, std::vector<Value>(tu->items.begin(), tu->items.end()), depth);
    }
    if (type == t.list)
        return Container(ts, Portable::Kind::List, ListCopy(As<List>(v)), depth);
    if (type == t.set || type == t.frozenset)
        return Container(ts, type == t.set ? Portable::Kind::Set : Portable::Kind::FrozenSet, SetItems(As<Set>(v)),
                         depth);
    if (type == t.dict)
        return Attributes(ts, As<Dict>(v), depth);
    if (type == t.function) {
        const Function* f = As<Function>(v);
        return ByReference(ts, v, f->module ? f->module->name : "__main__", std::string(f->qualname->View()));
    }
    if (type == t.builtin_function)
        return BuiltinByReference(ts, v);
    if (IsInstance(v, t.type)) {
        const Type* cls = As<Type>(v);
        return ByReference(ts, v, cls->module, cls->qualname ? std::string(cls->qualname->View()) : cls->name);
    }
    if (type->share != nullptr) {
        p.kind = Portable::Kind::Native;
        p.native = type->share(v);
        p.native_type = type;
        return p;
    }
    if (type->layout == Layout::Exception) {
        const ExceptionObject* e = AsException(v);
        p.kind = Portable::Kind::Exception;
        p.items.push_back(Copy(ts, Value::Obj(const_cast<Type*>(type)), depth + 1));
        p.items.push_back(Copy(ts, Value::Obj(e->args), depth + 1));
        p.items.push_back(Attributes(ts, e->attrs, depth));
        return p;
    }
    if (type->layout == Layout::Plain && !type->builtin) {
        p.kind = Portable::Kind::Instance;
        p.items.push_back(Copy(ts, Value::Obj(const_cast<Type*>(type)), depth + 1));
        p.items.push_back(Attributes(ts, static_cast<const Instance*>(v.AsObject())->attrs, depth));
        return p;
    }
    Refuse(ts, v);
}

Type* TypeFrom(ThreadState& ts, const Value v)
{
    if (!IsInstance(v, Types().type))
        TypeError(&ts, "a pickled instance's class is not a class");
    return As<Type>(v);
}

void FillAttributes(ThreadState& ts, Dict* d, const Portable& attrs)
{
    for (size_t i = 0; i + 1 < attrs.items.size(); i += 2)
        DictSet(&ts, d, FromPortable(ts, attrs.items[i]), FromPortable(ts, attrs.items[i + 1]));
}

} // namespace

Portable ToPortable(ThreadState& ts, Value v) { return Copy(ts, v, 0); }

Value FromPortable(ThreadState& ts, const Portable& p)
{
    const TypeTable& t = Types();
    switch (p.kind) {
    case Portable::Kind::None: return Value::None();
    case Portable::Kind::Bool: return Value::Bool(p.integer != 0);
    case Portable::Kind::Int: return MakeInt(p.integer);
    case Portable::Kind::Float: return Value::Float(p.number);
    case Portable::Kind::Str: return StrValue(p.text);
    case Portable::Kind::Ellipsis: return Value::Ellipsis();
    case Portable::Kind::Tuple: {
        Tuple* tu = NewTuple(p.items.size());
        for (size_t i = 0; i < p.items.size(); ++i)
            tu->items[i] = FromPortable(ts, p.items[i]);
        return Value::Obj(tu);
    }
    case Portable::Kind::List: {
        List* l = NewList();
        for (const Portable& item : p.items)
            ListAppend(l, FromPortable(ts, item));
        return Value::Obj(l);
    }
    case Portable::Kind::Set:
    case Portable::Kind::FrozenSet: {
        Set* s = NewSet(p.kind == Portable::Kind::FrozenSet);
        for (const Portable& item : p.items)
            SetAdd(&ts, s, FromPortable(ts, item));
        return Value::Obj(s);
    }
    case Portable::Kind::Dict: {
        Dict* d = NewDict();
        FillAttributes(ts, d, p);
        return Value::Obj(d);
    }
    case Portable::Kind::Global: {
        const Value v = Lookup(ts, p.text, p.qualname);
        if (v.IsNull())
            Raise(&ts, t.AttributeError, fmt::format("Can't get attribute '{}' on <module '{}'>", p.qualname, p.text));
        return v;
    }
    case Portable::Kind::Instance: {
        Type* cls = TypeFrom(ts, FromPortable(ts, p.items[0]));
        if (cls->layout != Layout::Plain)
            TypeError(&ts, fmt::format("cannot unpickle '{}' object", cls->name));
        Instance* obj = New<Instance>(cls, NewDict());
        FillAttributes(ts, obj->attrs, p.items[1]);
        return Value::Obj(obj);
    }
    case Portable::Kind::Exception: {
        Type* cls = TypeFrom(ts, FromPortable(ts, p.items[0]));
        const Value args = FromPortable(ts, p.items[1]);
        const Value exc = NewExceptionArgs(cls, As<Tuple>(args));
        FillAttributes(ts, AsException(exc)->attrs, p.items[2]);
        return exc;
    }
    case Portable::Kind::Native: return p.native_type->unshare(ts, p.native);
    }
    return Value::None();
}

} // namespace threadlab::py
