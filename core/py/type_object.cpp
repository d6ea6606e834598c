// object, type, and the function-like types: function, builtin function,
// bound method, staticmethod, classmethod, property, super; cell, module,
// NoneType and friends.
#include "builtins_impl.hpp"
#include "containers.hpp"
#include "vm.hpp"

#include <fmt/format.h>

namespace threadlab::py {

namespace {

// ---------------------------------------------------------------- object

Value ObjectInit(ThreadState&, const Args&) { return Value::None(); }
Value ObjectRepr(ThreadState& ts, const Args& args)
{
    return StrValue(fmt::format("<{} object at 0x{:x}>", QualTypeName(TypeOf(args.pos[0])),
                                reinterpret_cast<uintptr_t>(args.pos[0].AsObject())));
    (void)ts;
}
Value ObjectStr(ThreadState& ts, const Args& args) { return ReprValue(ts, args.pos[0]); }
Value ObjectEq(ThreadState&, const Args& args)
{
    return args.pos[0] == args.pos[1] ? Value::True() : Value::NotImplemented();
}
Value ObjectNe(ThreadState& ts, const Args& args)
{
    const Value eq = CompareValues(ts, CompareOp::Eq, args.pos[0], args.pos[1]);
    return Value::Bool(!Truthy(ts, eq));
}
Value ObjectHash(ThreadState& ts, const Args& args) { return MakeInt(Hash(&ts, args.pos[0])); }

Value ObjectSetattr(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "__setattr__", 3, 3);
    const Value obj = args.pos[0];
    if (!IsType(args.pos[1], Types().str))
        TypeError(&ts, "attribute name must be string");
    const Type* type = TypeOf(obj);
    if (type->special_setattr != nullptr && type->special_setattr(ts, obj, StrView(args.pos[1]), args.pos[2]))
        return Value::None();
    if (type != Types().object && (type->layout == Layout::Plain || type->layout == Layout::Exception)) {
        DictSet(&ts, static_cast<Instance*>(obj.AsObject())->attrs, args.pos[1], args.pos[2]);
        return Value::None();
    }
    Raise(&ts, Types().AttributeError, fmt::format("'{}' object has no attribute '{}'", TpName(type), StrView(args.pos[1])));
}

Value ObjectGetattribute(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "__getattribute__", 2, 2);
    if (!IsType(args.pos[1], Types().str))
        TypeError(&ts, "attribute name must be string");
    return GetAttr(ts, args.pos[0], Intern(StrView(args.pos[1])));
}

Value ObjectNew(ThreadState& ts, const Args& args)
{
    if (args.npos < 1 || !IsInstance(args.pos[0], Types().type))
        TypeError(&ts, "object.__new__(X): X is not a type object");
    Type* type = As<Type>(args.pos[0]);
    if (type->layout == Layout::Exception) {
        Tuple* t = NewTuple(size_t(args.npos - 1));
        for (int i = 1; i < args.npos; ++i)
            t->items[size_t(i - 1)] = args.pos[i];
        return Value::Obj(New<ExceptionObject>(type, NewDict(), t));
    }
    if (type->layout != Layout::Plain)
        TypeError(&ts, fmt::format("object.__new__({}) is not safe, use {}.__new__()", type->name, type->name));
    return Value::Obj(New<Instance>(type, NewDict()));
}

Value ObjectConstruct(ThreadState& ts, const Args& args)
{
    if (args.npos > 0 || args.NumKw() > 0)
        TypeError(&ts, "object() takes no arguments");
    return Value::Obj(New<Instance>(Types().object, NewDict()));
}

// ---------------------------------------------------------------- functions

Value FunctionSpecial(ThreadState&, Value self, std::string_view name)
{
    Function* f = As<Function>(self);
    if (name == "__name__")
        return Value::Obj(f->name);
    if (name == "__qualname__")
        return Value::Obj(f->qualname);
    if (name == "__doc__")
        return f->doc;
    if (name == "__module__")
        return StrValue(f->code->module ? f->code->module->name : "__main__");
    if (name == "__defaults__")
        return f->defaults ? Value::Obj(f->defaults) : Value::None();
    if (name == "__kwdefaults__")
        return f->kwdefaults ? Value::Obj(f->kwdefaults) : Value::None();
    if (name == "__code__")
        return Value::Obj(const_cast<Code*>(f->code));
    if (name == "__globals__")
        return Value::Obj(f->module);
    if (name == "__annotations__") {
        ObjectGuard guard(f->lock);
        if (f->annotations == nullptr)
            f->annotations = NewDict();
        return Value::Obj(f->annotations);
    }
    return Value::Null();
}

bool FunctionSetSpecial(ThreadState& ts, Value self, std::string_view name, Value value)
{
    Function* f = As<Function>(self);
    if (name == "__name__" || name == "__qualname__") {
        if (!IsType(value, Types().str))
            TypeError(&ts, fmt::format("{} must be set to a string object", name));
        (name == "__name__" ? f->name : f->qualname) = As<Str>(value);
        return true;
    }
    if (name == "__doc__") {
        f->doc = value;
        return true;
    }
    return false;
}

Value FunctionGet(ThreadState& ts, const Args& args)
{
    // func.__get__(obj, type): a bound method (used by decorators that wrap).
    if (args.npos < 2 || args.pos[1].IsNone())
        return args.pos[0];
    return BindMethod(ts, args.pos[0], args.pos[1]);
}

Value BuiltinSpecial(ThreadState&, Value self, std::string_view name)
{
    const BuiltinFunction* b = As<BuiltinFunction>(self);
    if (name == "__name__")
        return StrValue(b->name);
    if (name == "__qualname__")
        return StrValue(b->owner ? b->owner->name + "." + b->name : std::string(b->name));
    if (name == "__self__")
        return b->self.IsNull() ? Value::None() : b->self;
    if (name == "__doc__")
        return Value::None();
    if (name == "__module__")
        return b->owner ? Value::None() : StrValue("builtins");
    return Value::Null();
}

Value MethodSpecial(ThreadState& ts, Value self, std::string_view name)
{
    const BoundMethod* m = As<BoundMethod>(self);
    if (name == "__self__")
        return m->self;
    if (name == "__func__")
        return m->func;
    // Everything else reads through to the function.
    return GetAttrOrNull(ts, m->func, Intern(name));
}

Value StaticMethodConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "staticmethod", 1, 1);
    return Value::Obj(New<StaticMethod>(Types().staticmethod, args.pos[0]));
}

Value ClassMethodConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "classmethod", 1, 1);
    return Value::Obj(New<ClassMethod>(Types().classmethod, args.pos[0]));
}

Value WrapperSpecial(ThreadState& ts, Value self, std::string_view name)
{
    const Value func = IsType(self, Types().staticmethod) ? As<StaticMethod>(self)->func : As<ClassMethod>(self)->func;
    if (name == "__func__" || name == "__wrapped__")
        return func;
    return GetAttrOrNull(ts, func, Intern(name));
}

// ---------------------------------------------------------------- property

Value PropertyConstruct(ThreadState& ts, const Args& args)
{
    Params p(ts, args, "property", {"fget", "fset", "fdel", "doc"}, 0);
    Property* prop = New<Property>(Types().property);
    prop->fget = p.Or(0, Value::None());
    prop->fset = p.Or(1, Value::None());
    prop->fdel = p.Or(2, Value::None());
    prop->doc = p.Or(3, Value::None());
    if (prop->doc.IsNone() && !prop->fget.IsNone()) {
        const Value d = GetAttrOrNull(ts, prop->fget, Intern("__doc__"));
        prop->doc = d.IsNull() ? Value::None() : d;
    }
    return Value::Obj(prop);
}

Value PropertyCopyWith(ThreadState& ts, const Args& args, int which)
{
    ExpectPositional(ts, args, which == 0 ? "getter" : which == 1 ? "setter" : "deleter", 2, 2);
    const Property* old = Self<Property>(ts, args, Types().property, "setter");
    Property* prop = New<Property>(Types().property);
    prop->fget = which == 0 ? args.pos[1] : old->fget;
    prop->fset = which == 1 ? args.pos[1] : old->fset;
    prop->fdel = which == 2 ? args.pos[1] : old->fdel;
    prop->doc = old->doc;
    return Value::Obj(prop);
}
Value PropertyGetter(ThreadState& ts, const Args& args) { return PropertyCopyWith(ts, args, 0); }
Value PropertySetter(ThreadState& ts, const Args& args) { return PropertyCopyWith(ts, args, 1); }
Value PropertyDeleter(ThreadState& ts, const Args& args) { return PropertyCopyWith(ts, args, 2); }

Value PropertySpecial(ThreadState&, Value self, std::string_view name)
{
    const Property* p = As<Property>(self);
    if (name == "fget")
        return p->fget;
    if (name == "fset")
        return p->fset;
    if (name == "fdel")
        return p->fdel;
    if (name == "__doc__")
        return p->doc;
    return Value::Null();
}

// ---------------------------------------------------------------- super

Value SuperConstruct(ThreadState& ts, const Args& args)
{
    const TypeTable& t = Types();
    Type* start = nullptr;
    Value obj = Value::Null();
    if (args.npos == 0) {
        // Zero-argument super(): the enclosing class from the __class__ cell,
        // and the method's first argument.
        Frame* f = ts.frame;
        if (f == nullptr || f->code->argcount == 0)
            Raise(&ts, t.RuntimeError, "super(): no arguments");
        const Code* co = f->code;
        for (size_t i = 0; i < co->freevars.size(); ++i)
            if (co->freevars[i]->View() == "__class__") {
                const Value cell = f->Locals()[co->varnames.size() + co->cellvars.size() + i];
                const Value cls = As<Cell>(cell)->slot.Load();
                if (cls.IsNull() || !IsInstance(cls, t.type))
                    Raise(&ts, t.RuntimeError, "super(): empty __class__ cell");
                start = As<Type>(cls);
            }
        if (start == nullptr)
            Raise(&ts, t.RuntimeError, "super(): __class__ cell not found");
        obj = f->Locals()[0];
        if (co->cell_arg.size() > 0)
            for (size_t k = 0; k < co->cell_arg.size(); ++k)
                if (co->cell_arg[k] == 0)
                    obj = As<Cell>(f->Locals()[co->varnames.size() + k])->slot.Load();
        if (obj.IsNull())
            Raise(&ts, t.RuntimeError, "super(): arg[0] deleted");
    } else {
        ExpectPositional(ts, args, "super", 1, 2);
        if (!IsInstance(args.pos[0], t.type))
            TypeError(&ts, fmt::format("super() argument 1 must be a type, not {}", TypeName(args.pos[0])));
        start = As<Type>(args.pos[0]);
        obj = args.npos == 2 ? args.pos[1] : Value::None();
    }
    Type* obj_type = IsInstance(obj, t.type) && As<Type>(obj)->IsSubtypeOf(start) ? As<Type>(obj) : TypeOf(obj);
    if (!obj_type->IsSubtypeOf(start))
        TypeError(&ts, "super(type, obj): obj must be an instance or subtype of type");
    return Value::Obj(New<Super>(t.super, start, obj, obj_type));
}

Value SuperSpecial(ThreadState& ts, Value self, std::string_view name)
{
    const Super* s = As<Super>(self);
    const std::vector<Type*>& mro = s->obj_type->mro;
    size_t i = 0;
    while (i < mro.size() && mro[i] != s->start)
        ++i;
    for (++i; i < mro.size(); ++i) {
        const Value v = DictGetStr(mro[i]->dict, name);
        if (v.IsNull())
            continue;
        const TypeTable& t = Types();
        if (IsType(v, t.classmethod))
            return Value::Obj(New<BoundMethod>(t.method, As<ClassMethod>(v)->func, Value::Obj(s->obj_type)));
        if (IsType(v, t.property))
            return Call(ts, As<Property>(v)->fget, {s->obj});
        if (IsInstance(s->obj, t.type) && s->obj_type == As<Type>(s->obj) && !IsType(v, t.staticmethod))
            return v; // super(cls, cls).method: unbound
        return BindMethod(ts, v, s->obj);
    }
    if (name == "__class__")
        return Value::Obj(Types().super);
    return Value::Null();
}

// ---------------------------------------------------------------- type

Value TypeConstruct(ThreadState& ts, const Args& args) { return CallType(ts, Types().type, args); }

Value TypeRepr(ThreadState& ts, const Args& args)
{
    (void)ts;
    return StrValue("<class '" + QualTypeName(As<Type>(args.pos[0])) + "'>");
}

Value TypeMro(ThreadState& ts, const Args& args)
{
    const Type* type = Self<Type>(ts, args, Types().type, "mro");
    List* l = NewList();
    for (Type* k : type->mro)
        l->items.push_back(Value::Obj(k));
    return Value::Obj(l);
}

Value TypeSubclasscheck(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "__subclasscheck__", 2, 2);
    return Value::Bool(IsInstance(args.pos[1], Types().type) && As<Type>(args.pos[1])->IsSubtypeOf(As<Type>(args.pos[0])));
}

// ---------------------------------------------------------------- small types

Value NoneConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "NoneType", 0, 0);
    return Value::None();
}

Value ModuleSpecial(ThreadState&, Value self, std::string_view name)
{
    const Module* m = As<Module>(self);
    if (name == "__name__")
        return StrValue(m->name);
    if (name == "__dict__") {
        Dict* d = NewDict();
        for (size_t i = 0; i < m->nslots; ++i) {
            const Value v = m->slots[i].Load();
            if (!v.IsNull())
                DictSetStr(d, m->layout->names[i], v);
        }
        return Value::Obj(d);
    }
    return Value::Null();
}

Value CellSpecial(ThreadState& ts, Value self, std::string_view name)
{
    if (name == "cell_contents") {
        const Value v = As<Cell>(self)->slot.Load();
        if (v.IsNull())
            ValueError(&ts, "Cell is empty");
        return v;
    }
    return Value::Null();
}

Value CodeSpecial(ThreadState&, Value self, std::string_view name)
{
    const Code* c = As<Code>(self);
    if (name == "co_name")
        return StrValue(c->name);
    if (name == "co_qualname")
        return StrValue(c->qualname);
    if (name == "co_filename")
        return StrValue(c->module ? c->module->filename : "<unknown>");
    if (name == "co_firstlineno")
        return MakeInt(c->firstlineno);
    if (name == "co_argcount")
        return MakeInt(c->argcount);
    return Value::Null();
}

// object.__init_subclass__: the end of the chain, which takes no arguments.
Value ObjectInitSubclass(ThreadState& ts, const Args& args)
{
    if (args.npos > 1 || args.NumKw() > 0)
        TypeError(&ts, fmt::format("{}.__init_subclass__() takes no arguments",
                                   args.npos > 0 && IsInstance(args.pos[0], Types().type) ? As<Type>(args.pos[0])->name
                                                                                          : "object"));
    return Value::None();
}

} // namespace

void InitObjectType(TypeTable& t)
{
    Type* o = t.object;
    o->construct = ObjectConstruct;
    AddMethod(o, "__init__", ObjectInit);
    AddMethod(o, "__repr__", ObjectRepr);
    AddMethod(o, "__str__", ObjectStr);
    AddMethod(o, "__eq__", ObjectEq);
    AddMethod(o, "__ne__", ObjectNe);
    AddMethod(o, "__hash__", ObjectHash);
    AddMethod(o, "__setattr__", ObjectSetattr);
    AddMethod(o, "__getattribute__", ObjectGetattribute);
    AddMethod(o, "__new__", ObjectNew);
    DictSetStr(
        o->dict, Intern("__init_subclass__"),
        Value::Obj(New<ClassMethod>(t.classmethod, Value::Obj(NewBuiltin("__init_subclass__", ObjectInitSubclass)))));
    t.type->construct = TypeConstruct;
    AddMethod(t.type, "__repr__", TypeRepr);
    AddMethod(t.type, "mro", TypeMro);
    AddMethod(t.type, "__subclasscheck__", TypeSubclasscheck);
    t.none->construct = NoneConstruct;
    t.module->special_attr = ModuleSpecial;
    t.cell->special_attr = CellSpecial;
    t.code->special_attr = CodeSpecial;
}

void InitFunctionTypes(TypeTable& t)
{
    t.function->special_attr = FunctionSpecial;
    t.function->special_setattr = FunctionSetSpecial;
    AddMethod(t.function, "__get__", FunctionGet);
    t.builtin_function->special_attr = BuiltinSpecial;
    t.method->special_attr = MethodSpecial;
    t.staticmethod->construct = StaticMethodConstruct;
    t.staticmethod->special_attr = WrapperSpecial;
    t.classmethod->construct = ClassMethodConstruct;
    t.classmethod->special_attr = WrapperSpecial;
    t.property->construct = PropertyConstruct;
    t.property->special_attr = PropertySpecial;
    AddMethod(t.property, "getter", PropertyGetter);
    AddMethod(t.property, "setter", PropertySetter);
    AddMethod(t.property, "deleter", PropertyDeleter);
    t.super->construct = SuperConstruct;
    t.super->special_attr = SuperSpecial;
}

// ---------------------------------------------------------------- argument helpers

Params::Params(ThreadState& ts, const Args& args, const char* function, std::initializer_list<const char*> names,
               int required, int positional_only)
    : m_values(names.size(), Value::Null())
{
    const int n = int(names.size());
    if (args.npos > n)
        TypeError(&ts, fmt::format("{}() takes at most {} argument{} ({} given)", function, n, n == 1 ? "" : "s",
                                   args.npos));
    for (int i = 0; i < args.npos; ++i)
        m_values[size_t(i)] = args.pos[i];
    for (int k = 0; k < args.NumKw(); ++k) {
        const std::string_view key = StrView(args.kwnames->items[size_t(k)]);
        int index = -1;
        int i = 0;
        for (const char* name : names) {
            if (key == name)
                index = i;
            ++i;
        }
        if (index < 0 || index < positional_only)
            TypeError(&ts, fmt::format("{}() got an unexpected keyword argument '{}'", function, key));
        if (!m_values[size_t(index)].IsNull())
            TypeError(&ts, fmt::format("argument for {}() given by name ('{}') and position ({})", function, key,
                                       index + 1));
        m_values[size_t(index)] = args.kwvalues[k];
    }
    int i = 0;
    for (const char* name : names) {
        if (i < required && m_values[size_t(i)].IsNull())
            TypeError(&ts, fmt::format("{}() missing required argument '{}' (pos {})", function, name, i + 1));
        ++i;
    }
}

void NoKeywords(ThreadState& ts, const char* function)
{
    TypeError(&ts, fmt::format("{}() takes no keyword arguments", function));
}

void ExpectPositional(ThreadState& ts, const Args& args, const char* function, int min, int max)
{
    if (args.NumKw() > 0)
        NoKeywords(ts, function);
    if (args.npos >= min && args.npos <= max)
        return;
    if (min == max) {
        if (min == 0)
            TypeError(&ts, fmt::format("{}() takes no arguments ({} given)", function, args.npos));
        if (min == 1)
            TypeError(&ts, fmt::format("{}() takes exactly one argument ({} given)", function, args.npos));
        TypeError(&ts, fmt::format("{} expected {} arguments, got {}", function, min, args.npos));
    }
    if (args.npos < min)
        TypeError(&ts, fmt::format("{} expected at least {} argument{}, got {}", function, min, min == 1 ? "" : "s",
                                   args.npos));
    TypeError(&ts, fmt::format("{} expected at most {} argument{}, got {}", function, max, max == 1 ? "" : "s",
                               args.npos));
}

int64_t IntArg(ThreadState& ts, Value v, const char* what)
{
    if (IsInt(v))
        return IntValue(v);
    if (v.IsFloat())
        TypeError(&ts, "'float' object cannot be interpreted as an integer");
    const Value hook = LookupInType(TypeOf(v), "__index__");
    if (!hook.IsNull() && !TypeOf(v)->builtin)
        return IndexValue(ts, v);
    (void)what;
    TypeError(&ts, fmt::format("'{}' object cannot be interpreted as an integer", TypeName(v)));
}

} // namespace threadlab::py
