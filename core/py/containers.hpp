#pragma once
// The hash tables behind dict and set, and list helpers. Each function takes
// the container's lock (when the run needs one) for exactly one operation,
// as free-threaded CPython's per-object locks do. Keys of builtin types hash
// and compare without running Python code; for a user's key, `ts` runs its
// __hash__ / __eq__ (outside the lock).
#include "objects.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace threadlab::py {

// dict
Value DictGet(ThreadState* ts, Dict* d, Value key); // Null if missing
void DictSet(ThreadState* ts, Dict* d, Value key, Value value);
bool DictDel(ThreadState* ts, Dict* d, Value key); // false if missing
Value DictGetStr(const Dict* d, std::string_view key);
void DictSetStr(Dict* d, Str* key, Value value);
int64_t DictSize(const Dict* d);
// The live entries, in order, copied (safe while others change the dict).
std::vector<DictEntry> DictItems(const Dict* d);
void DictClear(Dict* d);
// The entry at position >= *pos; advances *pos. False at the end.
bool DictNext(const Dict* d, int64_t& pos, DictEntry& out);

// set
bool SetAdd(ThreadState* ts, Set* s, Value key);    // false if already there
// Adds every item of `other` as CPython's set_merge does (the order a copy,
// a union or set(a_set) iterates in depends on it).
void SetMerge(ThreadState* ts, Set* s, const Set* other);
bool SetHas(ThreadState* ts, const Set* s, Value key);
bool SetDiscard(ThreadState* ts, Set* s, Value key); // false if missing
std::vector<Value> SetItems(const Set* s);            // in table order
int64_t SetSize(const Set* s);
void SetClear(Set* s);
bool SetNext(const Set* s, int64_t& pos, Value& out);
std::optional<Value> SetPop(Set* s);

// list
void ListAppend(List* l, Value v);
std::vector<Value> ListCopy(const List* l);
size_t ListSize(const List* l);
Value ListGet(const List* l, size_t i); // Null past the end

} // namespace threadlab::py
