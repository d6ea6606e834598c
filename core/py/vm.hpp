#pragma once
// Inside the VM: the eval loop and the call machinery it shares with native
// code (call.cpp, eval.cpp, generators).
#include "interp.hpp"
#include "ops.hpp"

namespace threadlab::py {

// Runs ts.frame (and the frames it pushes) until the frame marked `entry`
// returns or yields. The returned value is the return or yield value;
// `yielded` tells which.
Value Eval(ThreadState& ts, bool* yielded = nullptr);

// A frame for calling `fn` with these arguments, bound as CPython binds
// them (defaults, keywords, *args, **kwargs) — or TypeError.
Frame* PrepareCall(ThreadState& ts, Function* fn, const Args& args, Value self = Value::Null());

// Calls a class: makes the instance and runs __init__.
Value CallType(ThreadState& ts, Type* type, const Args& args);
// builtins.__build_class__(func, name, *bases)
Value BuildClass(ThreadState& ts, const Args& args);
// A user's class (type(name, bases, namespace)): single inheritance.
Type* NewClass(ThreadState& ts, std::string name, Tuple* bases, Dict* ns);

// Resumes a generator with `value` (or raises `throw_exc` into it).
// Returns true with the yielded value, or false with its return value.
bool GenResume(ThreadState& ts, Generator* gen, Value value, Value throw_exc, Value& out);

// The argument arrays of a call with `self` in front, without allocating for small calls.
class PrependSelf {
public:
    PrependSelf(Value self, const Args& args);
    const Args& Get() const { return m_args; }

private:
    Value m_small[8];
    std::vector<Value> m_big;
    Args m_args;
};

// f(*args, **kwargs)
Value CallWithTuple(ThreadState& ts, Value callable, const Tuple* args, Value kwargs);
// What `obj.func` gives for a function found on obj's class.
Value BindMethod(ThreadState& ts, Value func, Value obj);
// True where 3.12 specialises the call into one that does not check for a
// switch afterwards: len(x), isinstance(a, b), type(x), list.append(x).
bool CallSkipsCheck(const Interpreter& in, Value callable, int nargs);
// The run's MemoryError, ready to raise without allocating.
Value MemoryErrorFor(ThreadState& ts);

void EnterRecursion(ThreadState& ts);
inline void LeaveRecursion(ThreadState& ts) { --ts.depth; }

// Raises NameError / UnboundLocalError with CPython's wording.
[[noreturn]] void RaiseNameError(ThreadState& ts, Str* name);
[[noreturn]] void RaiseUnboundLocal(ThreadState& ts, Str* name);
[[noreturn]] void RaiseUnboundFree(ThreadState& ts, Str* name);

} // namespace threadlab::py
