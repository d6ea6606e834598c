// _process: the native core of ProcessPoolExecutor (concurrent/futures/
// process.py) — emulated processes and the queues between them, as
// multiprocessing gives CPython's. A process is another interpreter of the
// same program with a GIL of its own (Executor::StartProcess); a value
// crosses only as a copy (portable.hpp), so two processes never share an
// object. A queue's items wait in C++; a get that finds none waits on a
// lock through the executor, which releases the GIL meanwhile.
#include "builtins_impl.hpp"
#include "cost_model.hpp"
#include "portable.hpp"
#include "vm.hpp"

#include <cmath>
#include <deque>
#include <fmt/format.h>
#include <mutex>

namespace threadlab::py {

namespace {

// What every process's wrapper of one queue shares.
struct Channel {
    std::mutex mutex;
    std::deque<Portable> items;
    // Locked while a getter may have to wait; a put unlocks it. Made by
    // whichever interpreter made the queue, usable from any (a runtime Lock
    // is not tied to a thread or a GIL).
    std::unique_ptr<ExecLock> ready;
};

struct QueueObject : Object {
    QueueObject(Type* t, std::shared_ptr<Channel> c) : Object(t), channel(std::move(c)) {}
    std::shared_ptr<Channel> channel;
};

struct ProcessState {
    std::atomic<int> exit_code{-1}; // -1 while it runs
};

struct ProcessObject : Object {
    ProcessObject(Type* t, std::shared_ptr<ExecThread> th, std::shared_ptr<ProcessState> s, std::string n)
        : Object(t), thread(std::move(th)), state(std::move(s)), name(std::move(n))
    {
    }
    std::shared_ptr<ExecThread> thread;
    std::shared_ptr<ProcessState> state;
    std::string name;
};

struct ProcessTypes {
    Type* queue;
    Type* process;
};
ProcessTypes& PT();

void Put(ThreadState& ts, Channel& c, Portable item);

QueueObject* AsQueue(ThreadState& ts, const Args& args, const char* m) { return Self<QueueObject>(ts, args, PT().queue, m); }

Value QueueConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "Queue", 0, 0);
    auto channel = std::make_shared<Channel>();
    channel->ready = ts.exec.NewLock(ts);
    ts.exec.Acquire(ts, *channel->ready, false, 0, WaitKind::Queue); // empty: a getter will wait
    return Value::Obj(New<QueueObject>(PT().queue, std::move(channel)));
}

Value QueuePut(ThreadState& ts, const Args& args)
{
    QueueObject* q = AsQueue(ts, args, "put");
    ExpectPositional(ts, args, "put", 2, 2);
    Put(ts, *q->channel, ToPortable(ts, args.pos[1])); // may raise: nothing is queued then
    return Value::None();
}

// get(block=True, timeout=None) -> (True, item) or (False, None) when it timed out.
Value QueueGet(ThreadState& ts, const Args& args)
{
    QueueObject* q = AsQueue(ts, args, "get");
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, "get", {"block", "timeout"}, 0);
    const bool block = !p.Has(0) || Truthy(ts, p[0]);
    const double timeout = p.Has(1) && !p[1].IsNone() ? std::max(0.0, ToDouble(ts, p[1])) : -1;
    const double deadline = timeout < 0 ? 0 : ts.exec.Now(ts) + timeout;
    Channel& c = *q->channel;
    for (;;) {
        std::optional<Portable> item;
        bool more = false;
        {
            std::lock_guard lock(c.mutex);
            if (!c.items.empty()) {
                item = std::move(c.items.front());
                c.items.pop_front();
                more = !c.items.empty();
            }
        }
        if (item) {
            // Pass the wake-up on to the next getter while items remain.
            if (more && ts.exec.Locked(*c.ready))
                ts.exec.Release(ts, *c.ready);
            return Value::Obj(NewTuple({Value::True(), FromPortable(ts, *item)}));
        }
        if (!block)
            return Value::Obj(NewTuple({Value::False(), Value::None()}));
        const double left = timeout < 0 ? -1 : deadline - ts.exec.Now(ts);
        if (timeout >= 0 && left <= 0)
            return Value::Obj(NewTuple({Value::False(), Value::None()}));
        ts.exec.Acquire(ts, *c.ready, true, left, WaitKind::Queue);
    }
}

std::shared_ptr<void> ShareQueue(Value self) { return As<QueueObject>(self)->channel; }

Value UnshareQueue(ThreadState&, const std::shared_ptr<void>& shared)
{
    return Value::Obj(New<QueueObject>(PT().queue, std::static_pointer_cast<Channel>(shared)));
}

void Put(ThreadState& ts, Channel& c, Portable item)
{
    {
        std::lock_guard lock(c.mutex);
        c.items.push_back(std::move(item));
    }
    if (ts.exec.Locked(*c.ready))
        ts.exec.Release(ts, *c.ready); // false if another put got there first: fine
}

Portable Text(std::string text)
{
    Portable p;
    p.kind = Portable::Kind::Str;
    p.text = std::move(text);
    return p;
}

Portable Integer(int64_t i)
{
    Portable p;
    p.kind = Portable::Kind::Int;
    p.integer = i;
    return p;
}

// start(target, args, name, exits): a new process runs target(*args) after
// importing the main module as __mp_main__; when it ends, however it ends,
// ("exited", pid, exitcode) goes on the queue `exits`, as a dead process's
// sentinel tells multiprocessing.
Value Start(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "start", 4, 4);
    if (!IsType(args.pos[3], PT().queue))
        TypeError(&ts, "start() argument 4 must be a _process.Queue");
    std::shared_ptr<Channel> exits = As<QueueObject>(args.pos[3])->channel;
    if (ts.interp.bootstrapping)
        Raise(&ts, Types().RuntimeError,
              "An attempt has been made to start a new process before the current process has finished its "
              "bootstrapping phase. Make the pool under `if __name__ == '__main__':`.");
    auto target = std::make_shared<Portable>(ToPortable(ts, args.pos[0]));
    auto call_args = std::make_shared<Portable>(ToPortable(ts, args.pos[1]));
    const std::string name = ToStr(ts, args.pos[2]);
    auto state = std::make_shared<ProcessState>();
    ProcessStart start;
    start.name = name;
    start.body = [target, call_args](ThreadState& child) {
        // The CPU a spawned CPython spends starting up, on this process's own core and GIL.
        const RunSettings& run = child.interp.settings;
        if (run.charge_costs)
            child.clock_ps += std::llround(ProcessStartCostNs(child.interp.model) * run.time_scale * 1000.0);
        const Value fn = FromPortable(child, *target);
        const Value a = FromPortable(child, *call_args);
        CallWithTuple(child, fn, As<Tuple>(a), Value::Null());
    };
    start.exited = [state, exits](ThreadState& child, int code) {
        state->exit_code.store(code);
        Portable message;
        message.kind = Portable::Kind::Tuple;
        message.items = {Text("exited"), Integer(child.interp.pid), Integer(code)};
        Put(child, *exits, std::move(message));
    };
    std::shared_ptr<ExecThread> thread = ts.exec.StartProcess(ts, std::move(start));
    return Value::Obj(New<ProcessObject>(PT().process, std::move(thread), std::move(state), name));
}

ProcessObject* AsProcess(ThreadState& ts, const Args& args, const char* m)
{
    return Self<ProcessObject>(ts, args, PT().process, m);
}

Value ProcessJoin(ThreadState& ts, const Args& args)
{
    ProcessObject* pr = AsProcess(ts, args, "join");
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, "join", {"timeout"}, 0);
    const double timeout = p.Has(0) && !p[0].IsNone() ? std::max(0.0, ToDouble(ts, p[0])) : -1;
    return Value::Bool(ts.exec.Join(ts, *pr->thread, timeout));
}

Value ProcessIsAlive(ThreadState& ts, const Args& args) { return Value::Bool(!AsProcess(ts, args, "is_alive")->thread->Done()); }

Value ProcessSpecial(ThreadState&, Value self, std::string_view name)
{
    const ProcessObject* pr = As<ProcessObject>(self);
    if (name == "name")
        return StrValue(pr->name);
    if (name == "pid")
        return MakeInt(pr->thread->Ident());
    if (name == "exitcode") {
        const int code = pr->state->exit_code.load();
        return code < 0 ? Value::None() : MakeInt(code);
    }
    return Value::Null();
}

Value CpuCount(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "cpu_count", 0, 0);
    return MakeInt(ts.exec.Cores());
}

// The text a worker sends back with an exception (its traceback there).
Value FormatExceptionText(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "format_exception", 1, 1);
    return StrValue(ts.interp.FormatException(ts, args.pos[0]));
}

Value CurrentProcessName(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "current_process_name", 0, 0);
    return StrValue(ts.interp.process_name);
}

ProcessTypes& PT()
{
    static ProcessTypes* types = [] {
        HeapScope scope(StaticHeap());
        auto* t = new ProcessTypes();
        const TypeTable& base = Types();
        t->queue = NewBuiltinType("Queue", base.object, Layout::Native, false);
        t->queue->module = "_process";
        t->queue->construct = QueueConstruct;
        t->queue->share = ShareQueue;
        t->queue->unshare = UnshareQueue;
        AddMethod(t->queue, "put", QueuePut);
        AddMethod(t->queue, "get", QueueGet);
        t->process = NewBuiltinType("Process", base.object, Layout::Native, false);
        t->process->module = "_process";
        t->process->special_attr = ProcessSpecial;
        AddMethod(t->process, "join", ProcessJoin);
        AddMethod(t->process, "is_alive", ProcessIsAlive);
        return t;
    }();
    return *types;
}

} // namespace

Module* MakeProcessModule(ThreadState&)
{
    ProcessTypes& t = PT();
    NativeModuleSpec s;
    s.Function("start", Start);
    s.Function("cpu_count", CpuCount);
    s.Function("format_exception", FormatExceptionText);
    s.Function("current_process_name", CurrentProcessName);
    s.Set("Queue", Value::Obj(t.queue));
    s.Set("PicklingError", Value::Obj(Types().PicklingError));
    return BuildNativeModule("_process", std::move(s));
}

} // namespace threadlab::py
