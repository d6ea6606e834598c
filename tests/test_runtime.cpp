// Emulated threads: names, start/join semantics, stop, errors.
#include "runtime.hpp"
#include "sanitizers.hpp"
#include "trace_checks.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace threadlab;
using namespace threadlab::test;

TEST_CASE("threads are named like Python's and summarised in lesson seconds", "[runtime][serial]")
{
    Recorder recorder;
    StopFlag stop;
    const double scale = 0.25; // 0.1 s real for the longest sleep: OS jitter stays small beside it
    Runtime runtime(RunConfig{Model::Py312, 0.005, scale}, recorder, stop, "threaded");
    const RunOutcome outcome = runtime.Run([](Thread& main) {
        ThreadHandle a = main.Start("A", [](Thread& self) { self.Sleep(0.4); });
        ThreadHandle b = main.Start("B", [](Thread& self) { self.Sleep(0.2); });
        main.Join(a);
        main.Join(b);
    });
    REQUIRE(outcome.status == RunStatus::Finished);
    REQUIRE(outcome.threads.size() == 3);
    CHECK(outcome.threads[0].name == "MainThread");
    CHECK(outcome.threads[1].name == "A");
    CHECK(outcome.threads[2].name == "B");
    // Lesson seconds, not real ones: about 0.4 whatever the scale.
    CHECK(outcome.elapsed > 0.39);
    CHECK_TIMING(outcome.elapsed < 0.4 * 1.5);
    CHECK(outcome.threads[2].end < outcome.threads[1].end); // B ends first
}

TEST_CASE("start returns once the child is running and join takes a timeout", "[runtime]")
{
    Recorder recorder;
    StopFlag stop;
    Runtime runtime(RunConfig{Model::Py312, 0.005, 0.05}, recorder, stop, "run");
    bool alive_after_start = false, joined_early = true, joined_late = false, alive_after_join = true;
    runtime.Run([&](Thread& main) {
        ThreadHandle t = main.Start("Thread-1", [](Thread& self) { self.Sleep(1.0); });
        alive_after_start = t.IsAlive();
        joined_early = main.Join(t, 0.1);
        joined_late = main.Join(t);
        alive_after_join = t.IsAlive();
    });
    CHECK(alive_after_start);
    CHECK_FALSE(joined_early);
    CHECK(joined_late);
    CHECK_FALSE(alive_after_join);
}

TEST_CASE("stopping a run during a 10-second sleep ends it at once", "[runtime][stop][serial]")
{
    for (Model model : {Model::Py39, Model::Py312, Model::Py313t}) {
        CAPTURE(ModelName(model));
        Recorder recorder;
        StopFlag stop;
        Runtime runtime(RunConfig{model, 0.005, 1.0}, recorder, stop, "threaded");
        int64_t stop_requested_at = 0;
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            stop_requested_at = NowNs();
            stop.RequestStop();
        });
        const RunOutcome outcome = runtime.Run([](Thread& main) {
            ThreadHandle sleeper = main.Start("A", [](Thread& self) { self.Sleep(10.0); });
            ThreadHandle worker = main.Start("B", [](Thread& self) { self.Work(1'000'000'000); });
            main.Join(sleeper);
            main.Join(worker);
        });
        const int64_t returned_at = NowNs();
        stopper.join();
        CHECK(outcome.status == RunStatus::Stopped);
        // Well before the sleep would have ended, in every build…
        CHECK(returned_at - stop_requested_at < 5'000'000'000);
        // …and at once where timings mean something: every wait polls the
        // stop flag at least every 10 ms (20 ms promised), a busy machine adds its delay.
        CHECK_TIMING(returned_at - stop_requested_at < 250'000'000);
        // The partial trace is kept and every lane ended.
        const TraceSnapshot trace = Snap(recorder);
        REQUIRE(trace.lanes.size() == 3);
        for (const LaneTrace& lane : trace.lanes)
            CHECK(lane.ended);
    }
}

TEST_CASE("an exception escaping a thread ends that thread, not the run", "[runtime]")
{
    Recorder recorder;
    StopFlag stop;
    Runtime runtime(RunConfig{Model::Py312, 0.005, 0.05}, recorder, stop, "run");
    const RunOutcome outcome = runtime.Run([](Thread& main) {
        ThreadHandle t = main.Start("A", [](Thread&) { throw PythonError("ValueError: boom"); });
        main.Join(t);
    });
    CHECK(outcome.status == RunStatus::Finished);
    CHECK(outcome.threads[1].error == "ValueError: boom");
    CHECK(Thread::Current() == nullptr);
}

TEST_CASE("a thread that cannot be created ends the run as failed, with the reason", "[runtime]")
{
    Recorder recorder;
    StopFlag stop;
    Runtime runtime(RunConfig{Model::Py312, 0.005, 0.05}, recorder, stop, "threaded");
    SetThreadCreationLimitForTesting(2);
    const RunOutcome outcome = runtime.Run([](Thread& main) {
        std::vector<ThreadHandle> threads;
        for (int i = 0; i < 5; ++i)
            threads.push_back(main.Start("Thread-" + std::to_string(i + 1), [](Thread& self) { self.Sleep(1.0); }));
        for (const ThreadHandle& t : threads)
            main.Join(t);
    });
    SetThreadCreationLimitForTesting(-1);
    CHECK(outcome.status == RunStatus::Failed);
    CHECK(outcome.failure.find("could not start thread Thread-3") != std::string::npos);
    // The threads that did start were stopped and joined; times stay sane.
    for (const ThreadSummary& t : outcome.threads) {
        CHECK(t.start >= 0);
        CHECK(t.end >= t.start);
    }
}
