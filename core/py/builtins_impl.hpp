#pragma once
// Shared by the files that define builtin types, functions and modules.
#include "ops.hpp"

#include <initializer_list>
#include <string>

namespace threadlab::py {

// Each fills in its types' methods (types.cpp calls them once).
void InitExceptionTypes(TypeTable& t);
void InitObjectType(TypeTable& t);
void InitNumberTypes(TypeTable& t);
void InitStrType(TypeTable& t);
void AddStrFormatMethods(Type* str); // str_format.cpp
void InitSequenceTypes(TypeTable& t);
void InitDictType(TypeTable& t);
void InitSetTypes(TypeTable& t);
void InitFunctionTypes(TypeTable& t);
void InitIteratorTypes(TypeTable& t);
void InitOperatorMethods(TypeTable& t);

Type* NewBuiltinType(const char* name, Type* base, Layout layout, bool subclassable);
void AddMethod(Type* type, const char* name, NativeFn fn);
void AddAttr(Type* type, const char* name, Value value);

// A native function's arguments bound to names, with CPython's messages
// for too many, missing and unexpected ones. Unbound ones are Null.
class Params {
public:
    // `names`: every parameter, positional-or-keyword; the first `required`
    // are required. `positional_only`: how many of them cannot be keywords.
    Params(ThreadState& ts, const Args& args, const char* function, std::initializer_list<const char*> names,
           int required, int positional_only = 0);
    Value operator[](int i) const { return m_values[size_t(i)]; }
    bool Has(int i) const { return !m_values[size_t(i)].IsNull(); }
    Value Or(int i, Value fallback) const { return Has(i) ? m_values[size_t(i)] : fallback; }

private:
    std::vector<Value> m_values;
};

// Checks a native function got no keyword arguments and between min and max
// positional ones ("len() takes exactly one argument (2 given)").
void ExpectPositional(ThreadState& ts, const Args& args, const char* function, int min, int max);
[[noreturn]] void NoKeywords(ThreadState& ts, const char* function);

// The receiver of a method call checked to be of `type` (args.pos[0]).
template <class T>
T* Self(ThreadState& ts, const Args& args, const Type* type, const char* method)
{
    if (args.npos < 1 || !IsInstance(args.pos[0], type))
        TypeError(&ts, std::string("descriptor '") + method + "' for '" + type->name + "' objects doesn't apply to a '" +
                           (args.npos < 1 ? std::string("nothing") : TypeName(args.pos[0])) + "' object");
    return static_cast<T*>(args.pos[0].AsObject());
}

// An int argument (bool counts), else TypeError naming `what`.
int64_t IntArg(ThreadState& ts, Value v, const char* what);

// Sorts in place as list.sort(key=…, reverse=…): stable, Python's < only.
void SortValues(ThreadState& ts, std::vector<Value>& items, Value key, bool reverse);
std::vector<Type*> AllExceptionTypes();
// exc.__traceback__ / sys.exc_info()[2]: None if the exception was never raised.
Value TracebackOf(Value exc);

// A native module's contents: names bound to values, in order.
struct NativeModuleSpec {
    std::vector<std::pair<std::string, Value>> entries;
    void Function(const char* name, NativeFn fn, bool quick = false);
    void Set(const char* name, Value value) { entries.emplace_back(name, value); }
};
// Makes the module object (its layout is kept for the process).
Module* BuildNativeModule(std::string_view name, NativeModuleSpec spec);

// "fmt" % args (printf-style formatting of str).
std::string PercentFormat(ThreadState& ts, std::string_view format, Value args);
// a | b, a & b, a - b, a ^ b on sets (NotImplemented for other operators).
Value SetOperator(ThreadState& ts, BinaryOp op, Set* a, Set* b, bool frozen);

// threading.local (module_thread.cpp): the calling thread's attribute dict.
Dict* LocalDictFor(ThreadState& ts, Value obj);
Value NewLocalInstance(ThreadState& ts, Type* type, const Args& args);
// Is `v` the program's sys.stdout (or, with `err`, sys.stderr)?
bool IsStdStream(Value v, bool err);

// The module objects of the native modules (modules/*.cpp).
Module* MakeNativeModule(ThreadState& ts, std::string_view name);

} // namespace threadlab::py
