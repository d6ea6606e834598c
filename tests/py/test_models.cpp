// The models at the bytecode level: the race, the latent race and the GIL's
// behaviour emerge from where each model's table lets a thread be switched
// out — nothing in the lesson code asks for them.
#include "opposite_locks.hpp"
#include "run_program.hpp"
#include "../sanitizers.hpp"
#include "snapshot.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

using namespace threadlab;
using namespace threadlab::test;

namespace {

std::string RaceProgram(int increments, const std::string& statement)
{
    return fmt::format(R"(import threading
INCREMENTS = {}
counter = 0
def add_many():
    global counter
    for _ in range(INCREMENTS):
        {}
threads = [threading.Thread(target=add_many) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(2 * INCREMENTS - counter)
)",
                       increments, statement);
}

int64_t Lost(const ProgramResult& r)
{
    REQUIRE(r.exit_code == 0);
    return std::stoll(r.out);
}

// The lost updates of up to `tries` runs, stopping at the first that loses some.
int64_t LostInSomeRun(const std::string& program, Model model, int tries)
{
    int64_t lost = 0;
    for (int i = 0; i < tries && lost == 0; ++i)
        lost = Lost(RunPython(program, model));
    return lost;
}

const ThreadSummary& ThreadNamed(const ProgramResult& r, const std::string& name)
{
    for (const ThreadSummary& t : r.outcome.threads)
        if (t.name == name)
            return t;
    FAIL("no thread named " << name);
    return r.outcome.threads.front();
}

} // namespace

TEST_CASE("3.12 never splits counter += 1: nothing is lost", "[py][models]")
{
    for (int run = 0; run < 3; ++run)
        CHECK(Lost(RunPython(RaceProgram(200'000, "counter += 1"), Model::Py312)) == 0);
}

TEST_CASE("3.9 switches between the load and the store of counter += 1: updates are lost", "[py][models]")
{
    CHECK(LostInSomeRun(RaceProgram(1'000'000, "counter += 1"), Model::Py39, 3) > 0);
}

TEST_CASE("3.12 loses updates once a call sits between the read and the write", "[py][models]")
{
    CHECK(LostInSomeRun(RaceProgram(500'000, "counter = counter + int(1)"), Model::Py312, 3) > 0);
}

TEST_CASE("3.13t loses updates: the threads' loads and stores interleave for real", "[py][models]")
{
    CHECK(LostInSomeRun(RaceProgram(1'000'000, "counter += 1"), Model::Py313t, 3) > 0);
}

TEST_CASE("under a GIL two CPU-bound threads take turns, free-threaded they overlap", "[py][models][serial]")
{
    const std::string program = R"(import threading
def work():
    total = 0
    for i in range(300000):
        total += i
a = threading.Thread(target=work, name="A")
b = threading.Thread(target=work, name="B")
a.start(); b.start(); a.join(); b.join()
)";
    // Lesson time during which both A and B were running.
    auto overlap = [](const ProgramResult& r) {
        TraceSnapshot snapshot;
        snapshot.Update(*r.recorder);
        std::vector<const LaneTrace*> lanes;
        for (const LaneTrace& lane : snapshot.lanes)
            if (lane.name == "A" || lane.name == "B")
                lanes.push_back(&lane);
        REQUIRE(lanes.size() == 2);
        int64_t both = 0;
        for (const Span& x : lanes[0]->spans)
            for (const Span& y : lanes[1]->spans)
                if ((x.state == State::Running || x.state == State::HoldingLock) &&
                    (y.state == State::Running || y.state == State::HoldingLock))
                    both += std::max<int64_t>(0, std::min(x.t1, y.t1) - std::max(x.t0, y.t0));
        return both;
    };
    const ProgramResult gil = RunPython(program, Model::Py312);
    REQUIRE(gil.exit_code == 0);
    // Both ran, one at a time (a hand-off may overlap by a few microseconds).
    CHECK(overlap(gil) < 200'000);
    const ProgramResult free = RunPython(program, Model::Py313t);
    REQUIRE(free.exit_code == 0);
    CHECK_TIMING(overlap(free) > 1'000'000); // needs two free cores
}

TEST_CASE("with no model cost a program's clock is the VM's own speed", "[py][models]")
{
    // The benches time the raw VM this way (BM_LoopSideBySide): with nothing
    // charged there is nothing to forgive, so the lesson clock must not
    // stand still for the VM's work and perf_counter() sees it take time.
    const std::string program = R"(import time
t0 = time.perf_counter()
total = 0
for i in range(200000):
    total += i
print((time.perf_counter() - t0) * 1e9 / 200000 > 0.5, total)
)";
    const ProgramResult raw = RunPython(program, Model::Py312, 1.0, {}, nullptr, false);
    REQUIRE(raw.exit_code == 0);
    CHECK(raw.out == "True 19999900000\n"); // a loop iteration takes well over half a nanosecond
}

TEST_CASE("sleep, a blocked acquire and join release the GIL", "[py][models]")
{
    // B computes while A waits; had the wait kept the GIL, B could only run after A.
    const std::string sleep = R"(import threading, time
def waits():
    time.sleep(0.3)
def works():
    total = 0
    for i in range(WORK):
        total += i
a = threading.Thread(target=waits, name="A")
b = threading.Thread(target=works, name="B")
a.start(); b.start(); a.join(); b.join()
)";
    const std::string acquire = R"(import threading, time
lock = threading.Lock()
lock.acquire()
def waits():
    lock.acquire()
def works():
    total = 0
    for i in range(WORK):
        total += i
a = threading.Thread(target=waits, name="A")
b = threading.Thread(target=works, name="B")
a.start(); b.start()
time.sleep(0.3)
lock.release()
a.join(); b.join()
)";
    const std::string join = R"(import threading, time
def waits():
    time.sleep(0.3)
def works():
    total = 0
    for i in range(WORK):
        total += i
a = threading.Thread(target=waits, name="A")
b = threading.Thread(target=works, name="B")
a.start(); b.start()
a.join()
b.join()
)";
    // B's loop stays well inside A's 0.3 s wait (a sanitizer build runs it ten times slower).
    const std::string work = std::to_string(ForThisBuild(100'000, 10'000));
    for (std::string program : {sleep, acquire, join}) {
        program.replace(program.find("WORK"), 4, work);
        for (Model model : {Model::Py39, Model::Py312}) {
            CAPTURE(program, ModelName(model));
            const ProgramResult r = RunPython(program, model);
            REQUIRE(r.exit_code == 0);
            CHECK(ThreadNamed(r, "B").end < ThreadNamed(r, "A").end);
        }
    }
}

TEST_CASE("an exception that escapes a thread prints as CPython's and the run goes on", "[py][models]")
{
    const ProgramResult r = RunPython(R"(import threading
def boom():
    raise ValueError("bad thing")
t = threading.Thread(target=boom)
t.start()
t.join()
print("main goes on")
)",
                                      Model::Py312);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "main goes on\n");
    CHECK(r.err.rfind("Exception in thread Thread-1 (boom):\nTraceback (most recent call last):\n", 0) == 0);
    CHECK(r.err.find("    raise ValueError(\"bad thing\")\nValueError: bad thing\n") != std::string::npos);
}

TEST_CASE("a threading.excepthook that fails prints its own error alone, as CPython's", "[py][models]")
{
    const ProgramResult r = RunPython(R"(import threading
def hook(args):
    raise ValueError("hook failed")
threading.excepthook = hook
def work():
    raise KeyError("thread failed")
t = threading.Thread(target=work)
t.start()
t.join()
print("main goes on")
)",
                                      Model::Py312);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "main goes on\n");
    // CPython 3.9 and 3.12: a heading, the hook's traceback (threading's frame, then the hook's), its error;
    // not the thread's KeyError, not "Exception in thread".
    CHECK(r.err.rfind("Exception in threading.excepthook:\nTraceback (most recent call last):\n", 0) == 0);
    CHECK(r.err.find("  File \"test.py\", line 3, in hook\n    raise ValueError(\"hook failed\")\n"
                     "ValueError: hook failed\n") != std::string::npos);
    CHECK(r.err.find("KeyError") == std::string::npos);
    CHECK(r.err.find("Exception in thread ") == std::string::npos);
}

TEST_CASE("live: a deadlock ends the run under every model and says who waits for whom", "[py][live][deadlock]")
{
    const std::string program(kOppositeLocks);
    for (const Model model : {Model::Py39, Model::Py312, Model::Py313t}) {
        INFO(ModelName(model));
        const auto before = std::chrono::steady_clock::now();
        const ProgramResult r = RunPython(program, model);
        CHECK(r.outcome.status == RunStatus::Deadlocked);
        CHECK(r.exit_code == 1);
        CHECK(r.out.empty());
        CHECK(r.outcome.failure.find("MainThread joins one") != std::string::npos);
        CHECK(r.outcome.failure.find("one waits for a lock held by two") != std::string::npos);
        CHECK(r.outcome.failure.find("two waits for a lock held by one") != std::string::npos);
        // Seen within a few polls, not after a long grace (wide: a busy machine, a sanitizer).
        CHECK(std::chrono::steady_clock::now() - before < std::chrono::seconds(5));
    }

    // What a thread waits on inside the library is named by the program's call.
    const ProgramResult q = RunPython("import threading, queue\nq = queue.Queue()\nev = threading.Event()\n"
                                      "t = threading.Thread(target=ev.wait, name=\"waiter\")\nt.start()\nq.get()\n",
                                      Model::Py312);
    CHECK(q.outcome.status == RunStatus::Deadlocked);
    CHECK(q.outcome.failure.find("MainThread waits in q.get()") != std::string::npos);
}

TEST_CASE("live: threads that hand locks to each other and join all the time are never taken for a deadlock",
          "[py][live][deadlock]")
{
    // Every release wakes a waiter that has not run yet while the releaser
    // goes on to wait itself: the moment a careless census would misread.
    const ProgramResult r = RunPython(R"(import threading
lock = threading.Lock()
count = 0
def work():
    global count
    for _ in range(3000):
        with lock:
            count += 1
for round in range(4):
    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts: t.start()
    for t in ts: t.join()
print(count)
)",
                                      Model::Py313t);
    CHECK(r.outcome.status == RunStatus::Finished);
    CHECK(r.out == "48000\n");
}
