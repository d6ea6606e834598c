// The GIL models: who may run at once, how fast a waiter gets the GIL.
#include "runtime.hpp"
#include "sanitizers.hpp"
#include "trace_checks.hpp"

#include <catch2/catch.hpp>

#include <atomic>

using namespace threadlab;
using namespace threadlab::test;

namespace {

constexpr double kGilTestScale = 0.05;

// Two CPU-bound threads, each running `steps` loop iterations.
RunOutcome TwoCpuThreads(Recorder& recorder, Model model, int64_t steps, std::atomic<int64_t>* progress = nullptr,
                         double scale = kGilTestScale)
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
        // 30 ms of work a thread against a 1 ms interval: dozens of turns,
        // even when busy cores wake a waiter late.
        const RunOutcome outcome = TwoCpuThreads(recorder, model, 3'000'000, nullptr, 0.2);
        REQUIRE(outcome.status == RunStatus::Finished);
        const TraceSnapshot trace = Snap(recorder);
        CHECK(MaxConcurrentRunning(trace, 0) == 1);
        // They took turns: the GIL changed hands many times, and each
        // thread was made to wait for it again and again (17–33 hand-offs,
        // 6–14 waits a thread measured, idle and busy; without drop
        // requests each thread waits about once).
        CHECK(outcome.gil_switches > 8);
        for (const char* name : {"A", "B"}) {
            CAPTURE(name);
            const LaneTrace& lane = LaneNamed(trace, 0, name);
            CHECK(std::count_if(lane.spans.begin(), lane.spans.end(),
                                [](const Span& s) { return s.state == State::WaitingGil; }) >= 3);
        }
    }
}

TEST_CASE("free-threaded: two CPU-bound threads run in parallel", "[gil][serial]")
{
    Recorder recorder;
    const RunOutcome outcome = TwoCpuThreads(recorder, Model::Py313t, 2'000'000, nullptr, 0.5);
    REQUIRE(outcome.status == RunStatus::Finished);
    const TraceSnapshot trace = Snap(recorder);
    CHECK(MaxConcurrentRunning(trace, 0) >= 2);
    // A good part of their running time overlaps. This is the engine's
    // state, not the CPU's: with no GIL nothing makes one thread wait for
    // the other, so it holds on a loaded machine too (the OS then shares
    // one core between them, which the lesson's speedup would show).
    const LaneTrace& a = LaneNamed(trace, 0, "A");
    CHECK(OverlapNs(trace, 0) > TimeIn(a, State::Running) / 4);
}

TEST_CASE("a thread waiting for the GIL gets it within a few switch intervals", "[gil][serial]")
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
    // A 50 ms real sleep, time enough for busy cores to wake the worker,
    // beside 100 ms of work, so the join still has to wait for it.
    Runtime runtime(RunConfig{Model::Py312, 0.005, 0.25}, recorder, stop, "threaded");
    std::atomic<int64_t> worker_steps_during_sleep{0};
    std::atomic<bool> sleeping{false};
    runtime.Run([&](Thread& main) {
        ThreadHandle worker = main.Start("Worker", [&](Thread& self) {
            for (int i = 0; i < 8'000'000; ++i) {
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
    // The recording shows where: the worker ran through most of the main
    // thread's sleep (the flag above also counts the switch point before it)
    // and through its join.
    auto running_during = [&](State state) {
        int64_t length = 0, overlap = 0;
        for (const Span& m : main_lane.spans) {
            if (m.state != state)
                continue;
            length += m.t1 - m.t0;
            for (const Span& w : worker.spans)
                if (IsRunning(w.state))
                    overlap += std::max<int64_t>(0, std::min(m.t1, w.t1) - std::max(m.t0, w.t0));
        }
        return std::pair(length, overlap);
    };
    const auto [sleep_ns, ran_while_sleeping] = running_during(State::Sleeping);
    CHECK(ran_while_sleeping > sleep_ns / 2);
    const auto [join_ns, ran_while_joining] = running_during(State::Joining);
    CHECK(ran_while_joining > join_ns / 2);
}
