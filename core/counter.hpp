#pragma once
// The shared `counter` of the race lessons. Loads and stores are separate
// relaxed atomic operations: a lost update is a real lost update, yet there
// is no undefined behaviour for ThreadSanitizer to flag.
#include <atomic>
#include <cstdint>

namespace threadlab {

struct SharedCounter {
    std::atomic<int64_t> value{0};
    int64_t Get() const { return value.load(std::memory_order_relaxed); }
};

} // namespace threadlab
