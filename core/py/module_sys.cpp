// sys: the switch interval (the executor's), argv, the standard streams,
// version information for the chosen model.
#include "builtins_impl.hpp"
#include "containers.hpp"

#include <cmath>
#include <fmt/format.h>

namespace threadlab::py {

namespace {

struct Stream : Object {
    Stream(Type* t, bool e) : Object(t), err(e) {}
    const bool err;
};

Type* StreamType();

Value StreamWrite(ThreadState& ts, const Args& args)
{
    Stream* s = Self<Stream>(ts, args, StreamType(), "write");
    ExpectPositional(ts, args, "write", 2, 2);
    if (!IsType(args.pos[1], Types().str))
        TypeError(&ts, fmt::format("write() argument must be str, not {}", TypeName(args.pos[1])));
    ts.exec.Write(ts, std::string(StrView(args.pos[1])), s->err);
    return MakeInt(As<Str>(args.pos[1])->length);
}

Value StreamFlush(ThreadState&, const Args&) { return Value::None(); }

Type* StreamType()
{
    static Type* type = [] {
        HeapScope scope(StaticHeap());
        Type* t = NewBuiltinType("TextIOWrapper", Types().object, Layout::Native, false);
        t->module = "_io";
        AddMethod(t, "write", StreamWrite);
        AddMethod(t, "flush", StreamFlush);
        return t;
    }();
    return type;
}

Value SetSwitchInterval(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "setswitchinterval", 1, 1);
    const double interval = ToDouble(ts, args.pos[0]);
    if (!(interval > 0))
        ValueError(&ts, "switch interval must be strictly positive");
    ts.exec.SetSwitchInterval(interval);
    return Value::None();
}

Value GetSwitchInterval(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "getswitchinterval", 0, 0);
    return Value::Float(ts.exec.SwitchInterval());
}

Value Exit(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "exit", 0, 1);
    throw PyError{NewExceptionArgs(Types().SystemExit, args.npos == 0 ? NewTuple(0) : NewTuple({args.pos[0]}))};
}

Value ExcInfo(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "exc_info", 0, 0);
    const Value e = ts.exc_info;
    if (e.IsNone())
        return Value::Obj(NewTuple({Value::None(), Value::None(), Value::None()}));
    return Value::Obj(NewTuple({Value::Obj(TypeOf(e)), e, TracebackOf(e)}));
}

// sys.excepthook(type, value, traceback): prints the exception as an
// uncaught one (threading calls it when threading.excepthook itself fails).
Value SysExceptHook(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "excepthook", 3, 3);
    const Value exc = args.pos[1];
    if (AsException(exc) == nullptr)
        TypeError(&ts, "excepthook: the exception must be an exception instance");
    ts.interp.NoteUncaught(ts, exc, std::to_string(ts.ident));
    ts.interp.PrintException(ts, exc);
    return Value::None();
}

Value GetRecursionLimit(ThreadState&, const Args&) { return MakeInt(kMaxDepth); }

Value SetRecursionLimit(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "setrecursionlimit", 1, 1);
    const int64_t n = IntArg(ts, args.pos[0], "limit");
    if (n < 1)
        ValueError(&ts, "recursion limit must be greater or equal than 1");
    if (n > kMaxDepth)
        ValueError(&ts, fmt::format("threadlab's recursion limit is {}; it cannot be raised", kMaxDepth));
    return Value::None();
}

Value IsGilEnabled(ThreadState& ts, const Args&) { return Value::Bool(HasGil(ts.interp.model)); }

} // namespace

bool IsStdStream(Value v, bool err) { return IsType(v, StreamType()) && As<Stream>(v)->err == err; }

Module* MakeSysModule(ThreadState& ts)
{
    const Interpreter& in = ts.interp;
    NativeModuleSpec s;
    s.Function("setswitchinterval", SetSwitchInterval);
    s.Function("getswitchinterval", GetSwitchInterval);
    s.Function("exit", Exit);
    s.Function("exc_info", ExcInfo);
    s.Function("excepthook", SysExceptHook);
    s.Function("__excepthook__", SysExceptHook);
    s.Function("getrecursionlimit", GetRecursionLimit);
    s.Function("setrecursionlimit", SetRecursionLimit);
    s.Function("_is_gil_enabled", IsGilEnabled);
    List* argv = NewList();
    for (const std::string& a : in.settings.argv)
        argv->items.push_back(StrValue(a));
    if (argv->items.empty())
        argv->items.push_back(StrValue(in.program.Find(in.program.main)->filename));
    s.Set("argv", Value::Obj(argv));
    const Value out = Value::Obj(New<Stream>(StreamType(), false));
    const Value err = Value::Obj(New<Stream>(StreamType(), true));
    s.Set("stdout", out);
    s.Set("stderr", err);
    s.Set("__stdout__", out);
    s.Set("__stderr__", err);
    s.Set("maxsize", MakeInt(INT64_MAX));
    s.Set("platform", StrValue("linux"));
    s.Set("byteorder", StrValue("little"));
    const Model m = in.model;
    const int minor = m == Model::Py39 ? 9 : m == Model::Py312 ? 12 : 13;
    const int micro = m == Model::Py39 ? 18 : m == Model::Py312 ? 1 : 0;
    s.Set("version_info", Value::Obj(NewTuple({MakeInt(3), MakeInt(minor), MakeInt(micro), StrValue("final"), MakeInt(0)})));
    s.Set("version", StrValue(fmt::format("3.{}.{} (threadlab's {} model)", minor, micro, ModelName(m))));
    s.Set("executable", StrValue("threadlab"));
    return BuildNativeModule("sys", std::move(s));
}

} // namespace threadlab::py
