#pragma once
// Hashes as CPython computes them where the value shows: numbers and tuples
// (a set of numbers iterates in the order their hashes give). Strings get a
// fixed hash of our own; CPython randomises theirs, so no program can rely
// on a set of strings' order.
#include <cstdint>
#include <string_view>

namespace threadlab::py {

inline constexpr uint64_t kHashModulus = (uint64_t(1) << 61) - 1;

// hash(int): the value modulo 2**61 - 1, keeping the sign; -1 becomes -2.
int64_t HashInt(int64_t v);
// hash(float), CPython's _Py_HashDouble (integral floats hash as ints).
int64_t HashFloat(double d);
// CPython's tuple hash (xxHash's mixing) over the items' hashes.
int64_t HashTuple(const int64_t* item_hashes, size_t n);

int64_t HashBytes(std::string_view s);

} // namespace threadlab::py
