#include "objects.hpp"

#include "code.hpp"
#include "containers.hpp"
#include "hash.hpp"
#include "unicode.hpp"

#include <mutex>
#include <unordered_map>

namespace threadlab::py {

namespace {
thread_local bool t_lock_objects = false;
} // namespace

bool LockObjects() { return t_lock_objects; }
void SetLockObjects(bool on) { t_lock_objects = on; }

int Args::NumKw() const { return kwnames == nullptr ? 0 : int(kwnames->Size()); }

// ---------------------------------------------------------------- constructors

Str::Str(Type* t, std::string_view s) : Object(t), text(s.data(), s.size()), length(0), hash(0), ascii(true)
{
    for (unsigned char c : s) {
        if (c >= 0x80)
            ascii = false;
        length += (c & 0xC0) != 0x80;
    }
    hash = HashBytes(s);
}

Set::Set(Type* t) : Object(t) { table.resize(8); }

namespace {
int64_t RangeLength(int64_t start, int64_t stop, int64_t step)
{
    if (step > 0 && start < stop)
        return int64_t((uint64_t(stop) - uint64_t(start) - 1) / uint64_t(step) + 1);
    if (step < 0 && start > stop)
        return int64_t((uint64_t(start) - uint64_t(stop) - 1) / (uint64_t(-(step + 1)) + 1) + 1);
    return 0;
}
} // namespace

Range::Range(Type* t, int64_t a, int64_t b, int64_t c) : Object(t), start(a), stop(b), step(c), length(RangeLength(a, b, c))
{
}

DictIterator::DictIterator(Type* t, Dict* d, Kind k, bool reversed_)
    : Object(t), dict(d), kind(k), reversed(reversed_), position(reversed_ ? int64_t(d->entries.size()) - 1 : 0),
      version(d->version), size_at_start(d->used)
{
}

Generator::Generator(Type* t, Frame* f) : Object(t), frame(f) {}

bool Type::IsSubtypeOf(const Type* other) const
{
    for (const Type* t : mro)
        if (t == other)
            return true;
    return false;
}

bool IsInstance(Value v, const Type* type) { return TypeOf(v)->IsSubtypeOf(type); }

Module::Module(Type* t, std::string n, const ModuleLayout* l)
    : Object(t), name(std::move(n)), layout(l), slots(new Slot[l->names.size()]), nslots(l->names.size()),
      builtin_cache(new Slot[l->names.size()])
{
}

int Module::FindSlot(std::string_view n) const { return layout->Find(n); }

Value Module::Get(std::string_view n) const
{
    const int slot = FindSlot(n);
    if (slot >= 0)
        return slots[size_t(slot)].Load();
    ObjectGuard guard(lock);
    return extra == nullptr ? Value::Null() : DictGetStr(extra, n);
}

void Module::Set(std::string_view n, Value value)
{
    const int slot = FindSlot(n);
    if (slot >= 0) {
        slots[size_t(slot)].Store(value);
        return;
    }
    ObjectGuard guard(lock);
    if (extra == nullptr)
        extra = NewDict();
    DictSetStr(extra, Intern(n), value);
}

// ---------------------------------------------------------------- making values

Value MakeInt(int64_t i)
{
    if (Value::FitsSmall(i))
        return Value::SmallInt(i);
    return Value::Obj(New<IntObject>(Types().int_, i));
}

bool IsInt(Value v)
{
    if (v.IsSmallInt() || v.IsBool())
        return true;
    return v.IsObject() && v.AsObject()->type->IsSubtypeOf(Types().int_);
}

int64_t IntValue(Value v)
{
    if (v.IsSmallInt())
        return v.AsSmallInt();
    if (v.IsBool())
        return v.IsTrue() ? 1 : 0;
    return static_cast<IntObject*>(v.AsObject())->value;
}

Str* NewStr(std::string_view s) { return New<Str>(Types().str, s); }
Value StrValue(std::string_view s) { return Value::Obj(NewStr(s)); }

Str* Intern(std::string_view s)
{
    // Interned strings live in the static heap and are shared by every run.
    static std::mutex mutex;
    static auto* table = new std::unordered_map<std::string, Str*>();
    Type* str_type = Types().str; // may build the types, which intern their names
    std::lock_guard lock(mutex);
    auto it = table->find(std::string(s));
    if (it != table->end())
        return it->second;
    Str* str;
    {
        HeapScope scope(StaticHeap());
        str = New<Str>(str_type, s);
    }
    table->emplace(std::string(s), str);
    return str;
}

Tuple* NewTuple(size_t n) { return New<Tuple>(Types().tuple, n); }

Tuple* NewTuple(std::initializer_list<Value> items)
{
    Tuple* t = NewTuple(items.size());
    size_t i = 0;
    for (Value v : items)
        t->items[i++] = v;
    return t;
}

List* NewList() { return New<List>(Types().list); }

List* NewList(std::vector<Value> items)
{
    List* l = NewList();
    l->items.assign(items.begin(), items.end());
    return l;
}

Dict* NewDict() { return New<Dict>(Types().dict); }
Set* NewSet(bool frozen) { return New<Set>(frozen ? Types().frozenset : Types().set); }
Cell* NewCell(Value v)
{
    Cell* c = New<Cell>(Types().cell);
    c->slot.Store(v);
    return c;
}

BuiltinFunction* NewBuiltin(const char* name, NativeFn fn, Value self, const void* data)
{
    return New<BuiltinFunction>(Types().builtin_function, name, fn, self, data);
}

} // namespace threadlab::py
