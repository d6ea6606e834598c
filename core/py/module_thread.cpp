// _thread: the native core threading.py stands on — locks, re-entrant
// locks, starting and joining threads, thread identity, thread-local data
// and the default excepthook. Every wait goes through the executor, which
// releases the GIL while waiting (GIL.md).
#include "builtins_impl.hpp"
#include "containers.hpp"
#include "vm.hpp"

#include <cmath>
#include <fmt/format.h>
#include <map>
#include <mutex>

namespace threadlab::py {

namespace {

constexpr double kTimeoutMax = 9223372036.0; // CPython's _thread.TIMEOUT_MAX, rounded down

struct LockObject : Object {
    LockObject(Type* t, std::unique_ptr<ExecLock> l) : Object(t), lock(std::move(l)) {}
    std::unique_ptr<ExecLock> lock;
};

struct RLockObject : Object {
    RLockObject(Type* t, std::unique_ptr<ExecLock> l) : Object(t), lock(std::move(l)) {}
    std::unique_ptr<ExecLock> lock;
    std::atomic<int64_t> owner{0}; // thread ident, 0 = none
    int64_t count = 0;             // touched only by the owner
};

struct ThreadHandleObject : Object {
    ThreadHandleObject(Type* t, std::shared_ptr<ExecThread> th) : Object(t), thread(std::move(th)) {}
    std::shared_ptr<ExecThread> thread;
};

// threading.local: one attribute dict per thread.
struct LocalObject : Instance {
    LocalObject(Type* t, Dict* d, Tuple* a, Dict* k) : Instance(t, d), args(a), kwargs(k) {}
    Tuple* args;
    Dict* kwargs;
    std::mutex mutex;
    std::map<int64_t, Dict*> per_thread;
};

struct ThreadTypes {
    Type* lock;
    Type* rlock;
    Type* handle;
    Type* local;
};

ThreadTypes& TT();

// ---------------------------------------------------------------- acquire / release

// lock.acquire(blocking=True, timeout=-1) arguments, as CPython checks them.
double TimeoutArg(ThreadState& ts, const Args& args, bool& blocking)
{
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, "acquire", {"blocking", "timeout"}, 0);
    blocking = !p.Has(0) || Truthy(ts, p[0]);
    double timeout = -1;
    if (p.Has(1))
        timeout = ToDouble(ts, p[1]);
    if (!blocking && timeout != -1)
        ValueError(&ts, "can't specify a timeout for a non-blocking call");
    if (timeout < 0 && timeout != -1)
        ValueError(&ts, "timeout value must be a non-negative number");
    if (timeout > kTimeoutMax)
        Raise(&ts, Types().OverflowError, "timeout value is too large");
    return timeout;
}

LockObject* AsLock(ThreadState& ts, const Args& args, const char* m) { return Self<LockObject>(ts, args, TT().lock, m); }

Value LockAcquire(ThreadState& ts, const Args& args)
{
    LockObject* l = AsLock(ts, args, "acquire");
    bool blocking;
    const double timeout = TimeoutArg(ts, args, blocking);
    return Value::Bool(ts.exec.Acquire(ts, *l->lock, blocking, timeout, WaitKind::Lock));
}

Value LockEnter(ThreadState& ts, const Args& args)
{
    LockObject* l = AsLock(ts, args, "__enter__");
    return Value::Bool(ts.exec.Acquire(ts, *l->lock, true, -1, WaitKind::Lock));
}

Value LockRelease(ThreadState& ts, const Args& args)
{
    LockObject* l = AsLock(ts, args, "release");
    if (!ts.exec.Release(ts, *l->lock))
        Raise(&ts, Types().RuntimeError, "release unlocked lock");
    return Value::None();
}

Value LockLocked(ThreadState& ts, const Args& args)
{
    return Value::Bool(ts.exec.Locked(*AsLock(ts, args, "locked")->lock));
}

Value LockRepr(ThreadState& ts, const Args& args)
{
    LockObject* l = AsLock(ts, args, "__repr__");
    return StrValue(fmt::format("<{} _thread.lock object at 0x{:x}>", ts.exec.Locked(*l->lock) ? "locked" : "unlocked",
                                reinterpret_cast<uintptr_t>(l)));
}

Value LockConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "lock", 0, 0);
    return Value::Obj(New<LockObject>(TT().lock, ts.exec.NewLock(ts)));
}

Value AllocateLock(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "allocate_lock", 0, 0);
    return Value::Obj(New<LockObject>(TT().lock, ts.exec.NewLock(ts)));
}

// ---------------------------------------------------------------- RLock

RLockObject* AsRLock(ThreadState& ts, const Args& args, const char* m)
{
    return Self<RLockObject>(ts, args, TT().rlock, m);
}

bool RAcquire(ThreadState& ts, RLockObject* r, bool blocking, double timeout)
{
    if (r->owner.load(std::memory_order_relaxed) == ts.ident) {
        ++r->count;
        return true;
    }
    if (!ts.exec.Acquire(ts, *r->lock, blocking, timeout, WaitKind::Lock))
        return false;
    r->owner.store(ts.ident, std::memory_order_relaxed);
    r->count = 1;
    return true;
}

Value RLockAcquire(ThreadState& ts, const Args& args)
{
    RLockObject* r = AsRLock(ts, args, "acquire");
    bool blocking;
    const double timeout = TimeoutArg(ts, args, blocking);
    return Value::Bool(RAcquire(ts, r, blocking, timeout));
}

Value RLockEnter(ThreadState& ts, const Args& args) { return Value::Bool(RAcquire(ts, AsRLock(ts, args, "__enter__"), true, -1)); }

Value RLockRelease(ThreadState& ts, const Args& args)
{
    RLockObject* r = AsRLock(ts, args, "release");
    if (r->owner.load(std::memory_order_relaxed) != ts.ident)
        Raise(&ts, Types().RuntimeError, "cannot release un-acquired lock");
    if (--r->count == 0) {
        r->owner.store(0, std::memory_order_relaxed);
        ts.exec.Release(ts, *r->lock);
    }
    return Value::None();
}

Value RLockIsOwned(ThreadState& ts, const Args& args)
{
    return Value::Bool(AsRLock(ts, args, "_is_owned")->owner.load(std::memory_order_relaxed) == ts.ident);
}

// Condition.wait's helpers: give the lock up whatever the count, and take it back.
Value RLockReleaseSave(ThreadState& ts, const Args& args)
{
    RLockObject* r = AsRLock(ts, args, "_release_save");
    if (r->owner.load(std::memory_order_relaxed) != ts.ident)
        Raise(&ts, Types().RuntimeError, "cannot release un-acquired lock");
    const int64_t count = r->count;
    const int64_t owner = r->owner.load(std::memory_order_relaxed);
    r->count = 0;
    r->owner.store(0, std::memory_order_relaxed);
    ts.exec.Release(ts, *r->lock);
    return Value::Obj(NewTuple({MakeInt(count), MakeInt(owner)}));
}

Value RLockAcquireRestore(ThreadState& ts, const Args& args)
{
    RLockObject* r = AsRLock(ts, args, "_acquire_restore");
    ExpectPositional(ts, args, "_acquire_restore", 2, 2);
    const Tuple* state = As<Tuple>(args.pos[1]);
    ts.exec.Acquire(ts, *r->lock, true, -1, WaitKind::Lock);
    r->owner.store(IntValue(state->items[1]), std::memory_order_relaxed);
    r->count = IntValue(state->items[0]);
    return Value::None();
}

Value RLockRepr(ThreadState& ts, const Args& args)
{
    RLockObject* r = AsRLock(ts, args, "__repr__");
    const int64_t owner = r->owner.load(std::memory_order_relaxed);
    return StrValue(fmt::format("<{} _thread.RLock object owner={} count={} at 0x{:x}>", owner ? "locked" : "unlocked",
                                owner, owner ? r->count : 0, reinterpret_cast<uintptr_t>(r)));
}

Value RLockConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "RLock", 0, 0);
    return Value::Obj(New<RLockObject>(TT().rlock, ts.exec.NewLock(ts)));
}

Value LockExit(ThreadState& ts, const Args& args)
{
    // __exit__(type, value, traceback) on either kind of lock.
    if (IsType(args.pos[0], TT().rlock))
        return RLockRelease(ts, Args{args.pos, 1, nullptr, nullptr});
    return LockRelease(ts, Args{args.pos, 1, nullptr, nullptr});
}

// ---------------------------------------------------------------- threads

Value GetIdent(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "get_ident", 0, 0);
    return MakeInt(ts.ident);
}

Value StartJoinableThread(ThreadState& ts, const Args& args)
{
    Params p(ts, args, "start_joinable_thread", {"function", "name", "daemon"}, 1);
    const Value function = p[0];
    if (!IsCallable(function))
        TypeError(&ts, "first arg must be callable");
    ThreadStart start;
    start.name = p.Has(1) ? ToStr(ts, p[1]) : fmt::format("Thread-{}", ts.interp.next_ident.load());
    start.daemon = p.Has(2) && Truthy(ts, p[2]);
    start.body = [function](ThreadState& child) {
        try {
            Call(child, function, {});
        } catch (const PyError& e) {
            if (IsInstance(e.exc, Types().SystemExit))
                return;
            child.interp.NoteUncaught(child, e.exc, "Thread-" + std::to_string(child.ident));
            child.exec.Write(child, "Exception ignored in thread started by: " + Repr(child, function) + "\n", true);
            child.interp.PrintException(child, e.exc);
        } catch (const HeapExhausted&) {
            child.interp.PrintException(child, MemoryErrorFor(child));
        }
    };
    std::shared_ptr<ExecThread> thread = ts.exec.Start(ts, std::move(start));
    return Value::Obj(New<ThreadHandleObject>(TT().handle, std::move(thread)));
}

ThreadHandleObject* AsHandle(ThreadState& ts, const Args& args, const char* m)
{
    return Self<ThreadHandleObject>(ts, args, TT().handle, m);
}

Value HandleJoin(ThreadState& ts, const Args& args)
{
    ThreadHandleObject* h = AsHandle(ts, args, "join");
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, "join", {"timeout"}, 0);
    double timeout = -1;
    if (p.Has(0) && !p[0].IsNone())
        timeout = std::max(0.0, ToDouble(ts, p[0]));
    return Value::Bool(ts.exec.Join(ts, *h->thread, timeout));
}

Value HandleIsDone(ThreadState& ts, const Args& args) { return Value::Bool(AsHandle(ts, args, "is_done")->thread->Done()); }

Value HandleSpecial(ThreadState&, Value self, std::string_view name)
{
    if (name == "ident")
        return MakeInt(As<ThreadHandleObject>(self)->thread->Ident());
    return Value::Null();
}

Value ExceptHook(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "_excepthook", 1, 1);
    const Value hook_args = args.pos[0];
    const Value exc_type = GetAttr(ts, hook_args, Intern("exc_type"));
    if (IsInstance(exc_type, Types().type) && As<Type>(exc_type)->IsSubtypeOf(Types().SystemExit))
        return Value::None();
    const Value exc = GetAttr(ts, hook_args, Intern("exc_value"));
    const Value thread = GetAttr(ts, hook_args, Intern("thread"));
    const std::string name =
        thread.IsNone() ? std::to_string(ts.ident) : ToStr(ts, GetAttr(ts, thread, Intern("name")));
    ts.interp.NoteUncaught(ts, exc, name);
    ts.exec.Write(ts, "Exception in thread " + name + ":\n" + ts.interp.FormatException(ts, exc), true);
    return Value::None();
}

Value DaemonThreadsAllowed(ThreadState&, const Args&) { return Value::True(); }

// ---------------------------------------------------------------- local

Value LocalConstruct(ThreadState& ts, const Args& args)
{
    if ((args.npos > 0 || args.NumKw() > 0))
        TypeError(&ts, "Initialization arguments are not supported");
    return Value::Obj(New<LocalObject>(TT().local, NewDict(), NewTuple(0), nullptr));
}

} // namespace

// The calling thread's attribute dict of a threading.local (made on first
// use; a subclass's __init__ runs then, in that thread, as CPython's).
Dict* LocalDictFor(ThreadState& ts, Value obj)
{
    LocalObject* l = static_cast<LocalObject*>(obj.AsObject());
    Dict* d;
    bool fresh = false;
    {
        std::lock_guard lock(l->mutex);
        auto [it, inserted] = l->per_thread.try_emplace(ts.ident, nullptr);
        if (inserted) {
            it->second = NewDict();
            fresh = true;
        }
        d = it->second;
    }
    if (fresh && !l->type->builtin && l->args != nullptr) {
        const Value init = LookupInType(l->type, "__init__");
        if (!init.IsNull() && IsType(init, Types().function)) {
            std::vector<Value> call{obj};
            call.insert(call.end(), l->args->items.begin(), l->args->items.end());
            Call(ts, init, Args{call.data(), int(call.size()), nullptr, nullptr});
        }
    }
    return d;
}

// A subclass of threading.local is made like any class; its instances keep the layout.
Value NewLocalInstance(ThreadState& ts, Type* type, const Args& args)
{
    Tuple* saved = NewTuple(size_t(args.npos));
    for (int i = 0; i < args.npos; ++i)
        saved->items[size_t(i)] = args.pos[i];
    LocalObject* l = New<LocalObject>(type, NewDict(), saved, nullptr);
    const Value v = Value::Obj(l);
    LocalDictFor(ts, v); // the creating thread runs __init__ now
    return v;
}

namespace {
ThreadTypes& TT()
{
    static ThreadTypes* types = [] {
        HeapScope scope(StaticHeap());
        auto* t = new ThreadTypes();
        const TypeTable& base = Types();
        t->lock = NewBuiltinType("lock", base.object, Layout::Native, false);
        t->lock->module = "_thread";
        t->lock->construct = LockConstruct;
        AddMethod(t->lock, "acquire", LockAcquire);
        AddMethod(t->lock, "acquire_lock", LockAcquire);
        AddMethod(t->lock, "release", LockRelease);
        AddMethod(t->lock, "release_lock", LockRelease);
        AddMethod(t->lock, "locked", LockLocked);
        AddMethod(t->lock, "locked_lock", LockLocked);
        AddMethod(t->lock, "__enter__", LockEnter);
        AddMethod(t->lock, "__exit__", LockExit);
        AddMethod(t->lock, "__repr__", LockRepr);
        t->rlock = NewBuiltinType("RLock", base.object, Layout::Native, false);
        t->rlock->module = "_thread";
        t->rlock->construct = RLockConstruct;
        AddMethod(t->rlock, "acquire", RLockAcquire);
        AddMethod(t->rlock, "release", RLockRelease);
        AddMethod(t->rlock, "__enter__", RLockEnter);
        AddMethod(t->rlock, "__exit__", LockExit);
        AddMethod(t->rlock, "_is_owned", RLockIsOwned);
        AddMethod(t->rlock, "_release_save", RLockReleaseSave);
        AddMethod(t->rlock, "_acquire_restore", RLockAcquireRestore);
        AddMethod(t->rlock, "__repr__", RLockRepr);
        t->handle = NewBuiltinType("_ThreadHandle", base.object, Layout::Native, false);
        t->handle->module = "_thread";
        t->handle->special_attr = HandleSpecial;
        AddMethod(t->handle, "join", HandleJoin);
        AddMethod(t->handle, "is_done", HandleIsDone);
        t->local = NewBuiltinType("_local", base.object, Layout::ThreadLocal, true);
        t->local->module = "_thread";
        t->local->construct = LocalConstruct;
        return t;
    }();
    return *types;
}
} // namespace

Module* MakeThreadModule(ThreadState&)
{
    ThreadTypes& t = TT();
    NativeModuleSpec s;
    s.Function("allocate_lock", AllocateLock);
    s.Function("get_ident", GetIdent);
    s.Function("get_native_id", GetIdent);
    s.Function("start_joinable_thread", StartJoinableThread);
    s.Function("_excepthook", ExceptHook);
    s.Function("daemon_threads_allowed", DaemonThreadsAllowed);
    s.Set("LockType", Value::Obj(t.lock));
    s.Set("lock", Value::Obj(t.lock));
    s.Set("RLock", Value::Obj(t.rlock));
    s.Set("_local", Value::Obj(t.local));
    s.Set("error", Value::Obj(Types().RuntimeError));
    s.Set("TIMEOUT_MAX", Value::Float(kTimeoutMax));
    return BuildNativeModule("_thread", std::move(s));
}

} // namespace threadlab::py
