// Lock, Event and Semaphore with Python's semantics.
#include "sync.hpp"
#include "sanitizers.hpp"
#include "trace_checks.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <thread>

using namespace threadlab;
using namespace threadlab::test;

namespace {
constexpr double kSyncTestScale = 0.05;
const Model kModels[] = {Model::Py39, Model::Py312, Model::Py313t};
} // namespace

TEST_CASE("a Lock gives mutual exclusion and no update is lost under any model", "[lock]")
{
    for (Model model : kModels) {
        CAPTURE(ModelName(model));
        Recorder recorder;
        StopFlag stop;
        Runtime runtime(RunConfig{model, 0.005, kSyncTestScale}, recorder, stop, "locked");
        SharedCounter counter;
        std::atomic<int> inside{0};
        std::atomic<int> most_inside{0};
        Lock lock;
        constexpr int kIncrements = 20'000;
        const RunOutcome outcome = runtime.Run([&](Thread& main) {
            auto body = [&](Thread& self) {
                for (int i = 0; i < kIncrements; ++i) {
                    self.SwitchPoint(); // the loop's back-edge
                    std::scoped_lock guard(lock); // with lock:
                    const int now = inside.fetch_add(1) + 1;
                    int seen = most_inside.load();
                    while (now > seen && !most_inside.compare_exchange_weak(seen, now)) {
                    }
                    self.Increment(counter);
                    inside.fetch_sub(1);
                }
            };
            ThreadHandle a = main.Start("Thread-1", body);
            ThreadHandle b = main.Start("Thread-2", body);
            main.Join(a);
            main.Join(b);
        });
        REQUIRE(outcome.status == RunStatus::Finished);
        CHECK(counter.Get() == 2 * kIncrements);
        CHECK(most_inside.load() == 1);
    }
}

TEST_CASE("a blocked acquire releases the GIL but an uncontended one keeps it", "[lock][gil]")
{
    Recorder recorder;
    StopFlag stop;
    Runtime runtime(RunConfig{Model::Py312, 0.005, kSyncTestScale}, recorder, stop, "run");
    Lock lock;
    std::atomic<int64_t> steps_while_blocked{0};
    std::atomic<bool> main_blocked{false};
    runtime.Run([&](Thread& main) {
        ThreadHandle holder = main.Start("A", [&](Thread& self) {
            lock.Acquire(self); // uncontended: keeps the GIL
            // Until MainThread is on its way into the blocked acquire (a busy
            // machine may wake it late), then a moment for it to block.
            while (!main_blocked.load())
                self.Sleep(0.005);
            self.Sleep(0.01);
            for (int i = 0; i < 200'000; ++i) {
                self.Work(1);
                if (main_blocked.load(std::memory_order_relaxed))
                    steps_while_blocked.fetch_add(1, std::memory_order_relaxed);
            }
            lock.Release(self);
        });
        main.Sleep(0.01);
        main_blocked = true;
        lock.Acquire(main); // held by A: blocks, releasing the GIL
        main_blocked = false;
        lock.Release(main);
        main.Join(holder);
    });
    // A ran Python (with the GIL) while MainThread was blocked on the lock.
    CHECK(steps_while_blocked.load() > 100'000);
    const TraceSnapshot trace = Snap(recorder);
    const LaneTrace& main_lane = LaneNamed(trace, 0, "MainThread");
    CHECK(TimeIn(main_lane, State::WaitingLock) > 0);
    CHECK(TimeIn(LaneNamed(trace, 0, "A"), State::HoldingLock) > 0);
    CHECK(MaxConcurrentRunning(trace, 0) == 1);
    // The hand-off was recorded: a release with a waiter, then an acquire.
    bool released = false, acquired = false;
    for (const LaneTrace& lane : trace.lanes)
        for (const Mark& m : lane.marks) {
            released |= m.kind == MarkKind::LockReleased;
            acquired |= m.kind == MarkKind::LockAcquired;
        }
    CHECK(released);
    CHECK(acquired);
}

TEST_CASE("beside a CPU-bound thread a lock's waiter resumes about one interval after the release", "[lock][gil][serial]")
{
    Recorder recorder;
    StopFlag stop;
    constexpr double kSlowScale = 0.5; // a 2.5 ms interval: well above OS time slices
    Runtime runtime(RunConfig{Model::Py312, 0.005, kSlowScale}, recorder, stop, "convoy");
    Lock lock;
    runtime.Run([&](Thread& main) {
        lock.Acquire(main);
        ThreadHandle waiter = main.Start("Waiter", [&](Thread& self) {
            lock.Acquire(self);
            lock.Release(self);
        });
        main.Sleep(0.01); // let the waiter block on the lock
        lock.Release(main);
        main.Work(2'000'000); // CPU-bound: keeps the GIL until asked
        main.Join(waiter);
    });
    const TraceSnapshot trace = Snap(recorder);
    const LaneTrace& waiter = LaneNamed(trace, 0, "Waiter");
    const int64_t gil_wait = TimeIn(waiter, State::WaitingGil);
    const int64_t interval_ns = int64_t(0.005 * kSlowScale * 1e9);
    CHECK(gil_wait > interval_ns / 2);
    CHECK_TIMING(gil_wait < 8 * interval_ns);
}

TEST_CASE("Lock is not owned and releasing an unlocked lock raises RuntimeError", "[lock]")
{
    Recorder recorder;
    StopFlag stop;
    Runtime runtime(RunConfig{Model::Py312, 0.005, kSyncTestScale}, recorder, stop, "run");
    Lock lock;
    std::string error;
    bool released_by_other = false, reacquired = false;
    runtime.Run([&](Thread& main) {
        lock.Acquire(main);
        ThreadHandle other = main.Start("B", [&](Thread& self) {
            lock.Release(self);
            released_by_other = !lock.Locked();
        });
        main.Join(other);
        try {
            lock.Release(main);
        } catch (const PythonError& e) {
            error = e.what();
        }
        reacquired = lock.Acquire(main, 0); // free again: a non-blocking acquire works
    });
    CHECK(reacquired);
    CHECK(released_by_other);
    CHECK(error == "RuntimeError: release unlocked lock");
}

TEST_CASE("Event and Semaphore block and wake like Python's", "[sync]")
{
    for (Model model : kModels) {
        CAPTURE(ModelName(model));
        Recorder recorder;
        StopFlag stop;
        Runtime runtime(RunConfig{model, 0.005, kSyncTestScale}, recorder, stop, "run");
        Event ready;
        Semaphore slots(2);
        std::atomic<int> concurrent{0}, most{0};
        bool timed_out_first = false, woke = false;
        runtime.Run([&](Thread& main) {
            timed_out_first = !ready.Wait(main, 0.01);
            ThreadHandle setter = main.Start("Setter", [&](Thread& self) {
                self.Sleep(0.05);
                ready.Set(self);
            });
            woke = ready.Wait(main);
            main.Join(setter);
            std::vector<ThreadHandle> workers;
            for (int i = 0; i < 5; ++i)
                workers.push_back(main.Start("Thread-" + std::to_string(i + 1), [&](Thread& self) {
                    slots.Acquire(self);
                    const int now = concurrent.fetch_add(1) + 1;
                    int seen = most.load();
                    while (now > seen && !most.compare_exchange_weak(seen, now)) {
                    }
                    self.Sleep(0.4); // 20 ms real: long enough for the others to queue up
                    concurrent.fetch_sub(1);
                    slots.Release(self);
                }));
            for (const ThreadHandle& w : workers)
                main.Join(w);
        });
        CHECK(timed_out_first);
        CHECK(woke);
        CHECK(most.load() == 2);
    }
}

TEST_CASE("stopping a run while threads hold a Lock in a with-block ends it cleanly", "[lock][stop]")
{
    for (Model model : kModels) {
        CAPTURE(ModelName(model));
        Recorder recorder;
        StopFlag stop;
        Runtime runtime(RunConfig{model, 0.005, 1.0}, recorder, stop, "locked");
        SharedCounter counter;
        Lock lock;
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            stop.RequestStop();
        });
        const RunOutcome outcome = runtime.Run([&](Thread& main) {
            auto body = [&](Thread& self) {
                for (;;) {
                    self.SwitchPoint(); // the loop's back-edge: where the stop is noticed
                    std::scoped_lock guard(lock); // unlocking during the unwind must not throw
                    self.Increment(counter);
                }
            };
            ThreadHandle a = main.Start("Thread-1", body);
            ThreadHandle b = main.Start("Thread-2", body);
            main.Join(a);
            main.Join(b);
        });
        stopper.join();
        CHECK(outcome.status == RunStatus::Stopped);
        CHECK_FALSE(lock.Locked());
    }
}

TEST_CASE("a Lock released by another thread no longer counts as held by its acquirer", "[lock]")
{
    Recorder recorder;
    StopFlag stop;
    Runtime runtime(RunConfig{Model::Py312, 0.005, kSyncTestScale}, recorder, stop, "run");
    Lock lock;
    State after_sleep = State::Done;
    runtime.Run([&](Thread& main) {
        lock.Acquire(main);
        ThreadHandle other = main.Start("B", [&](Thread& self) { lock.Release(self); });
        main.Join(other);
        main.Sleep(0.01);
        after_sleep = main.CurrentState();
    });
    CHECK(after_sleep == State::Running);
}

TEST_CASE("joining a thread that was never started raises RuntimeError", "[runtime]")
{
    Recorder recorder;
    StopFlag stop;
    Runtime runtime(RunConfig{Model::Py312, 0.005, kSyncTestScale}, recorder, stop, "run");
    std::string error;
    runtime.Run([&](Thread& main) {
        try {
            main.Join(ThreadHandle{});
        } catch (const PythonError& e) {
            error = e.what();
        }
    });
    CHECK(error == "RuntimeError: cannot join thread before it is started");
}
