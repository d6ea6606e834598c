#pragma once
// Heap: where a run's objects live, and the bound on how much they may use.
//
// Design notes
// - Nothing is freed while a run goes on; everything is freed when its Heap
//   is destroyed, after every thread of the run has ended. That is the
//   simplest scheme under which no thread — free-threaded ones included —
//   can ever touch a freed object (PYTHON.md, "Memory").
// - Every allocation is charged against the run's bound: objects when made,
//   containers as they grow (HeapAllocator). Past the bound the allocation
//   throws HeapExhausted, which the VM raises as MemoryError; the charge is
//   taken back, so the process stays within the bound.
// - Objects are registered in the allocating thread's own list (no lock on
//   the hot path) and handed to the heap in batches.
// - Three heaps exist: the process-wide static one (builtin types and their
//   methods), a Program's (code objects and constants, shared by its runs)
//   and a run's. The current one is a thread-local, set by whoever runs code.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <new>
#include <vector>

namespace threadlab::py {

struct Object;

struct HeapExhausted {};

class Heap {
public:
    // `bound` in bytes; 0 = unbounded (static and program heaps).
    explicit Heap(int64_t bound = 0);
    // An emulated process's heap: its objects are its own, its charges go to
    // `budget`, so a run's processes share the run's one bound.
    explicit Heap(Heap& budget);
    ~Heap();
    Heap(const Heap&) = delete;
    Heap& operator=(const Heap&) = delete;

    void Charge(size_t bytes)
    {
        const int64_t now = m_account->fetch_add(int64_t(bytes), std::memory_order_relaxed) + int64_t(bytes);
        if (m_bound > 0 && now > m_bound) {
            m_account->fetch_sub(int64_t(bytes), std::memory_order_relaxed);
            throw HeapExhausted{};
        }
    }
    void Refund(size_t bytes) { m_account->fetch_sub(int64_t(bytes), std::memory_order_relaxed); }
    int64_t Used() const { return m_account->load(std::memory_order_relaxed); }
    uint64_t NextSerial() { return m_serial.fetch_add(1, std::memory_order_relaxed) + 1; }
    int64_t Bound() const { return m_bound; }

    // Takes ownership of an object (called through the thread's batch).
    void Adopt(std::vector<Object*>& batch);

private:
    const int64_t m_bound;
    std::atomic<int64_t> m_used{0};
    std::atomic<uint64_t> m_serial{0};
    std::atomic<int64_t>* const m_account; // m_used, or the budget heap's
    std::mutex m_mutex;
    std::vector<Object*> m_objects;
};

// The heap new objects go to on this OS thread (never null while code runs).
Heap& CurrentHeap();
void SetCurrentHeap(Heap* heap);
Heap& StaticHeap();

// Registers `object` with the current heap (batched per thread).
void Register(Object* object);
// Hands this thread's pending batch to its heap (before the thread ends).
void FlushRegistrations();

// Makes a heap object of type T, charged to the current heap.
template <class T, class... Args>
T* New(Args&&... args)
{
    Heap& heap = CurrentHeap();
    heap.Charge(sizeof(T));
    T* object;
    try {
        object = new T(std::forward<Args>(args)...);
    } catch (...) {
        heap.Refund(sizeof(T));
        throw;
    }
    object->serial = heap.NextSerial();
    Register(object);
    return object;
}

// An allocator for a heap object's containers: growth is charged to the heap
// that is current when it happens.
template <class T>
struct HeapAllocator {
    using value_type = T;
    HeapAllocator() = default;
    template <class U>
    HeapAllocator(const HeapAllocator<U>&) noexcept
    {
    }
    T* allocate(size_t n)
    {
        CurrentHeap().Charge(n * sizeof(T));
        return static_cast<T*>(::operator new(n * sizeof(T)));
    }
    void deallocate(T* p, size_t n) noexcept
    {
        // Freed at the end of a run, when the current heap may be another:
        // refunds are not worth tracking then.
        (void)n;
        ::operator delete(p);
    }
    template <class U>
    bool operator==(const HeapAllocator<U>&) const noexcept
    {
        return true;
    }
};

template <class T>
using HeapVector = std::vector<T, HeapAllocator<T>>;

// Sets the current heap for a scope.
class HeapScope {
public:
    explicit HeapScope(Heap& heap);
    ~HeapScope();

private:
    Heap* m_previous;
};

} // namespace threadlab::py
