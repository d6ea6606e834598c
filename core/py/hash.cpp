#include "hash.hpp"

#include <cmath>

namespace threadlab::py {

int64_t HashInt(int64_t v)
{
    const bool negative = v < 0;
    const uint64_t magnitude = negative ? uint64_t(0) - uint64_t(v) : uint64_t(v);
    int64_t h = int64_t(magnitude % kHashModulus);
    if (negative)
        h = -h;
    return h == -1 ? -2 : h;
}

int64_t HashFloat(double d)
{
    if (std::isinf(d))
        return d > 0 ? 314159 : -314159;
    if (std::isnan(d))
        return 0; // CPython hashes a NaN by its identity; ours are all one object
    constexpr int kBits = 61;
    int e = 0;
    double m = std::frexp(d, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    // Fold the mantissa in 28 bits at a time, rotating within 61 bits.
    uint64_t x = 0;
    while (m != 0) {
        x = ((x << 28) & kHashModulus) | x >> (kBits - 28);
        m *= 268435456.0;
        e -= 28;
        const uint64_t y = uint64_t(m);
        m -= double(y);
        x += y;
        if (x >= kHashModulus)
            x -= kHashModulus;
    }
    e = e >= 0 ? e % kBits : kBits - 1 - ((-1 - e) % kBits);
    x = ((x << e) & kHashModulus) | x >> (kBits - e);
    x = x * uint64_t(int64_t(sign));
    if (x == uint64_t(-1))
        x = uint64_t(-2);
    return int64_t(x);
}

int64_t HashTuple(const int64_t* item_hashes, size_t n)
{
    constexpr uint64_t kPrime1 = 11400714785074694791ull;
    constexpr uint64_t kPrime2 = 14029467366897019727ull;
    constexpr uint64_t kPrime5 = 2870177450012600261ull;
    uint64_t acc = kPrime5;
    for (size_t i = 0; i < n; ++i) {
        acc += uint64_t(item_hashes[i]) * kPrime2;
        acc = (acc << 31) | (acc >> 33);
        acc *= kPrime1;
    }
    acc += uint64_t(n) ^ (kPrime5 ^ 3527539ull);
    if (acc == uint64_t(-1))
        return 1546275796;
    return int64_t(acc);
}

int64_t HashBytes(std::string_view s)
{
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    const int64_t r = int64_t(h >> 1);
    return r == -1 ? -2 : r;
}

} // namespace threadlab::py
