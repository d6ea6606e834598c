#pragma once
// The heap objects of threadlab's Python: the C++ layout of each builtin
// type, and the type objects themselves.
//
// Design notes
// - Every heap object starts with its Python type. Builtin types are made
//   once per process and never change; a user's classes live in the run's
//   heap.
// - Thread safety (free-threaded runs): a slot another thread may read while
//   this one writes — a global, a cell, a list item — is only ever read and
//   written whole (atomics or under the container's lock). Containers take
//   their ObjectLock only when the run is free-threaded and live
//   (LockObjects()); under a GIL, or on the simulated executor, only one
//   thread runs Python at a time and the lock is skipped.
// - Immutable objects (str, tuple, code, builtin types) need no lock.
#include "heap.hpp"
#include "value.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace threadlab::py {

struct Type;
struct Str;
struct Tuple;
struct Dict;
struct Code;
struct Module;
struct Frame;
class ThreadState;

struct Object {
    explicit Object(Type* t) : type(t) {}
    virtual ~Object() = default;
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;
    Type* type;
    // The order its heap made it in: the identity hash. An address would
    // hash the same object differently from run to run (malloc's per-thread
    // arenas), and a simulated run must not depend on that.
    uint64_t serial = 0;
};

// Set per OS thread by the executor: true in live free-threaded runs.
bool LockObjects();
void SetLockObjects(bool on);

class ObjectLock {
public:
    void lock()
    {
        for (int spins = 0; m_locked.exchange(true, std::memory_order_acquire); ++spins)
            if (spins > 64)
                std::this_thread::yield();
    }
    void unlock() { m_locked.store(false, std::memory_order_release); }

private:
    std::atomic<bool> m_locked{false};
};

// Holds an object's lock for a scope when the run needs it.
class ObjectGuard {
public:
    explicit ObjectGuard(ObjectLock& lock) : m_lock(LockObjects() ? &lock : nullptr)
    {
        if (m_lock)
            m_lock->lock();
    }
    ~ObjectGuard()
    {
        if (m_lock)
            m_lock->unlock();
    }
    ObjectGuard(const ObjectGuard&) = delete;
    ObjectGuard& operator=(const ObjectGuard&) = delete;

private:
    ObjectLock* m_lock;
};

// A shared slot: one atomic word.
struct Slot {
    std::atomic<uint64_t> bits{Value::Null().Bits()};
    Value Load() const { return Value::FromBits(bits.load(std::memory_order_relaxed)); }
    void Store(Value v) { bits.store(v.Bits(), std::memory_order_relaxed); }
};

// ------------------------------------------------------------------ calls

// The arguments of a call: positional values, then keyword values named by
// `kwnames` (a tuple of str), as CPython's vectorcall passes them.
struct Args {
    const Value* pos = nullptr;
    int npos = 0;
    const Value* kwvalues = nullptr;
    const Tuple* kwnames = nullptr;
    int NumKw() const;
};

using NativeFn = Value (*)(ThreadState& ts, const Args& args);
// Hooks a builtin type fills in for the operations the VM does most often
// (a user's class leaves them null and is reached through its dunder methods).
using SpecialAttrFn = Value (*)(ThreadState& ts, Value self, std::string_view name); // Null: no such attribute
using SpecialSetAttrFn = bool (*)(ThreadState& ts, Value self, std::string_view name, Value value);
using GetItemFn = Value (*)(ThreadState& ts, Value self, Value key);
using SetItemFn = void (*)(ThreadState& ts, Value self, Value key, Value value);
using DelItemFn = void (*)(ThreadState& ts, Value self, Value key);
using IterFn = Value (*)(ThreadState& ts, Value self);
using IterNextFn = bool (*)(ThreadState& ts, Value self, Value& out); // false at the end

// ------------------------------------------------------------------ numbers and text

struct IntObject : Object {
    IntObject(Type* t, int64_t v) : Object(t), value(v) {}
    const int64_t value;
};

using HeapString = std::basic_string<char, std::char_traits<char>, HeapAllocator<char>>;

struct Str : Object {
    Str(Type* t, std::string_view s);
    std::string_view View() const { return {text.data(), text.size()}; }
    const HeapString text; // UTF-8
    int64_t length;        // in code points
    int64_t hash;
    bool ascii;
};

// ------------------------------------------------------------------ containers

struct Tuple : Object {
    Tuple(Type* t, size_t n) : Object(t), items(n) {}
    HeapVector<Value> items; // filled once, when made
    size_t Size() const { return items.size(); }
};

struct List : Object {
    explicit List(Type* t) : Object(t) {}
    HeapVector<Value> items;
    mutable ObjectLock lock;
};

struct DictEntry {
    Value key;   // Null: a deleted entry
    Value value;
    int64_t hash;
};

// An insertion-ordered hash table, as CPython's compact dict.
struct Dict : Object {
    explicit Dict(Type* t) : Object(t) {}
    HeapVector<DictEntry> entries;
    HeapVector<int32_t> index; // -1 empty, -2 deleted; size is a power of two
    int64_t used = 0;
    uint64_t version = 0; // bumped when the key set changes (iteration checks)
    mutable ObjectLock lock;
};

struct SetEntry {
    Value key; // Null: unused; kDummy key bits: deleted
    int64_t hash = 0;
};

// A hash set with CPython's table and probing, so a set of numbers iterates
// (and prints) in the order CPython's does.
struct Set : Object {
    explicit Set(Type* t);
    HeapVector<SetEntry> table;
    int64_t fill = 0; // used + deleted
    int64_t used = 0;
    int64_t finger = 0; // where pop() looks next
    uint64_t version = 0;
    mutable ObjectLock lock;
};

struct Range : Object {
    Range(Type* t, int64_t a, int64_t b, int64_t c);
    const int64_t start, stop, step, length;
};

struct Slice : Object {
    Slice(Type* t, Value a, Value b, Value c) : Object(t), start(a), stop(b), step(c) {}
    const Value start, stop, step;
};

// ------------------------------------------------------------------ functions and classes

struct Cell : Object {
    explicit Cell(Type* t) : Object(t) {}
    Slot slot;
};

struct Function : Object {
    Function(Type* t, Code* c, Module* m) : Object(t), code(c), module(m) {}
    Code* code;
    Module* module;
    Tuple* defaults = nullptr;   // may be null
    Dict* kwdefaults = nullptr;  // may be null
    Tuple* closure = nullptr;    // cells, may be null
    Str* name = nullptr;
    Str* qualname = nullptr;
    Dict* attrs = nullptr;       // func.__dict__, made on first use
    Dict* annotations = nullptr; // func.__annotations__
    Value doc = Value::None();
    mutable ObjectLock lock;
};

struct BuiltinFunction : Object {
    BuiltinFunction(Type* t, const char* n, NativeFn f, Value s = Value::Null(), const void* d = nullptr)
        : Object(t), name(n), fn(f), self(s), data(d)
    {
    }
    const char* name;
    NativeFn fn;
    Value self;       // bound receiver (Null if none)
    const void* data; // anything the native needs (its module, a type)
    Type* owner = nullptr; // the type whose method this is, for messages
    bool quick = false;    // 3.12 specialises calls to it into ones that do not check (len, isinstance, list.append)
};

struct BoundMethod : Object {
    BoundMethod(Type* t, Value f, Value s) : Object(t), func(f), self(s) {}
    const Value func, self;
};

struct StaticMethod : Object {
    StaticMethod(Type* t, Value f) : Object(t), func(f) {}
    const Value func;
};

struct ClassMethod : Object {
    ClassMethod(Type* t, Value f) : Object(t), func(f) {}
    const Value func;
};

struct Property : Object {
    explicit Property(Type* t) : Object(t) {}
    Value fget = Value::None(), fset = Value::None(), fdel = Value::None(), doc = Value::None();
};

struct Super : Object {
    Super(Type* t, Type* s, Value o, Type* ot) : Object(t), start(s), obj(o), obj_type(ot) {}
    Type* const start;    // look after this class in the MRO
    const Value obj;
    Type* const obj_type;
};

// What C++ struct a type's instances are.
enum class Layout : uint8_t {
    Plain,     // Instance: a __dict__ of attributes
    Exception, // ExceptionObject
    ThreadLocal, // threading.local: one __dict__ per thread
    Native,    // a builtin type's own struct (cannot be subclassed by a user)
};

struct Type : Object {
    Type(Type* meta, std::string n) : Object(meta), name(std::move(n)) {}
    std::string name;
    std::string module = "builtins";
    Str* name_str = nullptr;
    Str* qualname = nullptr;
    Type* base = nullptr;
    std::vector<Type*> mro; // this type first
    Dict* dict = nullptr;
    Layout layout = Layout::Native;
    bool builtin = true;
    bool subclassable = false;
    // For builtin types: type(...)'s constructor (args exclude the type).
    NativeFn construct = nullptr;
    SpecialAttrFn special_attr = nullptr;
    SpecialSetAttrFn special_setattr = nullptr;
    GetItemFn getitem = nullptr;
    SetItemFn setitem = nullptr;
    DelItemFn delitem = nullptr;
    IterFn iter = nullptr;
    IterNextFn iternext = nullptr;
    // A native object that may go to another emulated process as itself
    // (a process queue): what it shares, and how the other side wraps it.
    std::shared_ptr<void> (*share)(Value self) = nullptr;
    Value (*unshare)(ThreadState& ts, const std::shared_ptr<void>& shared) = nullptr;
    // Set on user classes that define these (a quick "does it?").
    bool has_getattr = false;
    bool has_setattr = false;
    bool is_exception = false;
    bool IsSubtypeOf(const Type* other) const;
};

struct Instance : Object {
    Instance(Type* t, Dict* d) : Object(t), attrs(d) {}
    Dict* const attrs;
};

struct TracebackEntry {
    const Code* code;
    int line;
};

struct ExceptionObject : Instance {
    ExceptionObject(Type* t, Dict* d, Tuple* a) : Instance(t, d), args(a) {}
    Tuple* args;
    std::vector<TracebackEntry> traceback; // innermost first (not charged: a MemoryError must grow it)
    Value cause = Value::None();
    Value context = Value::None();
    bool suppress_context = false;
    // StopIteration.value and the like, looked up by attribute.
};

// ------------------------------------------------------------------ modules

struct ModuleLayout;

struct Module : Object {
    Module(Type* t, std::string n, const ModuleLayout* l);
    std::string name;
    // Global variables, by the slot number the compiler gave each name.
    const ModuleLayout* layout;
    std::unique_ptr<Slot[]> slots;
    size_t nslots = 0;
    // Builtins that LOAD_GLOBAL found where a slot was unbound (they never change).
    std::unique_ptr<Slot[]> builtin_cache;
    // Slots whose reads and writes the recorder marks (the lesson's watched globals).
    std::unique_ptr<bool[]> watched;
    Dict* extra = nullptr; // names added at run time (setattr on a module)
    mutable ObjectLock lock;
    int FindSlot(std::string_view name) const;
    Value Get(std::string_view name) const; // Null if unbound
    void Set(std::string_view name, Value value);
};

// ------------------------------------------------------------------ iterators and generators

struct SeqIterator : Object {
    SeqIterator(Type* t, Value s) : Object(t), seq(s) {}
    const Value seq;        // a list, tuple or str
    std::atomic<int64_t> index{0};
};

struct RangeIterator : Object {
    RangeIterator(Type* t, int64_t s, int64_t st, int64_t n) : Object(t), next(s), step(st), left(n) {}
    int64_t next, step, left;
    mutable ObjectLock lock;
};

struct DictIterator : Object {
    enum Kind : uint8_t { Keys, Values, Items };
    DictIterator(Type* t, Dict* d, Kind k, bool reversed_ = false);
    Dict* dict;
    Kind kind;
    bool reversed;
    int64_t position;
    uint64_t version;
    int64_t size_at_start;
    mutable ObjectLock lock;
};

struct DictView : Object {
    DictView(Type* t, Dict* d, DictIterator::Kind k) : Object(t), dict(d), kind(k) {}
    Dict* const dict;
    const DictIterator::Kind kind;
};

struct SetIterator : Object {
    SetIterator(Type* t, Set* s) : Object(t), set(s), start_size(s->used) {}
    Set* set;
    int64_t position = 0;
    int64_t start_size;
    mutable ObjectLock lock;
};

// enumerate, zip, map, filter, reversed, iter(callable, sentinel): small
// iterator objects over other iterators, all of this one shape.
struct CombinedIterator : Object {
    enum Kind : uint8_t { Enumerate, Zip, Map, Filter, Reversed, CallableSentinel, GetItemSequence };
    CombinedIterator(Type* t, Kind k) : Object(t), kind(k) {}
    Kind kind;
    HeapVector<Value> iters;
    Value func = Value::Null();
    Value extra = Value::Null(); // enumerate: the count (int); reversed: the sequence; sentinel
    int64_t count = 0;
    bool strict = false;
    bool done = false;
    mutable ObjectLock lock;
};

struct Generator : Object {
    Generator(Type* t, Frame* f);
    ~Generator() override;
    Frame* frame;                    // owned; null once finished
    std::atomic<bool> running{false};
    bool started = false;
    Str* name = nullptr;
    Str* qualname = nullptr;
};

// ------------------------------------------------------------------ the builtin types

struct TypeTable {
    Type* type;
    Type* object;
    Type* none;
    Type* notimplemented;
    Type* ellipsis;
    Type* bool_;
    Type* int_;
    Type* float_;
    Type* str;
    Type* tuple;
    Type* list;
    Type* dict;
    Type* set;
    Type* frozenset;
    Type* range;
    Type* slice;
    Type* cell;
    Type* function;
    Type* builtin_function;
    Type* method;
    Type* staticmethod;
    Type* classmethod;
    Type* property;
    Type* super;
    Type* module;
    Type* code;
    Type* generator;
    Type* seq_iterator;  // list_iterator, tuple_iterator, str_ascii_iterator
    Type* list_iterator;
    Type* tuple_iterator;
    Type* str_iterator;
    Type* range_iterator;
    Type* dict_keyiterator;
    Type* dict_valueiterator;
    Type* dict_itemiterator;
    Type* dict_keys;
    Type* dict_values;
    Type* dict_items;
    Type* set_iterator;
    Type* enumerate;
    Type* zip;
    Type* map;
    Type* filter;
    Type* reversed;
    Type* callable_iterator;
    // Exceptions.
    Type* BaseException;
    Type* Exception;
    Type* SystemExit;
    Type* KeyboardInterrupt;
    Type* GeneratorExit;
    Type* ArithmeticError;
    Type* ZeroDivisionError;
    Type* OverflowError;
    Type* AssertionError;
    Type* AttributeError;
    Type* LookupError;
    Type* IndexError;
    Type* KeyError;
    Type* NameError;
    Type* UnboundLocalError;
    Type* RuntimeError;
    Type* RecursionError;
    Type* NotImplementedError;
    Type* StopIteration;
    Type* TypeError;
    Type* ValueError;
    Type* UnicodeError;
    Type* MemoryError;
    Type* ImportError;
    Type* ModuleNotFoundError;
    Type* OSError;
    Type* TimeoutError;
    Type* EOFError;
    Type* PicklingError; // _pickle.PicklingError, raised when a value cannot go to another process
    Type* Warning;
    Type* UserWarning;
    Type* DeprecationWarning;
    Type* RuntimeWarning;
};

// The builtin types; made on first use, then never changed.
const TypeTable& Types();

// ------------------------------------------------------------------ helpers

inline Type* TypeOf(Value v)
{
    const TypeTable& t = Types();
    if (v.IsObject())
        return v.AsObject()->type;
    if (v.IsSmallInt())
        return t.int_;
    if (v.IsFloat())
        return t.float_;
    if (v.IsBool())
        return t.bool_;
    if (v.IsNone())
        return t.none;
    if (v.IsNotImplemented())
        return t.notimplemented;
    if (v.IsEllipsis())
        return t.ellipsis;
    return t.object; // Null: never seen by Python code
}

template <class T>
T* As(Value v)
{
    return static_cast<T*>(v.AsObject());
}

inline bool IsType(Value v, const Type* type) { return v.IsObject() && v.AsObject()->type == type; }
bool IsInstance(Value v, const Type* type); // subclasses too

// Ints: small ones unboxed, the rest boxed.
Value MakeInt(int64_t i);
bool IsInt(Value v); // int or bool
int64_t IntValue(Value v); // requires IsInt
inline bool IsIntExact(Value v) { return v.IsSmallInt() || IsType(v, Types().int_); }

Str* NewStr(std::string_view s);
Value StrValue(std::string_view s);
// A str the process keeps for ever and shares: names, common constants.
Str* Intern(std::string_view s);
Tuple* NewTuple(size_t n);
Tuple* NewTuple(std::initializer_list<Value> items);
List* NewList();
List* NewList(std::vector<Value> items);
Dict* NewDict();
Set* NewSet(bool frozen = false);
Cell* NewCell(Value v = Value::Null());
BuiltinFunction* NewBuiltin(const char* name, NativeFn fn, Value self = Value::Null(), const void* data = nullptr);

} // namespace threadlab::py
