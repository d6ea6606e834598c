// The simulated executor: virtual time, GIL.md's rules, the seed's noise —
// and the same result on every run, on any machine, under any load.
#include "chrome_trace.hpp"
#include "compiler.hpp"
#include "sim_executor.hpp"
#include "describe.hpp"
#include "opposite_locks.hpp"
#include "run_program.hpp"
#include "../sanitizers.hpp"
#include "snapshot.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <thread>

using namespace threadlab;

namespace {

struct SimResult {
    int exit_code = -1;
    std::string out, err, trace;
    RunOutcome outcome;
    TraceSnapshot snapshot;
};

SimResult Simulate(const std::string& source, Model model, uint64_t seed, int cores = 2, StopFlag* stop = nullptr)
{
    test::ProgramResult run = test::RunSimulatedPython(source, model, seed, cores, stop);
    SimResult r;
    r.exit_code = run.exit_code;
    r.outcome = run.outcome;
    r.out = std::move(run.out);
    r.err = std::move(run.err);
    r.snapshot.Update(*run.recorder);
    std::ostringstream trace;
    WriteChromeTrace(r.snapshot, TraceMetadata{"sim.py", std::string(ModelName(model)), 1.0}, trace);
    r.trace = trace.str();
    return r;
}

std::string Race(int increments)
{
    return fmt::format(R"(import threading
counter = 0
def add():
    global counter
    for _ in range({}):
        counter += 1
ts = [threading.Thread(target=add) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print(counter)
)",
                       increments);
}

const LaneTrace& Lane(const SimResult& r, const std::string& name)
{
    for (const LaneTrace& lane : r.snapshot.lanes)
        if (lane.name == name)
            return lane;
    FAIL("no lane " << name);
    return r.snapshot.lanes.front();
}

} // namespace

TEST_CASE("a simulated run repeats exactly: output and trace, byte for byte - even on a loaded machine",
          "[py][simulated]")
{
    const std::string program = Race(20000);
    const SimResult a = Simulate(program, Model::Py39, 7);
    // Load both cores while the second run goes.
    std::atomic<bool> busy{true};
    std::vector<std::thread> burners;
    for (int i = 0; i < 2; ++i)
        burners.emplace_back([&] {
            volatile uint64_t x = 0;
            while (busy.load(std::memory_order_relaxed))
                x = x + 1;
        });
    const SimResult b = Simulate(program, Model::Py39, 7);
    busy.store(false);
    for (std::thread& t : burners)
        t.join();
    REQUIRE(a.exit_code == 0);
    CHECK(a.out == b.out);
    CHECK(a.trace == b.trace);
    CHECK(a.outcome.elapsed == b.outcome.elapsed);
}

TEST_CASE("simulated: 3.9 loses updates and the seed decides how many - 3.12 loses none - 3.13t loses some",
          "[py][simulated]")
{
    // As GIL.md's measurement: 2 threads × 1,000,000 increments.
    const std::string program = Race(1000000);
    std::set<std::string> results;
    for (uint64_t seed = 1; seed <= 4; ++seed) {
        const SimResult r = Simulate(program, Model::Py39, seed);
        REQUIRE(r.exit_code == 0);
        CHECK(std::stoi(r.out) < 2000000);
        results.insert(r.out);
    }
    CHECK(results.size() > 1);
    for (uint64_t seed = 1; seed <= 2; ++seed)
        CHECK(Simulate(program, Model::Py312, seed).out == "2000000\n");
    CHECK(std::stoi(Simulate(Race(20000), Model::Py313t, 1).out) < 40000);
}

TEST_CASE("simulated: two CPU-bound threads take turns in slices of one switch interval", "[py][simulated]")
{
    const SimResult r = Simulate(R"(import threading
def work():
    total = 0
    for i in range(2000000):
        total += i
a = threading.Thread(target=work, name="A")
b = threading.Thread(target=work, name="B")
a.start(); b.start(); a.join(); b.join()
)",
                                 Model::Py312, 3);
    REQUIRE(r.exit_code == 0);
    // Once MainThread is in join() the two have the GIL to themselves. Before,
    // and in the slice that follows, its turns reset the other waiter's count
    // of switches, so that slice can last two intervals, as in CPython.
    int64_t joined = 0;
    for (const Span& span : Lane(r, "MainThread").spans)
        if (span.state == State::Joining && joined == 0)
            joined = span.t0; // the first join: from here MainThread stays out of the way
    REQUIRE(joined > 0);
    int slices = 0;
    for (const std::string name : {"A", "B"}) {
        const LaneTrace& lane = Lane(r, name);
        const SpanList& spans = lane.spans;
        // Every slice but the last: the interval plus the hand-off.
        for (size_t i = 1; i + 2 < spans.size(); ++i)
            if (spans[i].state == State::Running && spans[i].t0 > joined + 1'000'000) {
                ++slices;
                const int64_t ns = spans[i].t1 - spans[i].t0;
                CHECK(ns >= 5'000'000);
                CHECK(ns <= 5'300'000);
            }
    }
    CHECK(slices > 10);
}

TEST_CASE("simulated: sleeps overlap and time jumps - 30 threads sleeping 0.1 s take 0.1 s", "[py][simulated]")
{
    const SimResult r = Simulate(R"(import threading, time
t0 = time.perf_counter()
ts = [threading.Thread(target=time.sleep, args=(0.1,)) for _ in range(30)]
for t in ts: t.start()
for t in ts: t.join()
print(round(time.perf_counter() - t0, 3))
)",
                                 Model::Py312, 1);
    REQUIRE(r.exit_code == 0);
    const double elapsed = std::stod(r.out);
    CHECK(elapsed >= 0.1);
    CHECK(elapsed < 0.11);
}

TEST_CASE("simulated: a lock's timeout and a join's timeout expire on the virtual clock", "[py][simulated]")
{
    const SimResult r = Simulate(R"(import threading, time
lock = threading.Lock()
lock.acquire()
t0 = time.perf_counter()
print(lock.acquire(timeout=0.5), round(time.perf_counter() - t0, 2))
t = threading.Thread(target=time.sleep, args=(2,))
t.start()
t0 = time.perf_counter()
t.join(timeout=0.25)
print(t.is_alive(), round(time.perf_counter() - t0, 2))
t.join()
print(t.is_alive())
)",
                                 Model::Py312, 1);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == "False 0.5\nTrue 0.25\nFalse\n");
}

TEST_CASE("simulated: a deadlock ends the run and says who waits for whom", "[py][simulated]")
{
    const SimResult r = Simulate(std::string(test::kOppositeLocks), Model::Py312, 1);
    CHECK(r.outcome.status == RunStatus::Deadlocked);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.outcome.failure.find("MainThread joins one") != std::string::npos);
    CHECK(r.outcome.failure.find("one waits for a lock held by two") != std::string::npos);
    CHECK(r.outcome.failure.find("two waits for a lock held by one") != std::string::npos);
}

TEST_CASE("simulated: free-threaded threads share the virtual cores", "[py][simulated]")
{
    const std::string program = R"(import threading, time
def work():
    total = 0
    for i in range(300000):
        total += i
t0 = time.perf_counter()
work(); work()
sequential = time.perf_counter() - t0
t0 = time.perf_counter()
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print(round(sequential / (time.perf_counter() - t0), 1))
)";
    CHECK(std::stod(Simulate(program, Model::Py313t, 1, 2).out) >= 1.8);
    CHECK(std::stod(Simulate(program, Model::Py313t, 1, 1).out) <= 1.05);
    CHECK(std::stod(Simulate(program, Model::Py312, 1, 2).out) <= 1.05);
}

TEST_CASE("simulated: an endless loop stops when the run is stopped", "[py][simulated]")
{
    StopFlag stop;
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        stop.RequestStop();
    });
    const SimResult r = Simulate(R"(import threading
def spin():
    while True:
        pass
threading.Thread(target=spin).start()
while True:
    pass
)",
                                 Model::Py312, 1, 2, &stop);
    stopper.join();
    CHECK(r.outcome.status == RunStatus::Stopped);
    CHECK(r.exit_code == 130);
}

TEST_CASE("simulated: paced for the window a run keeps time with the wall clock - unpaced it races ahead",
          "[py][simulated][serial]")
{
    const std::unique_ptr<py::Program> program = py::CompileProgram("sim.py", "import time\ntime.sleep(0.2)\n");
    const auto wall_seconds = [&](bool pace) {
        py::RunSettings settings;
        RunConfig config;
        py::SimSettings sim;
        sim.pace = pace;
        Recorder recorder;
        StopFlag stop;
        const auto start = std::chrono::steady_clock::now();
        const py::ProgramRun run =
            py::RunSimulated(*program, settings, config, sim, recorder, stop, [](std::string_view, bool) {});
        REQUIRE(run.outcome.status == RunStatus::Finished);
        CHECK(run.outcome.elapsed == Approx(0.2).margin(0.01)); // lesson time either way
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    CHECK(wall_seconds(true) >= 0.2);
    CHECK_TIMING(wall_seconds(false) < 0.15); // unpaced: no waiting for the clock, however slow the build
}

TEST_CASE("a sleep is labelled with its line's code - no indent, no comment, a '#' in a string kept", "[py][simulated]")
{
    const SimResult r = Simulate(R"(import time
def nap():
    time.sleep(0.01)  # the work, as a sleep
nap()
time.sleep(0.01 if "#" else 0)   # a '#' inside quotes is code
)",
                                 Model::Py312, 1);
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> labels;
    for (const LaneTrace& lane : r.snapshot.lanes)
        for (const Span& span : lane.spans)
            if (span.state == State::Sleeping)
                labels.push_back(std::string(r.snapshot.Label(span.label)));
    CHECK(labels == std::vector<std::string>{"time.sleep(0.01)", "time.sleep(0.01 if \"#\" else 0)"});
}

TEST_CASE("a wait inside a for loop's generator is labelled with the for line, not the body's last call",
          "[py][simulated]")
{
    const SimResult r = Simulate(R"(import time
from concurrent.futures import ThreadPoolExecutor, as_completed
with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(time.sleep, d) for d in (0.01, 0.02)]
    for future in as_completed(futures):
        future.result()
)",
                                 Model::Py312, 1);
    REQUIRE(r.exit_code == 0);
    std::set<std::string> labels;
    for (const LaneTrace& lane : r.snapshot.lanes)
        if (lane.name == "MainThread")
            for (const Span& span : lane.spans)
                if (span.state == State::WaitingSignal)
                    labels.insert(std::string(r.snapshot.Label(span.label)));
    INFO(fmt::format("{}", fmt::join(labels, " | ")));
    CHECK(labels.count("for future in as_completed(futures): it goes on as the futures finish") == 1);
    CHECK(std::none_of(labels.begin(), labels.end(),
                       [](const std::string& l) { return l.rfind("future.result()", 0) == 0; }));
}

TEST_CASE("the timeline names a lock as the program does - by where it was made when it has no name",
          "[py][simulated]")
{
    const SimResult r = Simulate(R"(import threading
balance_lock = threading.Lock()
locks = [threading.Lock()]
def work():
    for _ in range(2000):
        with balance_lock:
            pass
    for _ in range(2000):
        with locks[0]:
            pass
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
)",
                                 Model::Py313t, 1); // in parallel: they do run into each other's locks
    REQUIRE(r.exit_code == 0);
    std::set<std::string> said;
    for (const LaneTrace& lane : r.snapshot.lanes)
        for (const Span& span : lane.spans)
            if (span.state == State::WaitingLock || span.state == State::HoldingLock)
                said.insert(DescribeSpan(r.snapshot, lane, span));
    INFO(fmt::format("{}", fmt::join(said, " | ")));
    const auto mentions = [&](const std::string& text) {
        return std::any_of(said.begin(), said.end(), [&](const std::string& s) { return s.find(text) != std::string::npos; });
    };
    CHECK(mentions("holding balance_lock"));
    CHECK(mentions("blocked on balance_lock, held by Thread-"));
    CHECK(mentions("blocked on the lock made at line 3"));
    CHECK_FALSE(mentions("#"));
}
