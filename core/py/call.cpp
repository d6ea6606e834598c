// Calls: binding arguments to a Python function's parameters, calling
// classes, building classes, resuming generators.
#include "builtins_impl.hpp"
#include "containers.hpp"
#include "vm.hpp"

#include <fmt/format.h>

namespace threadlab::py {

PrependSelf::PrependSelf(Value self, const Args& args)
{
    const int n = args.npos + args.NumKw() + 1;
    Value* out = m_small;
    if (n > 8) {
        m_big.resize(size_t(n));
        out = m_big.data();
    }
    out[0] = self;
    for (int i = 0; i < args.npos; ++i)
        out[i + 1] = args.pos[i];
    for (int i = 0; i < args.NumKw(); ++i)
        out[args.npos + 1 + i] = args.kwvalues[i];
    m_args.pos = out;
    m_args.npos = args.npos + 1;
    m_args.kwvalues = out + args.npos + 1;
    m_args.kwnames = args.kwnames;
}

void EnterRecursion(ThreadState& ts)
{
    if (++ts.depth > kMaxDepth) {
        --ts.depth;
        Raise(&ts, Types().RecursionError, "maximum recursion depth exceeded");
    }
}

[[noreturn]] void RaiseNameError(ThreadState& ts, Str* name)
{
    Raise(&ts, Types().NameError, fmt::format("name '{}' is not defined", name->View()));
}

[[noreturn]] void RaiseUnboundLocal(ThreadState& ts, Str* name)
{
    Raise(&ts, Types().UnboundLocalError,
          fmt::format("cannot access local variable '{}' where it is not associated with a value", name->View()));
}

[[noreturn]] void RaiseUnboundFree(ThreadState& ts, Str* name)
{
    Raise(&ts, Types().NameError,
          fmt::format("cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                      name->View()));
}

namespace {

std::string FuncName(const Function* fn) { return std::string(fn->qualname->View()) + "()"; }

std::string NameList(const std::vector<std::string>& names)
{
    // 'a', 'a' and 'b', 'a', 'b', and 'c'
    std::string s;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            s += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
        s += "'" + names[i] + "'";
    }
    return s;
}

[[noreturn]] void TooManyPositional(ThreadState& ts, const Function* fn, int given)
{
    const Code* co = fn->code;
    const int ndefaults = fn->defaults ? int(fn->defaults->Size()) : 0;
    const int most = co->argcount;
    const int least = most - ndefaults;
    std::string takes = least == most ? fmt::format("{} positional argument{}", most, most == 1 ? "" : "s")
                                      : fmt::format("from {} to {} positional arguments", least, most);
    TypeError(&ts, fmt::format("{} takes {} but {} {} given", FuncName(fn), takes, given, given == 1 ? "was" : "were"));
}

} // namespace

Frame* PrepareCall(ThreadState& ts, Function* fn, const Args& in_args, Value self)
{
    const Code* co = fn->code;
    Frame* frame = ts.NewFrame(co);
    frame->func = fn;
    frame->module = fn->module;
    Value* locals = frame->Locals();
    // With a receiver, the receiver is the first positional argument.
    std::optional<PrependSelf> with_self;
    const Args* args = &in_args;
    if (!self.IsNull()) {
        with_self.emplace(self, in_args);
        args = &with_self->Get();
    }
    const int argcount = co->argcount;
    const int kwonly = co->kwonlyargcount;
    const int npos = args->npos;
    try {
        int varargs_index = -1, varkw_index = -1;
        int next = argcount + kwonly;
        if (co->flags & kCoVarArgs)
            varargs_index = next++;
        if (co->flags & kCoVarKeywords)
            varkw_index = next++;

        const int direct = std::min(npos, argcount);
        for (int i = 0; i < direct; ++i)
            locals[i] = args->pos[i];
        if (npos > argcount) {
            if (varargs_index < 0)
                TooManyPositional(ts, fn, npos);
            Tuple* extra = NewTuple(size_t(npos - argcount));
            for (int i = argcount; i < npos; ++i)
                extra->items[size_t(i - argcount)] = args->pos[i];
            locals[varargs_index] = Value::Obj(extra);
        } else if (varargs_index >= 0) {
            locals[varargs_index] = Value::Obj(NewTuple(0));
        }
        Dict* kwargs = nullptr;
        if (varkw_index >= 0) {
            kwargs = NewDict();
            locals[varkw_index] = Value::Obj(kwargs);
        }
        const int nkw = args->NumKw();
        for (int k = 0; k < nkw; ++k) {
            const Value name = args->kwnames->items[size_t(k)];
            const std::string_view n = StrView(name);
            int index = -1;
            for (int i = co->posonlyargcount; i < argcount + kwonly; ++i)
                if (co->varnames[size_t(i)]->View() == n) {
                    index = i;
                    break;
                }
            if (index < 0) {
                if (kwargs != nullptr) {
                    DictSet(&ts, kwargs, name, args->kwvalues[k]);
                    continue;
                }
                bool posonly = false;
                for (int i = 0; i < co->posonlyargcount; ++i)
                    posonly |= co->varnames[size_t(i)]->View() == n;
                if (posonly) {
                    // Every positional-only name given as a keyword, as CPython lists them.
                    std::string names;
                    for (int j = 0; j < nkw; ++j) {
                        const std::string_view key = StrView(args->kwnames->items[size_t(j)]);
                        for (int i = 0; i < co->posonlyargcount; ++i)
                            if (co->varnames[size_t(i)]->View() == key)
                                names += (names.empty() ? "" : ", ") + std::string(key);
                    }
                    TypeError(&ts, fmt::format("{} got some positional-only arguments passed as keyword arguments: '{}'",
                                               FuncName(fn), names));
                }
                TypeError(&ts, fmt::format("{} got an unexpected keyword argument '{}'", FuncName(fn), n));
            }
            if (!locals[index].IsNull())
                TypeError(&ts, fmt::format("{} got multiple values for argument '{}'", FuncName(fn), n));
            locals[index] = args->kwvalues[k];
        }
        // Defaults for the missing positionals, then the keyword-only ones.
        const int ndefaults = fn->defaults ? int(fn->defaults->Size()) : 0;
        std::vector<std::string> missing;
        for (int i = 0; i < argcount; ++i) {
            if (!locals[i].IsNull())
                continue;
            const int d = i - (argcount - ndefaults);
            if (d >= 0)
                locals[i] = fn->defaults->items[size_t(d)];
            else
                missing.emplace_back(co->varnames[size_t(i)]->View());
        }
        if (!missing.empty())
            TypeError(&ts, fmt::format("{} missing {} required positional argument{}: {}", FuncName(fn), missing.size(),
                                       missing.size() == 1 ? "" : "s", NameList(missing)));
        for (int i = argcount; i < argcount + kwonly; ++i) {
            if (!locals[i].IsNull())
                continue;
            const Value d = fn->kwdefaults ? DictGet(&ts, fn->kwdefaults, Value::Obj(co->varnames[size_t(i)]))
                                           : Value::Null();
            if (d.IsNull())
                missing.emplace_back(co->varnames[size_t(i)]->View());
            else
                locals[i] = d;
        }
        if (!missing.empty())
            TypeError(&ts, fmt::format("{} missing {} required keyword-only argument{}: {}", FuncName(fn),
                                       missing.size(), missing.size() == 1 ? "" : "s", NameList(missing)));
    } catch (...) {
        ts.FreeFrame(frame);
        throw;
    }
    return frame;
}

Value RunFrame(ThreadState& ts, Frame* frame)
{
    EnterRecursion(ts);
    frame->back = ts.frame;
    frame->entry = true;
    ts.frame = frame;
    Value result;
    try {
        result = Eval(ts);
    } catch (...) {
        LeaveRecursion(ts);
        throw;
    }
    LeaveRecursion(ts);
    return result;
}

// ---------------------------------------------------------------- generators

bool GenResume(ThreadState& ts, Generator* gen, Value value, Value throw_exc, Value& out)
{
    if (gen->running.exchange(true))
        ValueError(&ts, "generator already executing");
    Frame* frame = gen->frame;
    if (frame == nullptr) {
        gen->running.store(false);
        if (!throw_exc.IsNull())
            RaiseObject(throw_exc);
        out = Value::None();
        return false;
    }
    if (!gen->started && !value.IsNone() && throw_exc.IsNull()) {
        gen->running.store(false);
        TypeError(&ts, "can't send non-None value to a just-started generator");
    }
    gen->started = true;
    // The sent value is what the paused YIELD_VALUE (or the first POP_TOP) receives.
    frame->Stack()[frame->sp++] = value;
    frame->pending_throw = throw_exc;
    bool yielded = false;
    try {
        EnterRecursion(ts);
        frame->back = ts.frame;
        frame->entry = true;
        ts.frame = frame;
        out = Eval(ts, &yielded);
        LeaveRecursion(ts);
    } catch (const PyError& e) {
        LeaveRecursion(ts);
        gen->frame = nullptr;
        gen->running.store(false);
        delete frame;
        // PEP 479: a StopIteration escaping a generator becomes RuntimeError.
        if (IsInstance(e.exc, Types().StopIteration)) {
            Value err = NewException(&ts, Types().RuntimeError, "generator raised StopIteration");
            AsException(err)->cause = e.exc;
            AsException(err)->context = e.exc;
            RaiseObject(err);
        }
        throw;
    } catch (...) {
        LeaveRecursion(ts);
        gen->running.store(false);
        throw;
    }
    if (!yielded) {
        gen->frame = nullptr;
        delete frame;
    }
    gen->running.store(false);
    return yielded;
}

Generator::~Generator() { delete frame; }

// ---------------------------------------------------------------- classes

namespace {

Value Allocate(ThreadState& ts, Type* type, const Args& args)
{
    switch (type->layout) {
    case Layout::Plain: return Value::Obj(New<Instance>(type, NewDict()));
    case Layout::Exception: {
        Tuple* t = NewTuple(size_t(args.npos));
        for (int i = 0; i < args.npos; ++i)
            t->items[size_t(i)] = args.pos[i];
        return Value::Obj(New<ExceptionObject>(type, NewDict(), t));
    }
    case Layout::ThreadLocal: return NewLocalInstance(ts, type, args);
    case Layout::Native: break;
    }
    TypeError(&ts, fmt::format("cannot create '{}' instances", type->name));
}

} // namespace

Value CallType(ThreadState& ts, Type* type, const Args& args)
{
    const TypeTable& t = Types();
    if (type == t.type) {
        if (args.npos == 1 && args.NumKw() == 0)
            return Value::Obj(TypeOf(args.pos[0]));
        if (args.npos != 3)
            TypeError(&ts, "type() takes 1 or 3 arguments");
        // type(name, bases, namespace)
        Value bases = args.pos[1];
        Value ns = args.pos[2];
        if (!IsType(bases, t.tuple) || !IsInstance(ns, t.dict))
            TypeError(&ts, "type.__new__() argument 2 must be tuple and 3 must be dict");
        Dict* copy = NewDict();
        for (const DictEntry& e : DictItems(As<Dict>(ns)))
            DictSet(&ts, copy, e.key, e.value);
        return Value::Obj(NewClass(ts, std::string(StrView(args.pos[0])), As<Tuple>(bases), copy));
    }
    if (type->construct != nullptr)
        return type->construct(ts, args);
    if (type->builtin && type->layout == Layout::Native)
        TypeError(&ts, fmt::format("cannot create '{}' instances", type->name));
    // A user's class: __new__ (if it defines one), then __init__.
    Value instance;
    const Value new_fn = LookupInType(type, "__new__");
    if (!new_fn.IsNull() && !IsType(new_fn, t.builtin_function)) {
        Value callable = new_fn;
        if (IsType(new_fn, t.staticmethod))
            callable = As<StaticMethod>(new_fn)->func;
        PrependSelf with_cls(Value::Obj(type), args);
        instance = Call(ts, callable, with_cls.Get());
        if (!IsInstance(instance, type))
            return instance;
    } else {
        instance = Allocate(ts, type, args);
        if (type->layout == Layout::ThreadLocal)
            return instance; // its __init__ runs per thread
    }
    const Value init = LookupInType(type, "__init__");
    if (IsType(init, t.builtin_function)) {
        // object.__init__ / BaseException.__init__
        if (type->layout == Layout::Plain && (args.npos > 0 || args.NumKw() > 0) && new_fn.IsNull())
            TypeError(&ts, fmt::format("{}() takes no arguments", type->name));
        if (type->layout == Layout::Exception && args.NumKw() > 0)
            TypeError(&ts, fmt::format("{}() takes no keyword arguments", type->name));
        return instance;
    }
    PrependSelf with_self(instance, args);
    const Value result = Call(ts, init, with_self.Get());
    if (!result.IsNone())
        TypeError(&ts, fmt::format("__init__() should return None, not '{}'", TypeName(result)));
    return instance;
}

Type* NewClass(ThreadState& ts, std::string name, Tuple* bases, Dict* ns)
{
    const TypeTable& t = Types();
    Type* base = t.object;
    if (bases->Size() > 1)
        TypeError(&ts, "threadlab runs classes with one base class (single inheritance)");
    if (bases->Size() == 1) {
        const Value b = bases->items[0];
        if (!IsType(b, t.type))
            TypeError(&ts, "bases must be types");
        base = As<Type>(b);
        if (!base->subclassable)
            TypeError(&ts, fmt::format("threadlab cannot subclass the builtin type '{}'", base->name));
    }
    Type* type = New<Type>(t.type, name);
    type->builtin = false;
    type->subclassable = true;
    type->base = base;
    type->layout = base->layout == Layout::Exception     ? Layout::Exception
                   : base->layout == Layout::ThreadLocal ? Layout::ThreadLocal
                                                         : Layout::Plain;
    type->is_exception = base->is_exception;
    type->special_attr = base->special_attr;
    type->special_setattr = base->special_setattr;
    type->mro.push_back(type);
    type->mro.insert(type->mro.end(), base->mro.begin(), base->mro.end());
    type->dict = ns;
    type->name_str = Intern(name);
    const Value qualname = DictGetStr(ns, "__qualname__");
    type->qualname = IsType(qualname, t.str) ? As<Str>(qualname) : type->name_str;
    const Value module = DictGetStr(ns, "__module__");
    type->module = IsType(module, t.str) ? std::string(StrView(module)) : "__main__";
    for (const Type* k : type->mro) {
        if (k->builtin)
            break;
        type->has_getattr |= !DictGetStr(k->dict, "__getattr__").IsNull();
        type->has_setattr |= !DictGetStr(k->dict, "__setattr__").IsNull();
    }
    // Defining __eq__ without __hash__ makes instances unhashable, as in CPython.
    if (!DictGetStr(ns, "__eq__").IsNull() && DictGetStr(ns, "__hash__").IsNull())
        DictSetStr(ns, Intern("__hash__"), Value::None());
    // A plain function as __new__ is implicitly a staticmethod.
    const Value new_fn = DictGetStr(ns, "__new__");
    if (IsType(new_fn, t.function))
        DictSetStr(ns, Intern("__new__"), Value::Obj(New<StaticMethod>(t.staticmethod, new_fn)));
    // And a plain function as __init_subclass__ a classmethod.
    const Value init_subclass = DictGetStr(ns, "__init_subclass__");
    if (IsType(init_subclass, t.function))
        DictSetStr(ns, Intern("__init_subclass__"), Value::Obj(New<ClassMethod>(t.classmethod, init_subclass)));
    return type;
}

Value BuildClass(ThreadState& ts, const Args& args)
{
    if (args.npos < 2)
        TypeError(&ts, "__build_class__: not enough arguments");
    if (args.NumKw() > 0)
        TypeError(&ts, "threadlab does not run class keywords (metaclass=…, …)");
    const Value func = args.pos[0];
    const Value name = args.pos[1];
    Tuple* bases = NewTuple(size_t(args.npos - 2));
    for (int i = 2; i < args.npos; ++i)
        bases->items[size_t(i - 2)] = args.pos[i];
    Dict* ns = NewDict();
    Function* body = As<Function>(func);
    Frame* frame = ts.NewFrame(body->code);
    frame->func = body;
    frame->module = body->module;
    frame->locals = ns;
    const Value cell = RunFrame(ts, frame);
    Type* type = NewClass(ts, std::string(StrView(name)), bases, ns);
    if (IsType(cell, Types().cell))
        As<Cell>(cell)->slot.Store(Value::Obj(type));
    DictDel(&ts, ns, Value::Obj(Intern("__classcell__")));
    // As type.__new__: the nearest base's __init_subclass__ hears of the new class.
    const Value hook = LookupInType(type->base, "__init_subclass__");
    if (IsType(hook, Types().classmethod))
        Call(ts, As<ClassMethod>(hook)->func, {Value::Obj(type)});
    return Value::Obj(type);
}

} // namespace threadlab::py
