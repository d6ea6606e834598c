// Each lesson, at a small time scale, meets the outcome its students are
// told to expect. Margins are wide: a busy two-core machine must pass.
#include "lesson.hpp"
#include "sanitizers.hpp"
#include "trace_checks.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <thread>

using namespace threadlab;
using namespace threadlab::test;

namespace {

struct RecordedRun {
    LessonResult result;
    TraceSnapshot trace;
};

RecordedRun RunRecorded(std::string_view id, std::vector<std::string> sets, Model model, double scale)
{
    const Lesson& lesson = *FindLesson(id);
    ParamValues values = DefaultValues(lesson.params);
    const auto error = ApplyAssignments(lesson.params, sets, values);
    REQUIRE_FALSE(error);
    Recorder recorder;
    StopFlag stop;
    RecordedRun run{RunLesson(lesson, values, RunConfig{model, 0.005, scale}, recorder, stop), {}};
    REQUIRE(run.result.status == RunStatus::Finished);
    run.trace.Update(recorder);
    return run;
}

LessonResult RunWith(std::string_view id, std::vector<std::string> sets, Model model, double scale)
{
    return RunRecorded(id, std::move(sets), model, scale).result;
}

// Largest number of threads in `state` at one instant.
int MaxConcurrentIn(const TraceSnapshot& trace, int group, State state)
{
    std::vector<std::pair<int64_t, int>> edges;
    for (int lane : trace.groups[size_t(group)].lanes)
        for (const Span& span : trace.lanes[size_t(lane)].spans)
            if (span.state == state && span.t1 > span.t0) {
                edges.push_back({span.t0, +1});
                edges.push_back({span.t1, -1});
            }
    std::sort(edges.begin(), edges.end()); // an end sorts before a start at the same instant
    int now = 0, most = 0;
    for (const auto& [t, delta] : edges)
        most = std::max(most, now += delta);
    return most;
}

// Lesson seconds the worker threads (every lane but MainThread) spent in `state`.
double WorkersSecondsIn(const TraceSnapshot& trace, int group, State state)
{
    int64_t ns = 0;
    for (int lane : trace.groups[size_t(group)].lanes)
        if (trace.lanes[size_t(lane)].name != "MainThread")
            ns += TimeIn(trace.lanes[size_t(lane)], state);
    return trace.groups[size_t(group)].Seconds(ns);
}

std::string Text(const LessonResult& r, std::string_view name) { return std::get<std::string>(r.Find(name)->value); }

} // namespace

TEST_CASE("first-threads: B ends first and the total is the longest sleep", "[lessons][serial]")
{
    const LessonResult r = RunWith("first-threads", {}, Model::Py312, 0.2);
    CHECK(Text(r, "first") == "B");
    CHECK(Text(r, "last") == "A");
    CHECK(r.Number("total") >= 2.0);
    CHECK_TIMING(r.Number("total") < 2.3);
    REQUIRE(r.runs.size() == 1);
    CHECK(r.runs[0].threads.size() == 3);
}

TEST_CASE("three-threads: order and total are right for any list of durations", "[lessons][serial]")
{
    const LessonResult r = RunWith("three-threads", {}, Model::Py312, 0.2);
    CHECK(std::get<std::vector<std::string>>(r.Find("order")->value) == std::vector<std::string>{"B", "C", "A"});
    CHECK(r.Number("total") >= 3.0);
    CHECK_TIMING(r.Number("total") < 3.3);

    // The classic edits, then random lists with distinct durations.
    const LessonResult with_d = RunWith("three-threads", {"durations=3,1,2,0.5"}, Model::Py312, 0.2);
    CHECK(Text(with_d, "first") == "D");
    CHECK(Text(with_d, "last") == "A");
    std::mt19937 rng(7);
    for (int round = 0; round < 3; ++round) {
        std::vector<int> tenths(2 + rng() % 5);
        for (size_t i = 0; i < tenths.size(); ++i)
            tenths[i] = int(i) + 1;
        std::shuffle(tenths.begin(), tenths.end(), rng);
        // Durations 0.2 s apart: far enough for any scheduler.
        std::string list;
        for (int t : tenths)
            list += (list.empty() ? "" : ",") + std::to_string(0.2 * t);
        const LessonResult rr = RunWith("three-threads", {"durations=" + list}, Model::Py312, 0.2);
        const auto& order = std::get<std::vector<std::string>>(rr.Find("order")->value);
        REQUIRE(order.size() == tenths.size());
        for (size_t k = 0; k < order.size(); ++k) {
            const size_t index = size_t(order[k][0] - 'A');
            CHECK(tenths[index] == int(k) + 1);
        }
        const int longest = *std::max_element(tenths.begin(), tenths.end());
        CHECK(rr.Number("total") >= 0.2 * longest);
        CHECK_TIMING(rr.Number("total") < 0.2 * longest + 0.3);
    }
}

TEST_CASE("lesson time is scale-free: the engine's overhead is not divided by the time scale", "[lessons][serial]")
{
    // Before the lesson clock, at 0.05 the export took 1.5x and the counting
    // loop 3x their lesson time at 0.5 (thread starts, hand-offs and the VM's
    // own speed were all divided by the scale); with it 1.1x and 1.0x. What
    // a busy machine takes from the threads is divided by the scale too, so
    // a run that says the machine was busy is not judged.
    // The best of three runs at each scale: another process only ever adds time, and a run is short.
    const auto best_export = [](double scale) {
        double best = 1e9;
        for (int i = 0; i < 3; ++i)
            best = std::min(best, RunWith("threaded-export", {}, Model::Py312, scale).Number("threaded"));
        return best;
    };
    const double export_half = best_export(0.5);
    const double export_twentieth = best_export(0.05);
    CAPTURE(export_half, export_twentieth);
    CHECK_TIMING(export_twentieth < 1.4 * export_half);
    const std::vector<std::string> work{"iterations=1000000"};
    const LessonResult count_half = RunWith("cpu-bound", work, Model::Py312, 0.5);
    const LessonResult count_twentieth = RunWith("cpu-bound", work, Model::Py312, 0.05);
    const double half = count_half.Number("sequential"), twentieth = count_twentieth.Number("sequential");
    CAPTURE(half, twentieth, count_half.cpu_share, count_twentieth.cpu_share);
    CHECK(twentieth > 0);
    if (count_half.Busy() || count_twentieth.Busy()) {
        WARN("the machine was busy: the counting loop's times are not compared");
    } else {
        CHECK_TIMING(twentieth < 2 * half);
        CHECK_TIMING(twentieth > 0.5 * half); // nor does the clock's standing still eat the work
    }
}

TEST_CASE("threaded-export: one thread per file overlaps the writes", "[lessons][serial]")
{
    const RecordedRun run = RunRecorded("threaded-export", {}, Model::Py312, 0.2);
    const LessonResult& r = run.result;
    CHECK(r.Number("sequential") >= 3.0);
    CHECK_TIMING(r.Number("sequential") < 3.3);
    CHECK(r.Number("threaded") >= 0.1);
    CHECK(r.Number("speedup") == Approx(r.Number("sequential") / r.Number("threaded")));
    // About 29× on an idle machine and 9× measured with both cores busy
    // (thirty thread starts); writes one after another would give 1×.
    CHECK_TIMING(r.Number("speedup") > 4);
    REQUIRE(r.runs.size() == 2);
    CHECK(r.runs[1].threads.size() == 31);
    // The recording shows it whatever the machine: one write at a time in the
    // sequential run, writes overlapping in the threaded one.
    CHECK(MaxConcurrentIn(run.trace, GroupNamed(run.trace, "sequential"), State::Sleeping) == 1);
    CHECK(MaxConcurrentIn(run.trace, GroupNamed(run.trace, "threaded"), State::Sleeping) >= 2);

    // A pool of 5 needs six rounds of writes, never more than five at once.
    const RecordedRun pooled = RunRecorded("threaded-export", {"workers=5"}, Model::Py312, 0.2);
    const LessonResult& pool = pooled.result;
    CHECK(pool.Number("threaded") >= 0.6);
    CHECK_TIMING(pool.Number("threaded") < 1.2); // one worker would take 3.0
    CHECK(pool.runs[1].threads.size() == 6);
    const int pool_group = GroupNamed(pooled.trace, "threaded");
    CHECK(MaxConcurrentIn(pooled.trace, pool_group, State::Sleeping) <= 5);
    CHECK(MaxConcurrentIn(pooled.trace, pool_group, State::Sleeping) >= 2);
}

TEST_CASE("cpu-bound: no speedup with a GIL, parallel without", "[lessons][serial]")
{
    // The recording says it exactly: with a GIL the two threads never run at
    // the same instant, so the threaded run lasts at least their running
    // time added up; free-threaded they run side by side.
    const std::string iterations = "iterations=" + std::to_string(ForThisBuild(3'000'000, 1'000'000));
    const RecordedRun gil = RunRecorded("cpu-bound", {iterations}, Model::Py312, 0.5);
    const int gil_threaded = GroupNamed(gil.trace, "threaded");
    CHECK(MaxConcurrentRunning(gil.trace, gil_threaded) == 1);
    CHECK(gil.result.Number("threaded") >= 0.99 * WorkersSecondsIn(gil.trace, gil_threaded, State::Running));
    const RecordedRun free = RunRecorded("cpu-bound", {iterations}, Model::Py313t, 0.5);
    const int free_threaded = GroupNamed(free.trace, "threaded");
    CHECK(MaxConcurrentRunning(free.trace, free_threaded) >= 2);
    const LaneTrace& first = LaneNamed(free.trace, free_threaded, "Thread-1 (count)");
    CHECK(OverlapNs(free.trace, free_threaded) > TimeIn(first, State::Running) / 2);
    // Two threads can at most halve the time, in every build: when the VM is
    // slower than the model (sanitizers) the lesson clock stands still for
    // both threads' overhead, and must not count the time they shared twice
    // (it once did, and showed 15×). A busy machine can slow one phase, so
    // the lowest of up to three runs counts.
    double free_speedup_bound = free.result.Number("speedup");
    for (int run = 1; run < 3 && free_speedup_bound >= 3; ++run)
        free_speedup_bound = std::min(free_speedup_bound, RunWith("cpu-bound", {iterations}, Model::Py313t, 0.5).Number("speedup"));
    CHECK(free_speedup_bound < 3);

    // The speedups themselves: 1.0 and 2.0 on an idle two-core machine. On
    // busy cores one run can be far off (1.62 with a GIL and 1.01 without
    // were measured, the OS giving a phase more or less of a core), so the
    // best of up to three runs counts.
    if (!kTimingIsMeaningful)
        return;
    // Parallel speed needs two free cores: a run the machine kept from them
    // (it says "busy") shows the machine, not the model, and is not judged.
    bool free_run_on_free_cores = !free.result.Busy();
    bool gil_run_on_free_cores = !gil.result.Busy();
    auto speedup = [&](Model model) {
        const LessonResult r = RunWith("cpu-bound", {iterations}, model, 0.5);
        (model == Model::Py313t ? free_run_on_free_cores : gil_run_on_free_cores) |= !r.Busy();
        return r.Number("speedup");
    };
    double gil_speedup = gil.result.Number("speedup");
    for (int run = 1; run < 3 && (gil_speedup >= 1.4 || gil_speedup <= 0.6); ++run)
        gil_speedup = speedup(Model::Py312); // the first run inside the bounds counts
    double free_speedup = free.result.Number("speedup");
    for (int run = 1; run < 3 && free_speedup <= 1.2; ++run)
        free_speedup = std::max(free_speedup, speedup(Model::Py313t));
    if (gil_run_on_free_cores) {
        CHECK(gil_speedup > 0.6);
        CHECK(gil_speedup < 1.4);
    } else {
        WARN("the machine was busy in every run with a GIL (speedup " << gil_speedup << "): not judged");
    }
    if (free_run_on_free_cores)
        CHECK(free_speedup > 1.2);
    else
        WARN("the machine was busy in every free-threaded run (speedup " << free_speedup << "): not judged");
}

TEST_CASE("race-counter: 3.12 never loses, 3.9 and 3.13t do", "[lessons]")
{
    for (int run = 0; run < ForThisBuild(3, 1); ++run) {
        const LessonResult r = RunWith("race-counter", {}, Model::Py312, 0.2);
        CHECK(r.Number("expected") == 600'000);
        CHECK(r.Number("actual") == 600'000);
        CHECK(r.Number("lost") == 0);
        CHECK(r.runs.back().gil_switches > 0); // the threads took turns, and still nothing was lost
    }

    for (Model model : {Model::Py39, Model::Py313t}) {
        CAPTURE(ModelName(model));
        int lossy = 0;
        for (int run = 0; run < 6 && lossy == 0; ++run) {
            // A million increments each: 3.9 switches about twenty times and
            // 3.13t's loops overlap for tens of milliseconds, so a live run on
            // busy cores still has switches in the wrong place.
            const long long increments = ForThisBuild(1'000'000, 300'000);
            const LessonResult r =
                RunWith("race-counter", {"increments=" + std::to_string(increments)}, model, 0.2);
            CHECK(r.Number("expected") == 2 * increments);
            // An update can be lost, never counted twice.
            CHECK(r.Number("actual") <= 2 * increments);
            CHECK(r.Number("actual") > 0);
            // 3.9 loses updates only at a switch of the GIL (the timeline's
            // red brackets show where: test_panels.cpp); 3.13t has no GIL to switch.
            if (model == Model::Py39 && r.Number("lost") > 0)
                CHECK(r.runs.back().gil_switches > 0);
            if (model == Model::Py313t)
                CHECK(r.runs.back().gil_switches == 0);
            lossy += r.Number("lost") > 0;
        }
        CHECK(lossy > 0);
    }
}

TEST_CASE("locked-counter: nothing lost under any model, 3.12 never contends, 3.13t does", "[lessons][serial]")
{
    for (Model model : {Model::Py39, Model::Py312, Model::Py313t}) {
        CAPTURE(ModelName(model));
        int64_t contended = 0;
        // 3.13t contends whenever both threads are inside the loop at once;
        // a few longer runs make sure of that on a busy machine too.
        const int tries = model == Model::Py313t ? 4 : 1;
        // (Each locked increment records a few events: 100,000 stay within a lane's budget.)
        const std::string increments = model == Model::Py313t ? "100000" : "30000";
        for (int run = 0; run < tries && contended == 0; ++run) {
            const RecordedRun recorded = RunRecorded("locked-counter", {"increments=" + increments}, model, 0.2);
            const LessonResult& r = recorded.result;
            CHECK(r.Number("lost") == 0);
            CHECK(r.Number("actual") == 2 * std::stoll(increments));
            // The lock's wait time is what the lanes show: no waiting without
            // a contended acquire, and never more than the lanes spent
            // blocked on the lock (their spans also hold the GIL hand-off
            // before the wait, which can take milliseconds on busy cores).
            const double recorded_wait = WorkersSecondsIn(recorded.trace, 0, State::WaitingLock);
            if (r.Number("contended") == 0) {
                CHECK(r.Number("lock_wait") == 0);
                CHECK(recorded_wait == 0);
            } else {
                CHECK(r.Number("lock_wait") > 0);
                CHECK(recorded_wait > 0);
                CHECK(r.Number("lock_wait") <= 1.05 * recorded_wait + 1e-4);
                CHECK(r.Number("lock_wait") <= 2 * r.runs.back().elapsed); // two threads, lesson seconds
            }
            contended += int64_t(r.Number("contended"));
        }
        // 3.10+ has no switch point inside `with lock:`, so the GIL only
        // changes hands while the lock is free: never contended, every run.
        if (model == Model::Py312)
            CHECK(contended == 0);
        if (model == Model::Py313t)
            CHECK(contended > 0);
    }
}

TEST_CASE("locked-counter: 3.9 can switch inside the with-block, so its lock is contended", "[lessons]")
{
    // A few hundred switches over the runs; about half land inside the block.
    int64_t contended = 0;
    const std::string increments = "increments=" + std::to_string(ForThisBuild(300'000, 100'000));
    for (int run = 0; run < 4 && contended == 0; ++run)
        contended += int64_t(RunWith("locked-counter", {increments}, Model::Py39, 0.2).Number("contended"));
    CHECK(contended > 0);
}

TEST_CASE("a lesson stopped before it starts reports stopped and runs nothing", "[lessons][stop]")
{
    const Lesson& lesson = *FindLesson("first-threads");
    Recorder recorder;
    StopFlag stop;
    stop.RequestStop();
    const LessonResult r = RunLesson(lesson, DefaultValues(lesson.params), RunConfig{}, recorder, stop);
    CHECK(r.status == RunStatus::Stopped);
    CHECK(r.metrics.empty());
    CHECK(r.runs.empty());
    CHECK(recorder.GroupCount() == 0);
}

TEST_CASE("a stopped lesson reports stopped and keeps what it recorded", "[lessons][stop][serial]")
{
    const Lesson& lesson = *FindLesson("first-threads");
    ParamValues values = DefaultValues(lesson.params);
    REQUIRE_FALSE(ApplyAssignments(lesson.params, {"durations=10,10"}, values));
    Recorder recorder;
    StopFlag stop;
    // Stop once both threads are asleep and MainThread joins them (read
    // from the recording as the window does), or after 5 s at the latest.
    std::thread stopper([&] {
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        for (;;) {
            const TraceSnapshot trace = Snap(recorder);
            int sleeping = 0, joining = 0;
            for (const LaneTrace& lane : trace.lanes) {
                sleeping += !lane.spans.empty() && lane.spans.back().state == State::Sleeping;
                joining += !lane.spans.empty() && lane.spans.back().state == State::Joining;
            }
            if ((sleeping == 2 && joining == 1) || std::chrono::steady_clock::now() > give_up)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        stop.RequestStop();
    });
    const LessonResult r = RunLesson(lesson, values, RunConfig{}, recorder, stop);
    stopper.join();
    CHECK(r.status == RunStatus::Stopped);
    CHECK(r.metrics.empty());
    // The run that was stopped is reported, with its threads.
    REQUIRE(r.runs.size() == 1);
    CHECK(r.runs[0].status == RunStatus::Stopped);
    CHECK(r.runs[0].elapsed < 10);
    REQUIRE(r.runs[0].threads.size() == 3);
    CHECK(r.runs[0].threads[1].name == "A");
    CHECK(r.runs[0].threads[2].name == "B");

    // And its recording is kept, ended: every lane, with what each thread did.
    const TraceSnapshot trace = Snap(recorder);
    REQUIRE(trace.groups.size() == 1);
    CHECK(trace.groups[0].name == "threaded");
    CHECK(trace.groups[0].end_ns >= 0);
    REQUIRE(trace.lanes.size() == 3);
    for (const LaneTrace& lane : trace.lanes) {
        CAPTURE(lane.name);
        CHECK(lane.ended);
        CHECK_FALSE(lane.spans.empty());
    }
    for (const char* name : {"A", "B"}) {
        CAPTURE(name);
        const LaneTrace& lane = LaneNamed(trace, 0, name);
        CHECK(TimeIn(lane, State::Sleeping) > 0);
        const bool labelled = std::any_of(lane.spans.begin(), lane.spans.end(), [&](const Span& s) {
            return s.state == State::Sleeping && trace.Label(s.label) == "time.sleep(seconds)"; // the program's line
        });
        CHECK(labelled);
    }
    CHECK(TimeIn(LaneNamed(trace, 0, "MainThread"), State::Joining) > 0);
}

TEST_CASE("a live run on a loaded machine says it was busy - a simulated one never needs to", "[lessons][busy][serial]")
{
    const Lesson& lesson = *FindLesson("cpu-bound");
    ParamValues values = DefaultValues(lesson.params);
    REQUIRE_FALSE(
        ApplyAssignments(lesson.params, {"iterations=" + std::to_string(ForThisBuild(1'000'000, 300'000))}, values));
    // Twice as many spinning threads as cores: the run's threads get about a third of their wall time.
    std::atomic<bool> spin{true};
    std::vector<std::thread> burners;
    for (unsigned i = 0; i < 2 * std::max(1u, std::thread::hardware_concurrency()); ++i)
        burners.emplace_back([&] {
            volatile uint64_t x = 0;
            while (spin.load(std::memory_order_relaxed))
                x = x + 1;
        });
    Recorder recorder;
    StopFlag stop;
    const LessonResult live = RunLesson(lesson, values, RunConfig{}, recorder, stop);
    Recorder sim_recorder;
    const LessonResult sim = RunLesson(lesson, values, RunConfig{}, sim_recorder, stop, py::SimSettings{});
    spin.store(false);
    for (std::thread& t : burners)
        t.join();
    REQUIRE(live.status == RunStatus::Finished);
    CHECK(live.cpu_share > 0);
    CHECK(live.cpu_share < py::kBusyCpuShare);
    CHECK(live.Busy());
    CHECK(sim.cpu_share == -1);
    CHECK_FALSE(sim.Busy());
}
