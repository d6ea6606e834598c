// The builtin types: made once per process, on first use, then read-only.
#include "builtins_impl.hpp"
#include "containers.hpp"

#include <mutex>

namespace threadlab::py {

namespace {

TypeTable* g_table = nullptr;
std::atomic<TypeTable*> g_ready{nullptr};
thread_local bool t_building = false;

Type* Shell(Type* meta, const char* name, Type* base, Layout layout = Layout::Native, bool subclassable = false)
{
    Type* t = new Type(meta, name);
    t->base = base;
    t->layout = layout;
    t->subclassable = subclassable;
    t->mro.push_back(t);
    if (base != nullptr)
        t->mro.insert(t->mro.end(), base->mro.begin(), base->mro.end());
    return t;
}

void AddProtocolMethods(TypeTable& t);

void Build(TypeTable& t)
{
    t.type = new Type(nullptr, "type");
    t.type->type = t.type;
    t.object = Shell(t.type, "object", nullptr, Layout::Plain, true);
    t.type->base = t.object;
    t.type->mro = {t.type, t.object};
    t.str = Shell(t.type, "str", t.object);
    g_table = &t; // Intern works from here on

    t.none = Shell(t.type, "NoneType", t.object);
    t.notimplemented = Shell(t.type, "NotImplementedType", t.object);
    t.ellipsis = Shell(t.type, "ellipsis", t.object);
    t.int_ = Shell(t.type, "int", t.object);
    t.bool_ = Shell(t.type, "bool", t.int_);
    t.float_ = Shell(t.type, "float", t.object);
    t.tuple = Shell(t.type, "tuple", t.object);
    t.list = Shell(t.type, "list", t.object);
    t.dict = Shell(t.type, "dict", t.object);
    t.set = Shell(t.type, "set", t.object);
    t.frozenset = Shell(t.type, "frozenset", t.object);
    t.range = Shell(t.type, "range", t.object);
    t.slice = Shell(t.type, "slice", t.object);
    t.cell = Shell(t.type, "cell", t.object);
    t.function = Shell(t.type, "function", t.object);
    t.builtin_function = Shell(t.type, "builtin_function_or_method", t.object);
    t.method = Shell(t.type, "method", t.object);
    t.staticmethod = Shell(t.type, "staticmethod", t.object);
    t.classmethod = Shell(t.type, "classmethod", t.object);
    t.property = Shell(t.type, "property", t.object);
    t.super = Shell(t.type, "super", t.object);
    t.module = Shell(t.type, "module", t.object);
    t.code = Shell(t.type, "code", t.object);
    t.generator = Shell(t.type, "generator", t.object);
    t.list_iterator = Shell(t.type, "list_iterator", t.object);
    t.tuple_iterator = Shell(t.type, "tuple_iterator", t.object);
    t.str_iterator = Shell(t.type, "str_ascii_iterator", t.object);
    t.seq_iterator = Shell(t.type, "iterator", t.object);
    t.range_iterator = Shell(t.type, "range_iterator", t.object);
    t.dict_keyiterator = Shell(t.type, "dict_keyiterator", t.object);
    t.dict_valueiterator = Shell(t.type, "dict_valueiterator", t.object);
    t.dict_itemiterator = Shell(t.type, "dict_itemiterator", t.object);
    t.dict_keys = Shell(t.type, "dict_keys", t.object);
    t.dict_values = Shell(t.type, "dict_values", t.object);
    t.dict_items = Shell(t.type, "dict_items", t.object);
    t.set_iterator = Shell(t.type, "set_iterator", t.object);
    t.enumerate = Shell(t.type, "enumerate", t.object);
    t.zip = Shell(t.type, "zip", t.object);
    t.map = Shell(t.type, "map", t.object);
    t.filter = Shell(t.type, "filter", t.object);
    t.reversed = Shell(t.type, "reversed", t.object);
    t.callable_iterator = Shell(t.type, "callable_iterator", t.object);

    // Names and namespaces, now that strings can be made.
    for (Type* type : {t.type, t.object, t.str, t.none, t.notimplemented, t.ellipsis, t.int_, t.bool_, t.float_,
                       t.tuple, t.list, t.dict, t.set, t.frozenset, t.range, t.slice, t.cell, t.function,
                       t.builtin_function, t.method, t.staticmethod, t.classmethod, t.property, t.super,
                       t.module, t.code, t.generator, t.list_iterator, t.tuple_iterator, t.str_iterator,
                       t.seq_iterator, t.range_iterator, t.dict_keyiterator, t.dict_valueiterator,
                       t.dict_itemiterator, t.dict_keys, t.dict_values, t.dict_items, t.set_iterator,
                       t.enumerate, t.zip, t.map, t.filter, t.reversed, t.callable_iterator}) {
        type->name_str = Intern(type->name);
        type->qualname = type->name_str;
        type->dict = NewDict();
    }
    InitExceptionTypes(t);
    InitObjectType(t);
    InitNumberTypes(t);
    InitStrType(t);
    InitSequenceTypes(t);
    InitDictType(t);
    InitSetTypes(t);
    InitFunctionTypes(t);
    InitIteratorTypes(t);
    AddProtocolMethods(t);
    InitOperatorMethods(t);
}

// The protocol hooks as methods too, so `lst.__getitem__(0)` and
// `d.__setitem__(k, v)` work as in CPython.
Value DunderGetItem(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "__getitem__", 2, 2);
    return GetItem(ts, args.pos[0], args.pos[1]);
}
Value DunderSetItem(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "__setitem__", 3, 3);
    SetItem(ts, args.pos[0], args.pos[1], args.pos[2]);
    return Value::None();
}
Value DunderDelItem(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "__delitem__", 2, 2);
    DelItem(ts, args.pos[0], args.pos[1]);
    return Value::None();
}
Value DunderContains(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "__contains__", 2, 2);
    return Value::Bool(Contains(ts, args.pos[0], args.pos[1]));
}
Value DunderIter(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "__iter__", 1, 1);
    return GetIter(ts, args.pos[0]);
}

void AddProtocolMethods(TypeTable& t)
{
    for (Type* type : {t.list, t.tuple, t.dict, t.str, t.range, t.set, t.frozenset}) {
        if (type->getitem)
            AddMethod(type, "__getitem__", DunderGetItem);
        if (type->setitem)
            AddMethod(type, "__setitem__", DunderSetItem);
        if (type->delitem)
            AddMethod(type, "__delitem__", DunderDelItem);
        AddMethod(type, "__contains__", DunderContains);
        AddMethod(type, "__iter__", DunderIter);
    }
}

} // namespace

Type* NewBuiltinType(const char* name, Type* base, Layout layout, bool subclassable)
{
    Type* t = Shell(g_table->type, name, base, layout, subclassable);
    t->name_str = Intern(name);
    t->qualname = t->name_str;
    t->dict = NewDict();
    return t;
}

void AddMethod(Type* type, const char* name, NativeFn fn)
{
    BuiltinFunction* f = NewBuiltin(name, fn);
    f->owner = type;
    DictSetStr(type->dict, Intern(name), Value::Obj(f));
}

void AddAttr(Type* type, const char* name, Value value) { DictSetStr(type->dict, Intern(name), value); }

const TypeTable& Types()
{
    if (TypeTable* ready = g_ready.load(std::memory_order_acquire))
        return *ready;
    if (t_building)
        return *g_table;
    static std::once_flag once;
    std::call_once(once, [] {
        t_building = true;
        HeapScope scope(StaticHeap());
        auto* table = new TypeTable();
        Build(*table);
        t_building = false;
        g_ready.store(table, std::memory_order_release);
    });
    return *g_ready.load(std::memory_order_acquire);
}

} // namespace threadlab::py
