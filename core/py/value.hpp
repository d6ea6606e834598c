#pragma once
// Value: one Python value in 8 bytes (NaN-boxing).
//
// - A float is its own IEEE bits (every NaN is stored as the one quiet NaN).
// - Everything else lives in negative quiet-NaN space, which no stored float
//   uses: the top 16 bits are a tag, the low 48 bits the payload.
//     0xFFF9  None, False, True, NotImplemented, Ellipsis, and "no value"
//             (an unbound local, an empty stack slot)
//     0xFFFA  an int that fits in 48 bits, two's complement
//     0xFFFB  a pointer to a heap Object (user-space addresses fit in 48 bits)
// - Larger ints (up to 64 bits) are heap objects (IntObject), made by
//   MakeInt (objects.hpp); Python code cannot tell the two apart.
// Being one word, a Value in a shared slot (a global, a cell, an attribute)
// is a std::atomic<uint64_t>: each load and store is atomic on its own,
// which is exactly what free-threaded CPython promises and no more.
#include <bit>
#include <cmath>
#include <cstdint>

namespace threadlab::py {

struct Object;

class Value {
public:
    static constexpr uint64_t kTagShift = 48;
    static constexpr uint64_t kPayloadMask = (uint64_t(1) << kTagShift) - 1;
    static constexpr uint64_t kSpecialTag = 0xFFF9;
    static constexpr uint64_t kIntTag = 0xFFFA;
    static constexpr uint64_t kObjectTag = 0xFFFB;
    static constexpr uint64_t kCanonicalNaN = 0x7FF8000000000000ull;
    static constexpr int64_t kSmallIntMax = (int64_t(1) << 47) - 1;
    static constexpr int64_t kSmallIntMin = -(int64_t(1) << 47);

    enum Special : uint64_t { kNull = 0, kNone = 1, kFalse = 2, kTrue = 3, kNotImplemented = 4, kEllipsis = 5 };

    constexpr Value() : m_bits(Tagged(kSpecialTag, kNull)) {}

    static constexpr Value FromBits(uint64_t bits) { return Value(bits); }
    static constexpr Value Null() { return Value(Tagged(kSpecialTag, kNull)); }
    static constexpr Value None() { return Value(Tagged(kSpecialTag, kNone)); }
    static constexpr Value Bool(bool b) { return Value(Tagged(kSpecialTag, b ? kTrue : kFalse)); }
    static constexpr Value True() { return Bool(true); }
    static constexpr Value False() { return Bool(false); }
    static constexpr Value NotImplemented() { return Value(Tagged(kSpecialTag, kNotImplemented)); }
    static constexpr Value Ellipsis() { return Value(Tagged(kSpecialTag, kEllipsis)); }
    static Value Float(double d) { return Value(std::isnan(d) ? kCanonicalNaN : std::bit_cast<uint64_t>(d)); }
    // Only for ints that FitsSmall; MakeInt chooses.
    static constexpr Value SmallInt(int64_t i) { return Value(Tagged(kIntTag, uint64_t(i) & kPayloadMask)); }
    static Value Obj(const Object* o) { return Value(Tagged(kObjectTag, reinterpret_cast<uintptr_t>(o))); }

    static constexpr bool FitsSmall(int64_t i) { return i >= kSmallIntMin && i <= kSmallIntMax; }

    constexpr uint64_t Bits() const { return m_bits; }
    constexpr uint64_t Tag() const { return m_bits >> kTagShift; }

    constexpr bool IsFloat() const { return Tag() < kSpecialTag; }
    constexpr bool IsSmallInt() const { return Tag() == kIntTag; }
    constexpr bool IsObject() const { return Tag() == kObjectTag; }
    constexpr bool IsSpecial() const { return Tag() == kSpecialTag; }
    constexpr bool IsNull() const { return m_bits == Tagged(kSpecialTag, kNull); }
    constexpr bool IsNone() const { return m_bits == Tagged(kSpecialTag, kNone); }
    constexpr bool IsBool() const
    {
        return m_bits == Tagged(kSpecialTag, kTrue) || m_bits == Tagged(kSpecialTag, kFalse);
    }
    constexpr bool IsTrue() const { return m_bits == Tagged(kSpecialTag, kTrue); }
    constexpr bool IsFalse() const { return m_bits == Tagged(kSpecialTag, kFalse); }
    constexpr bool IsNotImplemented() const { return m_bits == Tagged(kSpecialTag, kNotImplemented); }
    constexpr bool IsEllipsis() const { return m_bits == Tagged(kSpecialTag, kEllipsis); }

    double AsFloat() const { return std::bit_cast<double>(m_bits); }
    constexpr int64_t AsSmallInt() const
    {
        // Sign-extend the 48-bit payload.
        return int64_t(m_bits << (64 - kTagShift)) >> (64 - kTagShift);
    }
    Object* AsObject() const { return reinterpret_cast<Object*>(uintptr_t(m_bits & kPayloadMask)); }

    constexpr bool operator==(const Value& other) const { return m_bits == other.m_bits; } // identity
    constexpr bool operator!=(const Value& other) const { return m_bits != other.m_bits; }

private:
    explicit constexpr Value(uint64_t bits) : m_bits(bits) {}
    static constexpr uint64_t Tagged(uint64_t tag, uint64_t payload) { return (tag << kTagShift) | payload; }

    uint64_t m_bits;
};

static_assert(sizeof(Value) == 8);

} // namespace threadlab::py
