// Generic operations: exceptions, attributes, calls, items, iteration.
// Numbers and comparison are in arith.cpp; repr, str and format in text.cpp.
#include "builtins_impl.hpp"
#include "containers.hpp"
#include "vm.hpp"

#include <fmt/format.h>

namespace threadlab::py {

// ---------------------------------------------------------------- exceptions

Value NewExceptionArgs(Type* type, Tuple* args) { return Value::Obj(New<ExceptionObject>(type, NewDict(), args)); }

Value NewException(ThreadState*, Type* type, std::string_view message)
{
    Tuple* args = message.empty() ? NewTuple(0) : NewTuple({StrValue(message)});
    return NewExceptionArgs(type, args);
}

void RaiseObject(Value exc) { throw PyError{exc}; }

void Raise(ThreadState* ts, Type* type, std::string_view message) { throw PyError{NewException(ts, type, message)}; }

void RaiseModuleNotFound(ThreadState* ts, std::string_view module)
{
    const Value exc = NewException(ts, Types().ModuleNotFoundError, "No module named '" + std::string(module) + "'");
    DictSet(ts, AsException(exc)->attrs, Value::Obj(Intern("name")), StrValue(module));
    throw PyError{exc};
}

void TypeError(ThreadState* ts, std::string_view message) { Raise(ts, Types().TypeError, message); }
void ValueError(ThreadState* ts, std::string_view message) { Raise(ts, Types().ValueError, message); }

ExceptionObject* AsException(Value v)
{
    if (!v.IsObject() || v.AsObject()->type->layout != Layout::Exception)
        return nullptr;
    return static_cast<ExceptionObject*>(v.AsObject());
}

bool ExceptionMatches(ThreadState& ts, Value exc, Value match)
{
    const TypeTable& t = Types();
    if (IsType(match, t.tuple)) {
        for (Value m : As<Tuple>(match)->items)
            if (ExceptionMatches(ts, exc, m))
                return true;
        return false;
    }
    if (!IsType(match, t.type) || !As<Type>(match)->IsSubtypeOf(t.BaseException))
        TypeError(&ts, "catching classes that do not inherit from BaseException is not allowed");
    return TypeOf(exc)->IsSubtypeOf(As<Type>(match));
}

Value MemoryErrorFor(ThreadState& ts)
{
    Interpreter& in = ts.interp;
    if (in.memory_error.IsNull()) {
        // Made outside the bounded heap, so raising it cannot run out.
        HeapScope scope(StaticHeap());
        in.memory_error = NewException(&ts, Types().MemoryError, "");
    }
    ExceptionObject* e = AsException(in.memory_error);
    e->traceback.clear();
    e->context = Value::None();
    return in.memory_error;
}

void RaiseMemoryError(ThreadState& ts) { throw PyError{MemoryErrorFor(ts)}; }

// ---------------------------------------------------------------- types

std::string TpName(const Type* t)
{
    // As CPython's tp_name: a type of a C module ('_thread.lock', '_io.TextIOWrapper') is named with it.
    return t->builtin && t->module.starts_with('_') ? t->module + "." + t->name : t->name;
}

std::string TypeName(Value v) { return TpName(TypeOf(v)); }

std::string QualTypeName(const Type* t)
{
    const std::string name = t->qualname ? std::string(t->qualname->View()) : t->name;
    return t->module == "builtins" ? name : t->module + "." + name;
}

Value LookupInType(const Type* type, Str* name)
{
    for (const Type* t : type->mro) {
        const Value v = DictGetStr(t->dict, name->View());
        if (!v.IsNull())
            return v;
    }
    return Value::Null();
}

Value LookupInType(const Type* type, std::string_view name)
{
    for (const Type* t : type->mro) {
        const Value v = DictGetStr(t->dict, name);
        if (!v.IsNull())
            return v;
    }
    return Value::Null();
}

// ---------------------------------------------------------------- attributes

Value BindMethod(ThreadState&, Value func, Value obj)
{
    const TypeTable& t = Types();
    if (IsType(func, t.function))
        return Value::Obj(New<BoundMethod>(t.method, func, obj));
    if (IsType(func, t.builtin_function)) {
        const BuiltinFunction* b = As<BuiltinFunction>(func);
        if (!b->self.IsNull())
            return func;
        BuiltinFunction* bound = NewBuiltin(b->name, b->fn, obj, b->data);
        bound->owner = b->owner;
        bound->quick = b->quick;
        return Value::Obj(bound);
    }
    if (IsType(func, t.staticmethod))
        return As<StaticMethod>(func)->func;
    if (IsType(func, t.classmethod))
        return Value::Obj(New<BoundMethod>(t.method, As<ClassMethod>(func)->func, Value::Obj(TypeOf(obj))));
    return func;
}

namespace {

Value TypeAttribute(ThreadState& ts, Type* type, Str* name)
{
    const Value v = LookupInType(type, name);
    const TypeTable& t = Types();
    if (!v.IsNull()) {
        if (IsType(v, t.classmethod))
            return Value::Obj(New<BoundMethod>(t.method, As<ClassMethod>(v)->func, Value::Obj(type)));
        if (IsType(v, t.staticmethod))
            return As<StaticMethod>(v)->func;
        if (v.IsObject() && !v.AsObject()->type->builtin) {
            const Value get = LookupInType(v.AsObject()->type, "__get__");
            if (!get.IsNull())
                return Call(ts, get, {v, Value::None(), Value::Obj(type)});
        }
        return v;
    }
    const std::string_view n = name->View();
    if (n == "__name__")
        return Value::Obj(type->name_str);
    if (n == "__qualname__")
        return Value::Obj(type->qualname);
    if (n == "__module__")
        return StrValue(type->module);
    if (n == "__mro__") {
        Tuple* mro = NewTuple(type->mro.size());
        for (size_t i = 0; i < type->mro.size(); ++i)
            mro->items[i] = Value::Obj(type->mro[i]);
        return Value::Obj(mro);
    }
    if (n == "__bases__")
        return Value::Obj(type->base ? NewTuple({Value::Obj(type->base)}) : NewTuple(0));
    if (n == "__base__")
        return type->base ? Value::Obj(type->base) : Value::None();
    if (n == "__dict__")
        return Value::Obj(type->dict);
    if (n == "__doc__")
        return Value::None();
    if (n == "__class__")
        return Value::Obj(t.type);
    // Methods of `type` itself (mro(), __subclasses__ …) are not offered.
    return Value::Null();
}

Dict* InstanceDict(ThreadState& ts, Value obj)
{
    if (!obj.IsObject())
        return nullptr;
    const Object* o = obj.AsObject();
    if (o->type->layout == Layout::ThreadLocal)
        return LocalDictFor(ts, obj);
    if (o->type == Types().object) // a bare object() has no __dict__, as CPython's
        return nullptr;
    if (o->type->layout == Layout::Plain || o->type->layout == Layout::Exception)
        return static_cast<const Instance*>(o)->attrs;
    if (o->type == Types().function) {
        Function* f = static_cast<Function*>(const_cast<Object*>(o));
        ObjectGuard guard(f->lock);
        if (f->attrs == nullptr)
            f->attrs = NewDict();
        return f->attrs;
    }
    return nullptr;
}

Value SpecialAttribute(ThreadState& ts, Value obj, std::string_view n)
{
    const TypeTable& t = Types();
    if (n == "__class__")
        return Value::Obj(TypeOf(obj));
    const Type* type = TypeOf(obj);
    if (type->special_attr != nullptr) {
        const Value v = type->special_attr(ts, obj, n);
        if (!v.IsNull())
            return v;
    }
    if (n == "__dict__")
        if (Dict* d = InstanceDict(ts, obj))
            return Value::Obj(d);
    (void)t;
    return Value::Null();
}

[[noreturn]] void NoAttribute(ThreadState& ts, Value obj, Str* name)
{
    const TypeTable& t = Types();
    if (IsType(obj, t.module))
        Raise(&ts, t.AttributeError, fmt::format("module '{}' has no attribute '{}'", As<Module>(obj)->name, name->View()));
    if (IsInstance(obj, t.type))
        Raise(&ts, t.AttributeError, fmt::format("type object '{}' has no attribute '{}'", TpName(As<Type>(obj)), name->View()));
    Raise(&ts, t.AttributeError, fmt::format("'{}' object has no attribute '{}'", TypeName(obj), name->View()));
}

} // namespace

Value GetAttrOrNull(ThreadState& ts, Value obj, Str* name)
{
    const TypeTable& t = Types();
    if (IsType(obj, t.super)) {
        // Looks up the attribute after the given class in the object's MRO.
        const Value v = t.super->special_attr(ts, obj, name->View());
        if (!v.IsNull())
            return v;
    }
    if (IsInstance(obj, t.type))
        return TypeAttribute(ts, As<Type>(obj), name);
    if (IsType(obj, t.module)) {
        const Value v = As<Module>(obj)->Get(name->View());
        if (!v.IsNull())
            return v;
        return SpecialAttribute(ts, obj, name->View());
    }
    Type* type = TypeOf(obj);
    const Value descriptor = LookupInType(type, name);
    if (IsType(descriptor, t.property)) {
        const Property* p = As<Property>(descriptor);
        if (p->fget.IsNone())
            Raise(&ts, t.AttributeError, fmt::format("property '{}' of '{}' object has no getter", name->View(), type->name));
        return Call(ts, p->fget, {obj});
    }
    // A user's descriptor: one with __set__ goes before the instance's dict.
    Value user_get = Value::Null();
    if (descriptor.IsObject() && !descriptor.AsObject()->type->builtin) {
        user_get = LookupInType(descriptor.AsObject()->type, "__get__");
        if (!user_get.IsNull() && !LookupInType(descriptor.AsObject()->type, "__set__").IsNull())
            return Call(ts, user_get, {descriptor, obj, Value::Obj(type)});
    }
    if (Dict* attrs = InstanceDict(ts, obj)) {
        const Value v = DictGetStr(attrs, name->View());
        if (!v.IsNull())
            return v;
    }
    if (!user_get.IsNull())
        return Call(ts, user_get, {descriptor, obj, Value::Obj(type)});
    if (!descriptor.IsNull())
        return BindMethod(ts, descriptor, obj);
    const Value special = SpecialAttribute(ts, obj, name->View());
    if (!special.IsNull())
        return special;
    if (type->has_getattr) {
        // Its AttributeError (with its own message) is the caller's to see.
        const Value hook = LookupInType(type, "__getattr__");
        return Call(ts, hook, {obj, Value::Obj(name)});
    }
    return Value::Null();
}

Value GetAttr(ThreadState& ts, Value obj, Str* name)
{
    const Value v = GetAttrOrNull(ts, obj, name);
    if (v.IsNull())
        NoAttribute(ts, obj, name);
    return v;
}

bool LoadMethod(ThreadState& ts, Value obj, Str* name, Value& func)
{
    const TypeTable& t = Types();
    if (!IsInstance(obj, t.type) && !IsType(obj, t.module) && !IsType(obj, t.super)) {
        Type* type = TypeOf(obj);
        const Value descriptor = LookupInType(type, name);
        const bool plain = IsType(descriptor, t.function) ||
                           (IsType(descriptor, t.builtin_function) && As<BuiltinFunction>(descriptor)->self.IsNull());
        if (plain) {
            Dict* attrs = type->layout == Layout::Plain ? InstanceDict(ts, obj) : nullptr;
            if (attrs == nullptr || DictGetStr(attrs, name->View()).IsNull()) {
                func = descriptor;
                return true;
            }
        }
    }
    func = GetAttr(ts, obj, name);
    return false;
}

void SetAttr(ThreadState& ts, Value obj, Str* name, Value value)
{
    const TypeTable& t = Types();
    if (IsInstance(obj, t.type)) {
        Type* type = As<Type>(obj);
        if (type->builtin)
            TypeError(&ts, fmt::format("cannot set '{}' attribute of immutable type '{}'", name->View(), type->name));
        DictSetStr(type->dict, name, value);
        if (name->View() == "__getattr__")
            type->has_getattr = true;
        return;
    }
    if (IsType(obj, t.module)) {
        As<Module>(obj)->Set(name->View(), value);
        return;
    }
    Type* type = TypeOf(obj);
    const Value descriptor = LookupInType(type, name);
    if (IsType(descriptor, t.property)) {
        const Property* p = As<Property>(descriptor);
        if (p->fset.IsNone())
            Raise(&ts, t.AttributeError,
                  fmt::format("property '{}' of '{}' object has no setter", name->View(), type->name));
        Call(ts, p->fset, {obj, value});
        return;
    }
    if (descriptor.IsObject() && !descriptor.AsObject()->type->builtin) {
        const Value user_set = LookupInType(descriptor.AsObject()->type, "__set__");
        if (!user_set.IsNull()) {
            Call(ts, user_set, {descriptor, obj, value});
            return;
        }
    }
    if (type->has_setattr) {
        const Value hook = LookupInType(type, "__setattr__");
        if (!IsType(hook, t.builtin_function)) {
            Call(ts, hook, {obj, Value::Obj(name), value});
            return;
        }
    }
    if (type->special_setattr != nullptr && type->special_setattr(ts, obj, name->View(), value))
        return;
    if (Dict* attrs = InstanceDict(ts, obj)) {
        DictSetStr(attrs, name, value);
        return;
    }
    if (descriptor.IsNull())
        Raise(&ts, t.AttributeError, fmt::format("'{}' object has no attribute '{}'", TypeName(obj), name->View()));
    Raise(&ts, t.AttributeError,
          fmt::format("'{}' object attribute '{}' is read-only", TypeName(obj), name->View()));
}

void DelAttr(ThreadState& ts, Value obj, Str* name)
{
    const TypeTable& t = Types();
    if (IsInstance(obj, t.type) && !As<Type>(obj)->builtin) {
        if (!DictDel(&ts, As<Type>(obj)->dict, Value::Obj(name)))
            NoAttribute(ts, obj, name);
        return;
    }
    const Value descriptor = LookupInType(TypeOf(obj), name);
    if (IsType(descriptor, t.property) && !As<Property>(descriptor)->fdel.IsNone()) {
        Call(ts, As<Property>(descriptor)->fdel, {obj});
        return;
    }
    Dict* attrs = InstanceDict(ts, obj);
    if (attrs == nullptr || !DictDel(&ts, attrs, Value::Obj(name)))
        NoAttribute(ts, obj, name);
}

// ---------------------------------------------------------------- calls

bool IsCallable(Value v)
{
    const TypeTable& t = Types();
    if (!v.IsObject())
        return false;
    const Type* type = v.AsObject()->type;
    if (type == t.function || type == t.builtin_function || type == t.method || type == t.staticmethod ||
        type->IsSubtypeOf(t.type))
        return true;
    return !LookupInType(type, "__call__").IsNull();
}

bool IsPythonCallable(Value callable)
{
    const TypeTable& t = Types();
    if (IsType(callable, t.function))
        return true;
    if (IsType(callable, t.method))
        return IsType(As<BoundMethod>(callable)->func, t.function);
    return false;
}

bool CallSkipsCheck(const Interpreter& in, Value callable, int nargs)
{
    if (in.model == Model::Py39)
        return false;
    if (IsType(callable, Types().builtin_function))
        return As<BuiltinFunction>(callable)->quick;
    return callable == Value::Obj(Types().type) && nargs == 1;
}

Value Call(ThreadState& ts, Value callable, const Args& args)
{
    const TypeTable& t = Types();
    if (callable.IsObject()) {
        Object* o = callable.AsObject();
        if (o->type == t.function) {
            Frame* frame = PrepareCall(ts, static_cast<Function*>(o), args);
            return RunFrame(ts, frame);
        }
        if (o->type == t.builtin_function) {
            BuiltinFunction* b = static_cast<BuiltinFunction*>(o);
            if (b->self.IsNull())
                return b->fn(ts, args);
            PrependSelf with_self(b->self, args);
            return b->fn(ts, with_self.Get());
        }
        if (o->type == t.method) {
            BoundMethod* m = static_cast<BoundMethod*>(o);
            if (IsType(m->func, t.function)) {
                Frame* frame = PrepareCall(ts, As<Function>(m->func), args, m->self);
                return RunFrame(ts, frame);
            }
            PrependSelf with_self(m->self, args);
            return Call(ts, m->func, with_self.Get());
        }
        if (o->type->IsSubtypeOf(t.type))
            return CallType(ts, static_cast<Type*>(o), args);
        if (o->type == t.staticmethod)
            return Call(ts, static_cast<StaticMethod*>(o)->func, args);
        const Value hook = LookupInType(o->type, "__call__");
        if (!hook.IsNull()) {
            PrependSelf with_self(callable, args);
            return Call(ts, hook, with_self.Get());
        }
    }
    TypeError(&ts, fmt::format("'{}' object is not callable", TypeName(callable)));
}

Value Call(ThreadState& ts, Value callable, std::initializer_list<Value> pos)
{
    const Args args{pos.begin(), int(pos.size()), nullptr, nullptr};
    return Call(ts, callable, args);
}

Value CallMethod(ThreadState& ts, Value obj, std::string_view name, std::initializer_list<Value> pos)
{
    return Call(ts, GetAttr(ts, obj, Intern(name)), pos);
}

Value CallWithTuple(ThreadState& ts, Value callable, const Tuple* args, Value kwargs)
{
    std::vector<Value> values(args->items.begin(), args->items.end());
    const Tuple* kwnames = nullptr;
    if (!kwargs.IsNull()) {
        const std::vector<DictEntry> items = DictItems(As<Dict>(kwargs));
        Tuple* names = NewTuple(items.size());
        for (size_t i = 0; i < items.size(); ++i) {
            if (!IsType(items[i].key, Types().str))
                TypeError(&ts, "keywords must be strings");
            names->items[i] = items[i].key;
            values.push_back(items[i].value);
        }
        kwnames = items.empty() ? nullptr : names;
    }
    const Args a{values.data(), int(args->Size()), values.data() + args->Size(), kwnames};
    return Call(ts, callable, a);
}

// ---------------------------------------------------------------- truth, length, membership

bool Truthy(ThreadState& ts, Value v)
{
    if (v.IsBool())
        return v.IsTrue();
    if (v.IsNone())
        return false;
    if (v.IsSmallInt())
        return v.AsSmallInt() != 0;
    if (v.IsFloat())
        return v.AsFloat() != 0;
    if (!v.IsObject())
        return true;
    const TypeTable& t = Types();
    const Type* type = v.AsObject()->type;
    if (type == t.int_)
        return IntValue(v) != 0;
    if (type == t.str)
        return As<Str>(v)->length > 0;
    if (type == t.list)
        return ListSize(As<List>(v)) > 0;
    if (type == t.tuple)
        return As<Tuple>(v)->Size() > 0;
    if (type == t.dict)
        return DictSize(As<Dict>(v)) > 0;
    if (type == t.set || type == t.frozenset)
        return SetSize(As<Set>(v)) > 0;
    if (type == t.range)
        return As<Range>(v)->length > 0;
    if (type->builtin && type->layout == Layout::Native && type != t.dict_keys && type != t.dict_values &&
        type != t.dict_items)
        return true;
    const Value hook = LookupInType(type, "__bool__");
    if (!hook.IsNull()) {
        const Value r = Call(ts, hook, {v});
        if (!r.IsBool())
            TypeError(&ts, fmt::format("__bool__ should return bool, returned {}", TypeName(r)));
        return r.IsTrue();
    }
    if (!LookupInType(type, "__len__").IsNull())
        return Len(ts, v) > 0;
    return true;
}

int64_t Len(ThreadState& ts, Value v)
{
    const TypeTable& t = Types();
    const Type* type = TypeOf(v);
    if (type == t.str)
        return As<Str>(v)->length;
    if (type == t.list)
        return int64_t(ListSize(As<List>(v)));
    if (type == t.tuple)
        return int64_t(As<Tuple>(v)->Size());
    if (type == t.dict)
        return DictSize(As<Dict>(v));
    if (type == t.set || type == t.frozenset)
        return SetSize(As<Set>(v));
    if (type == t.range)
        return As<Range>(v)->length;
    if (type == t.dict_keys || type == t.dict_values || type == t.dict_items)
        return DictSize(As<DictView>(v)->dict);
    const Value hook = LookupInType(type, "__len__");
    if (hook.IsNull() || type->builtin)
        TypeError(&ts, fmt::format("object of type '{}' has no len()", type->name));
    const Value r = Call(ts, hook, {v});
    if (!IsInt(r))
        TypeError(&ts, fmt::format("'{}' object cannot be interpreted as an integer", TypeName(r)));
    if (IntValue(r) < 0)
        ValueError(&ts, "__len__() should return >= 0");
    return IntValue(r);
}

bool Contains(ThreadState& ts, Value container, Value item)
{
    const TypeTable& t = Types();
    const Type* type = TypeOf(container);
    if (type == t.str) {
        if (!IsType(item, t.str))
            TypeError(&ts, fmt::format("'in <string>' requires string as left operand, not {}", TypeName(item)));
        return StrView(container).find(StrView(item)) != std::string_view::npos;
    }
    if (type == t.dict)
        return !DictGet(&ts, As<Dict>(container), item).IsNull();
    if (type == t.dict_keys)
        return !DictGet(&ts, As<DictView>(container)->dict, item).IsNull();
    if (type == t.set || type == t.frozenset)
        return SetHas(&ts, As<Set>(container), item);
    if (type == t.list) {
        for (Value v : ListCopy(As<List>(container)))
            if (v == item || Eq(&ts, v, item))
                return true;
        return false;
    }
    if (type == t.tuple) {
        for (Value v : As<Tuple>(container)->items)
            if (v == item || Eq(&ts, v, item))
                return true;
        return false;
    }
    if (type == t.range && IsInt(item)) {
        const Range* r = As<Range>(container);
        const int64_t x = IntValue(item);
        if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop))
            return false;
        return (x - r->start) % r->step == 0;
    }
    const Value hook = LookupInType(type, "__contains__");
    if (!hook.IsNull() && !type->builtin)
        return Truthy(ts, Call(ts, hook, {container, item}));
    const Value it = GetIterOrNull(ts, container);
    if (it.IsNull())
        TypeError(&ts, fmt::format("argument of type '{}' is not iterable", type->name));
    Value v;
    while (Next(ts, it, v))
        if (v == item || Eq(&ts, v, item))
            return true;
    return false;
}

// ---------------------------------------------------------------- indices and items

int64_t IndexValue(ThreadState& ts, Value v, const char* what)
{
    if (IsInt(v))
        return IntValue(v);
    const Value hook = LookupInType(TypeOf(v), "__index__");
    if (!hook.IsNull() && !TypeOf(v)->builtin) {
        const Value r = Call(ts, hook, {v});
        if (IsInt(r))
            return IntValue(r);
    }
    TypeError(&ts, fmt::format("{} must be integers or slices, not {}", what, TypeName(v)));
}

int64_t NormalizeIndex(ThreadState& ts, Value index, int64_t length, const char* type_name)
{
    if (!IsInt(index)) {
        if (LookupInType(TypeOf(index), "__index__").IsNull() || TypeOf(index)->builtin)
            TypeError(&ts, fmt::format("{} indices must be integers or slices, not {}", type_name, TypeName(index)));
    }
    int64_t i = IndexValue(ts, index);
    if (i < 0)
        i += length;
    if (i < 0 || i >= length)
        Raise(&ts, Types().IndexError, fmt::format("{} index out of range", type_name));
    return i;
}

SliceBounds ResolveSlice(ThreadState& ts, const Slice* slice, int64_t length)
{
    auto get = [&](Value v, int64_t fallback) {
        if (v.IsNone())
            return fallback;
        if (!IsInt(v) && (LookupInType(TypeOf(v), "__index__").IsNull() || TypeOf(v)->builtin))
            TypeError(&ts, "slice indices must be integers or None or have an __index__ method");
        return IndexValue(ts, v);
    };
    int64_t step = get(slice->step, 1);
    if (step == 0)
        ValueError(&ts, "slice step cannot be zero");
    int64_t start, stop;
    if (step > 0) {
        start = get(slice->start, 0);
        stop = get(slice->stop, length);
        if (start < 0)
            start = std::max<int64_t>(0, start + length);
        if (stop < 0)
            stop = std::max<int64_t>(0, stop + length);
        start = std::min(start, length);
        stop = std::min(stop, length);
    } else {
        start = get(slice->start, length - 1);
        stop = get(slice->stop, -1 - length);
        if (start < 0)
            start = std::max<int64_t>(-1, start + length);
        if (stop < 0)
            stop = std::max<int64_t>(-1, stop + length);
        start = std::min(start, length - 1);
        stop = std::min(stop, length - 1);
    }
    int64_t count = 0;
    if (step > 0 && start < stop)
        count = (stop - start - 1) / step + 1;
    else if (step < 0 && start > stop)
        count = (start - stop - 1) / (-step) + 1;
    return SliceBounds{start, stop, step, count};
}

Value GetItem(ThreadState& ts, Value obj, Value key)
{
    const TypeTable& t = Types();
    const Type* type = TypeOf(obj);
    if (type->getitem != nullptr)
        return type->getitem(ts, obj, key);
    if (IsInstance(obj, t.type)) {
        // list[int], dict[str, int]: a generic alias; threadlab keeps the class.
        const Value hook = LookupInType(As<Type>(obj), "__class_getitem__");
        if (!hook.IsNull())
            return Call(ts, BindMethod(ts, hook, obj), {key});
        return obj;
    }
    const Value hook = LookupInType(type, "__getitem__");
    if (hook.IsNull())
        TypeError(&ts, fmt::format("'{}' object is not subscriptable", type->name));
    return Call(ts, hook, {obj, key});
}

void SetItem(ThreadState& ts, Value obj, Value key, Value value)
{
    const Type* type = TypeOf(obj);
    if (type->setitem != nullptr) {
        type->setitem(ts, obj, key, value);
        return;
    }
    const Value hook = LookupInType(type, "__setitem__");
    if (hook.IsNull() || type->builtin)
        TypeError(&ts, fmt::format("'{}' object does not support item assignment", type->name));
    Call(ts, hook, {obj, key, value});
}

void DelItem(ThreadState& ts, Value obj, Value key)
{
    const Type* type = TypeOf(obj);
    if (type->delitem != nullptr) {
        type->delitem(ts, obj, key);
        return;
    }
    const Value hook = LookupInType(type, "__delitem__");
    if (hook.IsNull() || type->builtin)
        TypeError(&ts, fmt::format("'{}' object does not support item deletion", type->name));
    Call(ts, hook, {obj, key});
}

// ---------------------------------------------------------------- iteration

Value GetIterOrNull(ThreadState& ts, Value obj)
{
    const Type* type = TypeOf(obj);
    if (type->iter != nullptr)
        return type->iter(ts, obj);
    if (type->iternext != nullptr)
        return obj; // an iterator is its own iterator
    if (type->builtin)
        return Value::Null();
    const Value hook = LookupInType(type, "__iter__");
    if (hook.IsNull()) {
        if (!LookupInType(type, "__getitem__").IsNull()) {
            // The old sequence protocol: obj[0], obj[1], … until IndexError.
            CombinedIterator* it = New<CombinedIterator>(Types().seq_iterator, CombinedIterator::GetItemSequence);
            it->extra = obj;
            return Value::Obj(it);
        }
        return Value::Null();
    }
    const Value it = Call(ts, hook, {obj});
    const Type* it_type = TypeOf(it);
    if (it_type->iternext == nullptr && LookupInType(it_type, "__next__").IsNull())
        TypeError(&ts, fmt::format("iter() returned non-iterator of type '{}'", it_type->name));
    return it;
}

Value GetIter(ThreadState& ts, Value obj)
{
    const Value it = GetIterOrNull(ts, obj);
    if (it.IsNull())
        TypeError(&ts, fmt::format("'{}' object is not iterable", TypeName(obj)));
    return it;
}

bool Next(ThreadState& ts, Value iter, Value& out)
{
    const Type* type = TypeOf(iter);
    if (type->iternext != nullptr)
        return type->iternext(ts, iter, out);
    const Value hook = LookupInType(type, "__next__");
    if (hook.IsNull())
        TypeError(&ts, fmt::format("'{}' object is not an iterator", type->name));
    try {
        out = Call(ts, hook, {iter});
        return true;
    } catch (const PyError& e) {
        if (IsInstance(e.exc, Types().StopIteration))
            return false;
        throw;
    }
}

std::vector<Value> Collect(ThreadState& ts, Value iterable)
{
    const TypeTable& t = Types();
    if (IsType(iterable, t.list))
        return ListCopy(As<List>(iterable));
    if (IsType(iterable, t.tuple)) {
        const Tuple* tu = As<Tuple>(iterable);
        return std::vector<Value>(tu->items.begin(), tu->items.end());
    }
    std::vector<Value> out;
    const Value it = GetIter(ts, iterable);
    Value v;
    while (Next(ts, it, v))
        out.push_back(v);
    return out;
}

} // namespace threadlab::py
