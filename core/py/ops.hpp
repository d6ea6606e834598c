#pragma once
// The generic operations every part of the VM uses: raising exceptions,
// attributes, calls, operators, comparison, hashing, iteration, repr/str.
// They dispatch on builtin types first and fall back to a user class's
// dunder methods, as CPython's abstract object layer does.
#include "interp.hpp"
#include "objects.hpp"
#include "opcodes.hpp"

#include <initializer_list>
#include <string>
#include <string_view>

namespace threadlab::py {

// ---------------------------------------------------------------- exceptions

Value NewException(ThreadState* ts, Type* type, std::string_view message);
Value NewExceptionArgs(Type* type, Tuple* args);
[[noreturn]] void Raise(ThreadState* ts, Type* type, std::string_view message);
[[noreturn]] void RaiseObject(Value exc);
[[noreturn]] void RaiseModuleNotFound(ThreadState* ts, std::string_view module); // with its .name
[[noreturn]] void RaiseMemoryError(ThreadState& ts);
// RaiseFmt(ts, TypeError, "'%s' object is not callable", name)
[[noreturn]] void TypeError(ThreadState* ts, std::string_view message);
[[noreturn]] void ValueError(ThreadState* ts, std::string_view message);
// Does exception `exc` match the class (or tuple of classes) `match`?
bool ExceptionMatches(ThreadState& ts, Value exc, Value match);
ExceptionObject* AsException(Value v); // null if not an exception instance

// ---------------------------------------------------------------- names and types

std::string TypeName(Value v);         // "int", "MyClass", "_thread.lock"
std::string TpName(const Type* t);     // the same, of a type
std::string QualTypeName(const Type* t); // "__main__.MyClass" as type repr shows
// The attribute `name` on the type or its bases, or Null.
Value LookupInType(const Type* type, Str* name);
Value LookupInType(const Type* type, std::string_view name);

// ---------------------------------------------------------------- attributes

Value GetAttr(ThreadState& ts, Value obj, Str* name);
// As GetAttr, but returns Null instead of raising AttributeError.
Value GetAttrOrNull(ThreadState& ts, Value obj, Str* name);
void SetAttr(ThreadState& ts, Value obj, Str* name, Value value);
void DelAttr(ThreadState& ts, Value obj, Str* name);
// For `obj.name(...)`: an unbound function and its receiver when calling
// through it is the same as calling the bound method (saves making one).
// Returns false (and the attribute in `func`) otherwise.
bool LoadMethod(ThreadState& ts, Value obj, Str* name, Value& func);

// ---------------------------------------------------------------- calls

Value Call(ThreadState& ts, Value callable, const Args& args);
Value Call(ThreadState& ts, Value callable, std::initializer_list<Value> pos);
Value CallMethod(ThreadState& ts, Value obj, std::string_view name, std::initializer_list<Value> pos);
bool IsCallable(Value v);
// True when calling `callable` would run Python code in a new frame
// (rather than a native function): 3.12 checks after native calls only.
bool IsPythonCallable(Value callable);

// ---------------------------------------------------------------- operators

Value BinaryOperation(ThreadState& ts, int op, Value a, Value b); // op: BINARY_OP's argument
Value CompareValues(ThreadState& ts, CompareOp op, Value a, Value b);
bool Eq(ThreadState* ts, Value a, Value b);
bool Less(ThreadState& ts, Value a, Value b); // a < b, for sorting, min, max
bool Truthy(ThreadState& ts, Value v);
int64_t Hash(ThreadState* ts, Value v);
Value Negate(ThreadState& ts, Value v);
Value Invert(ThreadState& ts, Value v);
Value Positive(ThreadState& ts, Value v);
bool Contains(ThreadState& ts, Value container, Value item);

// ---------------------------------------------------------------- containers

Value GetItem(ThreadState& ts, Value obj, Value key);
void SetItem(ThreadState& ts, Value obj, Value key, Value value);
void DelItem(ThreadState& ts, Value obj, Value key);
int64_t Len(ThreadState& ts, Value obj);
// A slice's start, stop, step and length for a sequence of `length`.
struct SliceBounds {
    int64_t start, stop, step, count;
};
SliceBounds ResolveSlice(ThreadState& ts, const Slice* slice, int64_t length);
int64_t IndexValue(ThreadState& ts, Value v, const char* what = "indices"); // __index__
// A sequence index, negative counting from the end; raises IndexError.
int64_t NormalizeIndex(ThreadState& ts, Value index, int64_t length, const char* type_name);

// ---------------------------------------------------------------- iteration

Value GetIter(ThreadState& ts, Value obj);
Value GetIterOrNull(ThreadState& ts, Value obj); // Null if obj is not iterable
// The next item, or false at the end (StopIteration is swallowed).
bool Next(ThreadState& ts, Value iter, Value& out);
// Every item of an iterable, in order.
std::vector<Value> Collect(ThreadState& ts, Value iterable);

// ---------------------------------------------------------------- text

std::string Repr(ThreadState& ts, Value v);
std::string ToStr(ThreadState& ts, Value v);
Value ReprValue(ThreadState& ts, Value v);
Value StrOf(ThreadState& ts, Value v);
// format(value, spec)
std::string Format(ThreadState& ts, Value v, std::string_view spec);
std::string_view StrView(Value v); // requires a str

// ---------------------------------------------------------------- numbers

inline bool IsNumber(Value v) { return v.IsFloat() || IsInt(v); }
double ToDouble(ThreadState& ts, Value v); // int or float, else TypeError
Value IntFromDouble(ThreadState& ts, double d); // int(d), raising for nan/inf/overflow
[[noreturn]] void IntOverflow(ThreadState& ts);

} // namespace threadlab::py
