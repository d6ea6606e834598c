#include "os_thread_pool.hpp"

#include <algorithm>

#include <sys/prctl.h>

namespace threadlab {

OsThreadPool& OsThreadPool::Shared()
{
    static OsThreadPool pool;
    return pool;
}

OsThreadPool::~OsThreadPool()
{
    // Every run has waited for its jobs by now, so every thread is parked.
    std::vector<std::unique_ptr<Worker>> workers;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& w : m_workers) {
            w->exit = true;
            w->wake.notify_one();
        }
        m_parked.clear();
        workers = std::move(m_workers);
    }
    for (const auto& w : workers)
        w->os.join();
}

OsThreadPool::Worker& OsThreadPool::NewWorker(std::function<void()> job)
{
    auto worker = std::make_unique<Worker>();
    worker->job = std::move(job);
    Worker& w = *worker;
    // Under m_mutex, so the new thread's Loop waits until the worker is listed.
    w.os = std::thread(&OsThreadPool::Loop, this, std::ref(w)); // may throw std::system_error
    m_workers.push_back(std::move(worker));
    return w;
}

void OsThreadPool::Launch(std::function<void()> job)
{
    std::unique_lock lock(m_mutex);
    if (m_parked.empty()) {
        NewWorker(std::move(job));
        return;
    }
    Worker& w = *m_parked.back();
    m_parked.pop_back();
    w.job = std::move(job);
    lock.unlock();
    w.wake.notify_one();
}

void OsThreadPool::Prestart(int count)
{
    std::lock_guard lock(m_mutex);
    while (int(m_parked.size()) < count)
        m_parked.push_back(&NewWorker(nullptr));
}

void OsThreadPool::Trim(int keep)
{
    std::vector<std::unique_ptr<Worker>> leaving;
    {
        std::lock_guard lock(m_mutex);
        // Counted over every live worker: one whose job has just said it is
        // done may not have parked yet, and it stays. The least recently
        // used go: the front of the parked list.
        const size_t kept = size_t(std::max(keep, 0));
        const size_t over = m_workers.size() > kept ? m_workers.size() - kept : 0;
        const size_t surplus = std::min(over, m_parked.size());
        for (size_t i = 0; i < surplus; ++i) {
            Worker* w = m_parked[i];
            w->exit = true;
            w->wake.notify_one();
            const auto it = std::find_if(m_workers.begin(), m_workers.end(),
                                         [w](const std::unique_ptr<Worker>& p) { return p.get() == w; });
            leaving.push_back(std::move(*it));
            m_workers.erase(it);
        }
        m_parked.erase(m_parked.begin(), m_parked.begin() + std::ptrdiff_t(surplus));
    }
    for (const auto& w : leaving)
        w->os.join();
}

int OsThreadPool::Parked() const
{
    std::lock_guard lock(m_mutex);
    return int(m_parked.size());
}

int OsThreadPool::Threads() const
{
    std::lock_guard lock(m_mutex);
    return int(m_workers.size());
}

void OsThreadPool::Loop(Worker& w)
{
    // Linux lets a sleep overshoot by the thread's timer slack (50 µs by
    // default) to batch wake-ups; at a time scale of 0.05 that is a
    // millisecond of lesson time per sleep, so the engine's threads wake on time.
    ::prctl(PR_SET_TIMERSLACK, 1UL);
    std::unique_lock lock(m_mutex);
    for (;;) {
        w.wake.wait(lock, [&] { return w.job != nullptr || w.exit; });
        if (w.job == nullptr)
            return; // asked to exit, and only a parked worker is
        std::function<void()> job = std::move(w.job);
        w.job = nullptr;
        lock.unlock();
        job();
        job = nullptr; // what the job captured goes before the worker is seen parked
        lock.lock();
        m_parked.push_back(&w);
    }
}

} // namespace threadlab
