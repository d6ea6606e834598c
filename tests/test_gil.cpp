// The GIL models: who may run at once, how fast a waiter gets the GIL.
#include "runtime.hpp"
#include "sanitizers.hpp"
#include "trace_checks.hpp"

#include <catch2/catch.hpp>

#include <atomic>

using namespace threadlab;
using namespace threadlab::test;

namespace {

constexpr double kScale = 0.05;

// Two CPU-bound threads, each running `steps` loop iterations.
RunOutcome TwoCpuThreads(Recorder& recorder, Model model, int64_t steps, std::atomic<int64_t>* progress = nullptr,
                         double scale = kScale)
{
    StopFlag stop;
    Runtime runtime(RunConfig{model, 0.005, scale}, recorder, stop, "threaded");
    return runtime.Run([&](Thread& main) {
        auto body = [&](Thread& self) {
            for (int64_t i = 0; i < steps; ++i) {
                self.Work(1);
                if (progress)
                    progress[self.Name() == "A" ? 0 : 1].store(i + 1, std::memory_order_relaxed);
            }
        };
        ThreadHandle a = main.Start("A", body);
        ThreadHandle b = main.Start("B", body);
        main.Join(a);
        main.Join(b);
    });
}

} // namespace

TEST_CASE("with a GIL at most one thread runs Python at any instant", "[gil]")
{
    for (Model model : {Model::Py39, Model::Py312}) {
        CAPTURE(ModelName(model));
        Recorder recorder;
        const RunOutcome outcome = TwoCpuThreads(recorder, model, 3'000'000);
        REQUIRE(outcome.status == RunStatus::Finished);
        const TraceSnapshot trace = Snap(recorder);
        CHECK(MaxConcurrentRunning(trace, 0) == 1);
        // They took turns: the GIL changed hands many times.
        CHECK(outcome.gil_switches > 4);
    }
}

TEST_CASE("free-threaded: two CPU-bound threads run in parallel", "[gil]")
{
    Recorder recorder;
    const RunOutcome outcome = TwoCpuThreads(recorder, Model::Py313t, 2'000'000, nullptr, 0.5);
    REQUIRE(outcome.status == RunStatus::Finished);
    const TraceSnapshot trace = Snap(recorder);
    CHECK(MaxConcurrentRunning(trace, 0) >= 2);
    // On two cores a good part of their running time overlaps.
    const LaneTrace& a = LaneNamed(trace, 0, "A");
    CHECK(OverlapNs(trace, 0) > TimeIn(a, State::Running) / 4);
}

TEST_CASE("a thread waiting for the GIL gets it within a few switch intervals", "[gil]")
{
    for (Model model : {Model::Py39, Model::Py312}) {
        CAPTURE(ModelName(model));
        Recorder recorder;
        std::atomic<int64_t> progress[2] = {0, 0};
        // A real 2.5 ms interval, so OS time slices on a busy machine do not
        // dwarf it.
        constexpr double kSlowScale = 0.5;
        TwoCpuThreads(recorder, model, 2'000'000, progress, kSlowScale);
        CHECK(progress[0].load() == 2'000'000);
        CHECK(progress[1].load() == 2'000'000);

        const TraceSnapshot trace = Snap(recorder);
        const int64_t interval_ns = int64_t(0.005 * kSlowScale * 1e9);
        // The typical wait is about one interval; allow a busy machine plenty.
        std::vector<int64_t> waits;
        for (const char* name : {"A", "B"})
            for (const Span& s : LaneNamed(trace, 0, name).spans)
                if (s.state == State::WaitingGil)
                    waits.push_back(s.t1 - s.t0);
        REQUIRE(waits.size() > 4);
        std::sort(waits.begin(), waits.end());
        CHECK_TIMING(waits[waits.size() / 2] < 8 * interval_ns);
        CHECK(waits[waits.size() / 2] > interval_ns / 2);
    }
}

TEST_CASE("sleep, a blocked join and start release the GIL", "[gil]")
{
    Recorder recorder;
    StopFlag stop;
    Runtime runtime(RunConfig{Model::Py312, 0.005, kScale}, recorder, stop, "threaded");
    std::atomic<int64_t> worker_steps_during_sleep{0};
    std::atomic<bool> sleeping{false};
    runtime.Run([&](Thread& main) {
        ThreadHandle worker = main.Start("Worker", [&](Thread& self) {
            for (int i = 0; i < 4'000'000; ++i) {
                self.Work(1);
                if (sleeping.load(std::memory_order_relaxed))
                    worker_steps_during_sleep.fetch_add(1, std::memory_order_relaxed);
            }
        });
        sleeping = true;
        main.Sleep(0.2);
        sleeping = false;
        main.Join(worker);
    });
    // The worker ran while the main thread slept (the GIL was free).
    CHECK(worker_steps_during_sleep.load() > 1000);

    const TraceSnapshot trace = Snap(recorder);
    const LaneTrace& main_lane = LaneNamed(trace, 0, "MainThread");
    const LaneTrace& worker = LaneNamed(trace, 0, "Worker");
    CHECK(TimeIn(main_lane, State::Joining) > 0);
    // The worker ran during the main thread's join: it needed the GIL to finish.
    CHECK(TimeIn(worker, State::Running) > TimeIn(main_lane, State::Sleeping) / 2);
    CHECK(MaxConcurrentRunning(trace, 0) == 1);
}
