#include "heap.hpp"

#include "objects.hpp"

namespace threadlab::py {

namespace {
constexpr size_t kBatch = 256;

struct ThreadBatch {
    Heap* heap = nullptr;
    std::vector<Object*> objects;
    ~ThreadBatch()
    {
        if (heap != nullptr && !objects.empty())
            heap->Adopt(objects);
    }
};

thread_local Heap* t_heap = nullptr;
thread_local ThreadBatch t_batch;
} // namespace

Heap::Heap(int64_t bound) : m_bound(bound), m_account(&m_used) {}

Heap::Heap(Heap& budget) : m_bound(budget.m_bound), m_account(budget.m_account) {}

Heap::~Heap()
{
    if (t_batch.heap == this) {
        Adopt(t_batch.objects);
        t_batch.heap = nullptr;
    }
    for (Object* o : m_objects)
        delete o;
}

void Heap::Adopt(std::vector<Object*>& batch)
{
    std::lock_guard lock(m_mutex);
    m_objects.insert(m_objects.end(), batch.begin(), batch.end());
    batch.clear();
}

Heap& StaticHeap()
{
    static Heap* heap = new Heap(0); // lives as long as the process
    return *heap;
}

Heap& CurrentHeap() { return t_heap != nullptr ? *t_heap : StaticHeap(); }

void SetCurrentHeap(Heap* heap)
{
    if (heap != t_heap)
        FlushRegistrations();
    t_heap = heap;
}

void Register(Object* object)
{
    // The static heap keeps its list too, though it never frees: values hide
    // their pointers in tagged words, and the list is what shows a leak
    // checker that the type table's objects are still reachable.
    Heap* heap = &CurrentHeap();
    if (t_batch.heap != heap) {
        if (t_batch.heap != nullptr && !t_batch.objects.empty())
            t_batch.heap->Adopt(t_batch.objects);
        t_batch.heap = heap;
    }
    t_batch.objects.push_back(object);
    if (t_batch.objects.size() >= kBatch)
        heap->Adopt(t_batch.objects);
}

void FlushRegistrations()
{
    if (t_batch.heap != nullptr && !t_batch.objects.empty())
        t_batch.heap->Adopt(t_batch.objects);
}

HeapScope::HeapScope(Heap& heap) : m_previous(t_heap) { SetCurrentHeap(&heap); }
HeapScope::~HeapScope() { SetCurrentHeap(m_previous); }

} // namespace threadlab::py
