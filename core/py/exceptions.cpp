// The exception classes, with CPython's hierarchy, and BaseException's methods.
#include "builtins_impl.hpp"
#include "containers.hpp"

#include <fmt/format.h>

namespace threadlab::py {

namespace {

Value ExcInit(ThreadState& ts, const Args& args)
{
    ExceptionObject* e = AsException(args.pos[0]);
    if (e == nullptr)
        TypeError(&ts, "descriptor '__init__' requires a 'BaseException' object");
    Tuple* t = NewTuple(size_t(args.npos - 1));
    for (int i = 1; i < args.npos; ++i)
        t->items[size_t(i - 1)] = args.pos[i];
    e->args = t;
    return Value::None();
}

Value ExcStr(ThreadState& ts, const Args& args)
{
    ExceptionObject* e = AsException(args.pos[0]);
    const Tuple* a = e->args;
    if (a->Size() == 0)
        return StrValue("");
    if (a->Size() == 1) {
        // KeyError('x') reads as 'x': the key's repr.
        if (IsInstance(args.pos[0], Types().KeyError))
            return ReprValue(ts, a->items[0]);
        return StrOf(ts, a->items[0]);
    }
    return ReprValue(ts, Value::Obj(e->args));
}

Value ExcRepr(ThreadState& ts, const Args& args)
{
    ExceptionObject* e = AsException(args.pos[0]);
    const std::string name = TypeOf(args.pos[0])->name;
    const Tuple* a = e->args;
    if (a->Size() == 1)
        return StrValue(name + "(" + Repr(ts, a->items[0]) + ")");
    std::string inner = Repr(ts, Value::Obj(e->args));
    if (a->Size() == 0)
        inner = "()";
    return StrValue(name + inner);
}

Value ExcWithTraceback(ThreadState&, const Args& args) { return args.pos[0]; }

// A traceback object: enough of one to be passed around and read.
struct TracebackObject : Object {
    TracebackObject(Type* t, int line, Value next) : Object(t), lineno(line), tb_next(next) {}
    int lineno;
    Value tb_next;
};

Value TracebackSpecial(ThreadState&, Value self, std::string_view name)
{
    const TracebackObject* tb = static_cast<const TracebackObject*>(self.AsObject());
    if (name == "tb_lineno")
        return MakeInt(tb->lineno);
    if (name == "tb_next")
        return tb->tb_next;
    if (name == "tb_frame" || name == "tb_lasti")
        return Value::None();
    return Value::Null();
}

Type* TracebackType()
{
    static Type* type = [] {
        HeapScope scope(StaticHeap());
        Type* t = NewBuiltinType("traceback", Types().object, Layout::Native, false);
        t->special_attr = TracebackSpecial;
        return t;
    }();
    return type;
}

Value ExcSpecial(ThreadState& ts, Value self, std::string_view name)
{
    ExceptionObject* e = AsException(self);
    if (name == "args")
        return Value::Obj(e->args);
    if (name == "__cause__")
        return e->cause;
    if (name == "__context__")
        return e->context;
    if (name == "__suppress_context__")
        return Value::Bool(e->suppress_context);
    if (name == "__traceback__")
        return TracebackOf(self);
    if (name == "value" && IsInstance(self, Types().StopIteration))
        return e->args->Size() > 0 ? e->args->items[0] : Value::None();
    if (name == "code" && IsInstance(self, Types().SystemExit))
        return e->args->Size() > 0 ? e->args->items[0] : Value::None();
    (void)ts;
    return Value::Null();
}

bool ExcSetSpecial(ThreadState& ts, Value self, std::string_view name, Value value)
{
    ExceptionObject* e = AsException(self);
    if (name == "__cause__") {
        if (!value.IsNone() && AsException(value) == nullptr)
            TypeError(&ts, "exception cause must be None or derive from BaseException");
        e->cause = value;
        e->suppress_context = true;
        return true;
    }
    if (name == "__context__") {
        e->context = value;
        return true;
    }
    if (name == "__suppress_context__") {
        e->suppress_context = Truthy(ts, value);
        return true;
    }
    if (name == "args") {
        Tuple* t = NewTuple(0);
        const std::vector<Value> items = Collect(ts, value);
        t->items.assign(items.begin(), items.end());
        e->args = t;
        return true;
    }
    return false;
}

Type* Exc(const char* name, Type* base)
{
    Type* t = NewBuiltinType(name, base, Layout::Exception, true);
    t->is_exception = true;
    t->special_attr = ExcSpecial;
    t->special_setattr = ExcSetSpecial;
    return t;
}

} // namespace

Value TracebackOf(Value exc)
{
    ExceptionObject* e = AsException(exc);
    if (e == nullptr || e->traceback.empty())
        return Value::None();
    // Outermost first, linked to the innermost, as CPython's tb_next chain.
    Value next = Value::None();
    for (const TracebackEntry& entry : e->traceback)
        next = Value::Obj(New<TracebackObject>(TracebackType(), entry.line, next));
    return next;
}

void InitExceptionTypes(TypeTable& t)
{
    t.BaseException = Exc("BaseException", t.object);
    AddMethod(t.BaseException, "__init__", ExcInit);
    AddMethod(t.BaseException, "__str__", ExcStr);
    AddMethod(t.BaseException, "__repr__", ExcRepr);
    AddMethod(t.BaseException, "with_traceback", ExcWithTraceback);
    t.SystemExit = Exc("SystemExit", t.BaseException);
    t.KeyboardInterrupt = Exc("KeyboardInterrupt", t.BaseException);
    t.GeneratorExit = Exc("GeneratorExit", t.BaseException);
    t.Exception = Exc("Exception", t.BaseException);
    t.ArithmeticError = Exc("ArithmeticError", t.Exception);
    t.ZeroDivisionError = Exc("ZeroDivisionError", t.ArithmeticError);
    t.OverflowError = Exc("OverflowError", t.ArithmeticError);
    t.AssertionError = Exc("AssertionError", t.Exception);
    t.AttributeError = Exc("AttributeError", t.Exception);
    t.LookupError = Exc("LookupError", t.Exception);
    t.IndexError = Exc("IndexError", t.LookupError);
    t.KeyError = Exc("KeyError", t.LookupError);
    t.NameError = Exc("NameError", t.Exception);
    t.UnboundLocalError = Exc("UnboundLocalError", t.NameError);
    t.RuntimeError = Exc("RuntimeError", t.Exception);
    t.RecursionError = Exc("RecursionError", t.RuntimeError);
    t.NotImplementedError = Exc("NotImplementedError", t.RuntimeError);
    t.StopIteration = Exc("StopIteration", t.Exception);
    t.TypeError = Exc("TypeError", t.Exception);
    t.ValueError = Exc("ValueError", t.Exception);
    t.UnicodeError = Exc("UnicodeError", t.ValueError);
    t.MemoryError = Exc("MemoryError", t.Exception);
    t.ImportError = Exc("ImportError", t.Exception);
    t.ModuleNotFoundError = Exc("ModuleNotFoundError", t.ImportError);
    t.OSError = Exc("OSError", t.Exception);
    t.TimeoutError = Exc("TimeoutError", t.OSError);
    t.EOFError = Exc("EOFError", t.Exception);
    t.PicklingError = Exc("PicklingError", t.Exception);
    t.PicklingError->module = "_pickle";
    t.Warning = Exc("Warning", t.Exception);
    t.UserWarning = Exc("UserWarning", t.Warning);
    t.DeprecationWarning = Exc("DeprecationWarning", t.Warning);
    t.RuntimeWarning = Exc("RuntimeWarning", t.Warning);
}

std::vector<Type*> AllExceptionTypes()
{
    const TypeTable& t = Types();
    return {t.BaseException,   t.SystemExit,        t.KeyboardInterrupt, t.GeneratorExit,     t.Exception,
            t.ArithmeticError, t.ZeroDivisionError, t.OverflowError,     t.AssertionError,    t.AttributeError,
            t.LookupError,     t.IndexError,        t.KeyError,          t.NameError,         t.UnboundLocalError,
            t.RuntimeError,    t.RecursionError,    t.NotImplementedError, t.StopIteration,   t.TypeError,
            t.ValueError,      t.UnicodeError,      t.MemoryError,       t.ImportError,       t.ModuleNotFoundError,
            t.OSError,         t.TimeoutError,      t.EOFError,          t.Warning,           t.UserWarning,
            t.DeprecationWarning, t.RuntimeWarning};
}

} // namespace threadlab::py
