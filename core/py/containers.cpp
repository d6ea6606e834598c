#include "containers.hpp"

#include "hash.hpp"
#include "ops.hpp"

namespace threadlab::py {

namespace {

constexpr int32_t kEmpty = -1;
constexpr int32_t kDeleted = -2;

// Keys that never run Python code to hash or compare.
bool IsPlainKey(Value v)
{
    if (!v.IsObject())
        return true;
    const Type* t = v.AsObject()->type;
    const TypeTable& types = Types();
    return t == types.str || t == types.int_ || (t->builtin && t != types.tuple);
}

bool KeysEqual(ThreadState* ts, Value a, Value b, int64_t ha, int64_t hb)
{
    if (a == b)
        return true;
    if (ha != hb)
        return false;
    if (a.IsObject() && b.IsObject() && a.AsObject()->type == Types().str && b.AsObject()->type == Types().str)
        return StrView(a) == StrView(b);
    return Eq(ts, a, b);
}

// ---------------------------------------------------------------- dict internals (lock held)

int64_t FindSlot(ThreadState* ts, const Dict* d, Value key, int64_t hash, int32_t& entry)
{
    entry = -1;
    if (d->index.empty())
        return -1;
    const uint64_t mask = d->index.size() - 1;
    int64_t first_deleted = -1;
    for (uint64_t i = uint64_t(hash) & mask, n = 0; n <= mask; i = (i + 1) & mask, ++n) {
        const int32_t e = d->index[i];
        if (e == kEmpty)
            return first_deleted >= 0 ? first_deleted : int64_t(i);
        if (e == kDeleted) {
            if (first_deleted < 0)
                first_deleted = int64_t(i);
            continue;
        }
        const DictEntry& de = d->entries[size_t(e)];
        if (de.hash == hash && KeysEqual(ts, de.key, key, de.hash, hash)) {
            entry = e;
            return int64_t(i);
        }
    }
    return first_deleted;
}

void Rebuild(Dict* d, size_t capacity)
{
    // Compact the entries and rehash them into an index of `capacity`.
    HeapVector<DictEntry> live;
    live.reserve(size_t(d->used) + 1);
    for (const DictEntry& e : d->entries)
        if (!e.key.IsNull())
            live.push_back(e);
    d->entries.swap(live);
    d->index.assign(capacity, kEmpty);
    const uint64_t mask = capacity - 1;
    for (size_t k = 0; k < d->entries.size(); ++k) {
        uint64_t i = uint64_t(d->entries[k].hash) & mask;
        while (d->index[i] != kEmpty)
            i = (i + 1) & mask;
        d->index[i] = int32_t(k);
    }
}

void Insert(ThreadState* ts, Dict* d, Value key, int64_t hash, Value value)
{
    if (d->index.empty() || (d->entries.size() + 1) * 3 >= d->index.size() * 2) {
        size_t capacity = 8;
        while (capacity * 2 <= size_t(d->used + 1) * 3)
            capacity *= 2;
        Rebuild(d, capacity * 2 > 8 ? capacity : 8);
        if ((d->entries.size() + 1) * 3 >= d->index.size() * 2)
            Rebuild(d, d->index.size() * 2);
    }
    int32_t entry;
    const int64_t slot = FindSlot(ts, d, key, hash, entry);
    if (entry >= 0) {
        d->entries[size_t(entry)].value = value;
        return;
    }
    d->entries.push_back(DictEntry{key, value, hash});
    d->index[size_t(slot)] = int32_t(d->entries.size() - 1);
    ++d->used;
    ++d->version;
}

} // namespace

Value DictGet(ThreadState* ts, Dict* d, Value key)
{
    const int64_t hash = Hash(ts, key);
    if (IsPlainKey(key)) {
        ObjectGuard guard(d->lock);
        int32_t entry;
        FindSlot(ts, d, key, hash, entry);
        return entry >= 0 ? d->entries[size_t(entry)].value : Value::Null();
    }
    // A user's __eq__ may run: compare outside the lock, on a copy.
    for (const DictEntry& e : DictItems(d))
        if (e.hash == hash && KeysEqual(ts, e.key, key, e.hash, hash))
            return e.value;
    return Value::Null();
}

void DictSet(ThreadState* ts, Dict* d, Value key, Value value)
{
    const int64_t hash = Hash(ts, key);
    if (!IsPlainKey(key)) {
        // Find an equal key first (may run Python), then store under it.
        for (const DictEntry& e : DictItems(d))
            if (e.hash == hash && KeysEqual(ts, e.key, key, e.hash, hash)) {
                key = e.key;
                break;
            }
    }
    ObjectGuard guard(d->lock);
    Insert(ts, d, key, hash, value);
}

bool DictDel(ThreadState* ts, Dict* d, Value key)
{
    const int64_t hash = Hash(ts, key);
    if (!IsPlainKey(key)) {
        for (const DictEntry& e : DictItems(d))
            if (e.hash == hash && KeysEqual(ts, e.key, key, e.hash, hash)) {
                key = e.key;
                break;
            }
    }
    ObjectGuard guard(d->lock);
    int32_t entry;
    const int64_t slot = FindSlot(ts, d, key, hash, entry);
    if (entry < 0)
        return false;
    d->index[size_t(slot)] = kDeleted;
    d->entries[size_t(entry)].key = Value::Null();
    d->entries[size_t(entry)].value = Value::Null();
    --d->used;
    ++d->version;
    return true;
}

Value DictGetStr(const Dict* d, std::string_view key)
{
    const int64_t hash = HashBytes(key);
    ObjectGuard guard(d->lock);
    if (d->index.empty())
        return Value::Null();
    const uint64_t mask = d->index.size() - 1;
    for (uint64_t i = uint64_t(hash) & mask, n = 0; n <= mask; i = (i + 1) & mask, ++n) {
        const int32_t e = d->index[i];
        if (e == kEmpty)
            return Value::Null();
        if (e == kDeleted)
            continue;
        const DictEntry& de = d->entries[size_t(e)];
        if (de.hash == hash && de.key.IsObject() && de.key.AsObject()->type == Types().str && StrView(de.key) == key)
            return de.value;
    }
    return Value::Null();
}

void DictSetStr(Dict* d, Str* key, Value value) { DictSet(nullptr, d, Value::Obj(key), value); }

int64_t DictSize(const Dict* d)
{
    ObjectGuard guard(d->lock);
    return d->used;
}

std::vector<DictEntry> DictItems(const Dict* d)
{
    ObjectGuard guard(d->lock);
    std::vector<DictEntry> out;
    out.reserve(size_t(d->used));
    for (const DictEntry& e : d->entries)
        if (!e.key.IsNull())
            out.push_back(e);
    return out;
}

void DictClear(Dict* d)
{
    ObjectGuard guard(d->lock);
    d->entries.clear();
    d->index.clear();
    d->used = 0;
    ++d->version;
}

bool DictNext(const Dict* d, int64_t& pos, DictEntry& out)
{
    ObjectGuard guard(d->lock);
    while (pos < int64_t(d->entries.size())) {
        const DictEntry& e = d->entries[size_t(pos++)];
        if (!e.key.IsNull()) {
            out = e;
            return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------- set: CPython's table

namespace {
constexpr int kLinearProbes = 9;
constexpr int kPerturbShift = 5;
const Value kDummy = Value::Ellipsis(); // marks a deleted entry (a set never stores it as a key unboxed… see below)

bool IsDummy(const SetEntry& e) { return e.hash == -1 && e.key == kDummy; }

// Inserts into a table known not to hold `key` (resizing, CPython's set_insert_clean).
void InsertClean(HeapVector<SetEntry>& table, Value key, int64_t hash)
{
    const uint64_t mask = table.size() - 1;
    uint64_t perturb = uint64_t(hash);
    uint64_t i = uint64_t(hash) & mask;
    for (;;) {
        SetEntry* entry = &table[i];
        if (entry->key.IsNull()) {
            entry->key = key;
            entry->hash = hash;
            return;
        }
        if (i + kLinearProbes <= mask) {
            for (int j = 0; j < kLinearProbes; ++j) {
                ++entry;
                if (entry->key.IsNull()) {
                    entry->key = key;
                    entry->hash = hash;
                    return;
                }
            }
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

void Resize(Set* s, int64_t minused)
{
    size_t size = 8;
    while (size <= size_t(minused))
        size <<= 1;
    HeapVector<SetEntry> table(size);
    for (const SetEntry& e : s->table)
        if (!e.key.IsNull() && !IsDummy(e))
            InsertClean(table, e.key, e.hash);
    s->table.swap(table);
    s->fill = s->used;
}

// Finds `key`: its entry, or null. `free_slot` gets where it would go: the
// last deleted entry on the probe path, else the unused entry that ended it
// (CPython's set_add_entry); `unused` says which.
SetEntry* Lookup(ThreadState* ts, Set* s, Value key, int64_t hash, SetEntry** free_slot, bool* unused = nullptr)
{
    const uint64_t mask = s->table.size() - 1;
    uint64_t perturb = uint64_t(hash);
    uint64_t i = uint64_t(hash) & mask;
    SetEntry* dummy = nullptr;
    for (;;) {
        SetEntry* entry = &s->table[i];
        int probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
        do {
            if (entry->key.IsNull()) {
                if (free_slot)
                    *free_slot = dummy != nullptr ? dummy : entry;
                if (unused)
                    *unused = dummy == nullptr;
                return nullptr;
            }
            if (IsDummy(*entry))
                dummy = entry;
            else if (entry->hash == hash && KeysEqual(ts, entry->key, key, entry->hash, hash))
                return entry;
            ++entry;
        } while (probes--);
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}
} // namespace

namespace {
// Adds under the lock; the caller has the hash.
bool AddLocked(ThreadState* ts, Set* s, Value key, int64_t hash)
{
    SetEntry* free_slot = nullptr;
    bool unused = true;
    if (Lookup(ts, s, key, hash, &free_slot, &unused) != nullptr)
        return false;
    const uint64_t mask = s->table.size() - 1;
    free_slot->key = key;
    free_slot->hash = hash;
    ++s->used;
    ++s->version;
    if (!unused)
        return true; // a deleted entry reused: fill is unchanged, no resize
    ++s->fill;
    if (uint64_t(s->fill) * 5 >= mask * 3)
        Resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
    return true;
}
} // namespace

bool SetAdd(ThreadState* ts, Set* s, Value key)
{
    const int64_t hash = Hash(ts, key);
    ObjectGuard guard(s->lock);
    return AddLocked(ts, s, key, hash);
}

void SetMerge(ThreadState* ts, Set* s, const Set* other)
{
    // A snapshot of the other's table (its lock is not held while adding).
    HeapVector<SetEntry> table;
    int64_t other_used, other_fill;
    {
        ObjectGuard guard(other->lock);
        table = other->table;
        other_used = other->used;
        other_fill = other->fill;
    }
    if (other_used == 0)
        return;
    ObjectGuard guard(s->lock);
    // CPython's set_merge: grow first, then copy slot for slot when the
    // tables match, else re-insert in the other's slot order.
    if (uint64_t(s->fill + other_used) * 5 >= (s->table.size() - 1) * 3)
        Resize(s, (s->used + other_used) * 2);
    if (s->fill == 0 && s->table.size() == table.size() && other_fill == other_used) {
        s->table = table;
        s->fill = s->used = other_used;
        ++s->version;
        return;
    }
    if (s->fill == 0) {
        for (const SetEntry& e : table)
            if (!e.key.IsNull() && !IsDummy(e)) {
                InsertClean(s->table, e.key, e.hash);
                ++s->fill;
                ++s->used;
            }
        ++s->version;
        return;
    }
    for (const SetEntry& e : table)
        if (!e.key.IsNull() && !IsDummy(e))
            AddLocked(ts, s, e.key, e.hash);
}

bool SetHas(ThreadState* ts, const Set* s, Value key)
{
    const int64_t hash = Hash(ts, key);
    ObjectGuard guard(s->lock);
    return Lookup(ts, const_cast<Set*>(s), key, hash, nullptr) != nullptr;
}

bool SetDiscard(ThreadState* ts, Set* s, Value key)
{
    const int64_t hash = Hash(ts, key);
    ObjectGuard guard(s->lock);
    SetEntry* e = Lookup(ts, s, key, hash, nullptr);
    if (e == nullptr)
        return false;
    e->key = kDummy;
    e->hash = -1;
    --s->used;
    ++s->version;
    return true;
}

std::vector<Value> SetItems(const Set* s)
{
    ObjectGuard guard(s->lock);
    std::vector<Value> out;
    out.reserve(size_t(s->used));
    for (const SetEntry& e : s->table)
        if (!e.key.IsNull() && !IsDummy(e))
            out.push_back(e.key);
    return out;
}

int64_t SetSize(const Set* s)
{
    ObjectGuard guard(s->lock);
    return s->used;
}

void SetClear(Set* s)
{
    ObjectGuard guard(s->lock);
    s->table.assign(8, SetEntry{});
    s->fill = s->used = 0;
    ++s->version;
}

bool SetNext(const Set* s, int64_t& pos, Value& out)
{
    ObjectGuard guard(s->lock);
    while (pos < int64_t(s->table.size())) {
        const SetEntry& e = s->table[size_t(pos++)];
        if (!e.key.IsNull() && !IsDummy(e)) {
            out = e.key;
            return true;
        }
    }
    return false;
}

std::optional<Value> SetPop(Set* s)
{
    ObjectGuard guard(s->lock);
    if (s->used == 0)
        return std::nullopt;
    // From where the last pop stopped, as CPython's set.pop().
    const size_t mask = s->table.size() - 1;
    size_t i = size_t(s->finger) & mask;
    while (s->table[i].key.IsNull() || IsDummy(s->table[i]))
        i = (i + 1) & mask;
    SetEntry& e = s->table[i];
    const Value v = e.key;
    e.key = kDummy;
    e.hash = -1;
    --s->used;
    ++s->version;
    s->finger = int64_t(i + 1);
    return v;
}

// ---------------------------------------------------------------- list

void ListAppend(List* l, Value v)
{
    ObjectGuard guard(l->lock);
    l->items.push_back(v);
}

std::vector<Value> ListCopy(const List* l)
{
    ObjectGuard guard(l->lock);
    return std::vector<Value>(l->items.begin(), l->items.end());
}

size_t ListSize(const List* l)
{
    ObjectGuard guard(l->lock);
    return l->items.size();
}

Value ListGet(const List* l, size_t i)
{
    ObjectGuard guard(l->lock);
    return i < l->items.size() ? l->items[i] : Value::Null();
}

} // namespace threadlab::py
