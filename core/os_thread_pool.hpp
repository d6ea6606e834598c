#pragma once
// OS threads started ahead of need, for the engine's emulated threads.
//
// Design notes
// - Creating an OS thread costs its creator about 13 µs here and as much
//   again before the child runs: in a run that starts thirty threads that is
//   engine overhead CPython's own start does not have on top of its own, and
//   at small time scales it grows into lesson time. A parked thread is woken
//   instead: one futex wake.
// - Each parked thread waits on its own condition variable, so a launch wakes
//   exactly one. The most recently parked is woken first (its stack is warm).
// - The pool grows on demand and never refuses while the OS still creates
//   threads; Trim() (after a run) lets the surplus exit and joins it.
// - A job must leave nothing thread-local behind that the next job could see
//   (the runtime and the interpreter restore what they set).
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace threadlab {

class OsThreadPool {
public:
    // The process's pool; parked threads are joined at exit.
    static OsThreadPool& Shared();

    OsThreadPool() = default;
    ~OsThreadPool();
    OsThreadPool(const OsThreadPool&) = delete;
    OsThreadPool& operator=(const OsThreadPool&) = delete;

    // Runs `job` on a parked thread, or on a new one. Throws std::system_error,
    // as std::thread does, when the OS refuses a new one.
    void Launch(std::function<void()> job);
    // Starts threads until at least `count` are parked (before a run begins).
    void Prestart(int count);
    // Lets parked threads exit, and joins them, until at most `keep` live.
    void Trim(int keep);

    int Parked() const;
    int Threads() const; // alive: parked or running a job

private:
    struct Worker {
        std::thread os;
        std::condition_variable wake;
        std::function<void()> job; // set by Launch, under m_mutex
        bool exit = false;         // under m_mutex
    };
    void Loop(Worker& worker);
    Worker& NewWorker(std::function<void()> job); // under m_mutex

    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<Worker>> m_workers; // every live one
    std::vector<Worker*> m_parked;                  // idle, most recent last
};

} // namespace threadlab
