// The schedule explorer: what it finds (and proves absent) on the counter
// programs under each model, and a found schedule replaying its failure.
#include "compiler.hpp"
#include "explorer.hpp"
#include "../sanitizers.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

using namespace threadlab;

namespace {

const char* const kRaceThreeEach = R"(import threading
N = 3
counter = 0
def work():
    global counter
    for _ in range(N):
        counter += 1
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print(counter)
)";

// The counter under a lock, N increments a thread.
std::string LockedCounter(long long n)
{
    return fmt::format(R"(import threading
N = {}
counter = 0
lock = threading.Lock()
def work():
    global counter
    for _ in range(N):
        with lock:
            counter += 1
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print(counter)
)",
                       n);
}

// Two threads taking two locks in opposite orders.
const char* const kOppositeOrders = R"(import threading
a = threading.Lock()
b = threading.Lock()
def one():
    with a:
        with b:
            pass
def two():
    with b:
        with a:
            pass
t1 = threading.Thread(target=one, name="one")
t2 = threading.Thread(target=two, name="two")
t1.start(); t2.start()
t1.join(); t2.join()
)";

const char* const kOverdraw = R"(import threading
balance = 100
def withdraw(amount):
    global balance
    if balance >= amount:
        new = balance - amount
        balance = new
        assert balance >= 0, "overdrawn"
ts = [threading.Thread(target=withdraw, args=(80,)) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
)";

struct Explored {
    std::unique_ptr<py::Program> program;
    py::RunSettings settings;
    RunConfig config;
    py::ExploreSettings explore;
    py::ExploreResult result;
};

Explored Explore(const char* source, Model model, const std::string& check = "")
{
    Explored e;
    e.program = py::CompileProgram("explore.py", source);
    e.settings.model = model;
    e.config.model = model;
    e.explore.check = check;
    StopFlag stop;
    std::string check_error;
    e.result = py::Explore(*e.program, e.settings, e.config, e.explore, stop, check_error);
    REQUIRE(check_error.empty());
    return e;
}

} // namespace

TEST_CASE("explore: the counter race with 3 increments per thread loses an update on 3.9 and 3.13t - never on 3.12",
          "[py][explore][simulated][outcome]")
{
    const std::string check = "counter == 2 * N";
    for (const Model model : {Model::Py39, Model::Py313t}) {
        const Explored e = Explore(kRaceThreeEach, model, check);
        INFO(ModelName(model));
        CHECK(e.result.found);
        CHECK(e.result.failure.kind == "check");
        CHECK(std::stoi(e.result.output) < 6);
        CHECK(!e.result.schedule.empty());
    }
    const Explored e = Explore(kRaceThreeEach, Model::Py312, check);
    CHECK_FALSE(e.result.found);
    CHECK(e.result.exhaustive);
    CHECK(e.result.schedules > 10);
}

TEST_CASE("explore: the locked counter loses nothing on any model - every schedule within 2 preemptions tried",
          "[py][explore][simulated][outcome]")
{
    // Every schedule of three increments a thread takes a minute and a half
    // under AddressSanitizer: two each there search the same code.
    const std::string locked = LockedCounter(ForThisBuild(3, 2));
    for (const Model model : {Model::Py39, Model::Py312, Model::Py313t}) {
        const Explored e = Explore(locked.c_str(), model, "counter == 2 * N");
        INFO(ModelName(model));
        CHECK_FALSE(e.result.found);
        CHECK(e.result.exhaustive);
        CHECK(e.result.schedules <= e.explore.schedules);
    }
}

TEST_CASE("explore: locks taken in opposite orders deadlock on 3.9 - on 3.12 nothing switches between the two `with`s",
          "[py][explore][simulated][outcome]")
{
    const Explored found = Explore(kOppositeOrders, Model::Py39);
    CHECK(found.result.found);
    CHECK(found.result.failure.kind == "deadlock");
    CHECK(found.result.failure.message.find("one waits for a lock held by two") != std::string::npos);
    const Explored none = Explore(kOppositeOrders, Model::Py312);
    CHECK_FALSE(none.result.found);
    CHECK(none.result.exhaustive);
}

TEST_CASE("explore: an assert that fails in a thread is found with its line", "[py][explore][simulated]")
{
    const Explored e = Explore(kOverdraw, Model::Py39);
    REQUIRE(e.result.found);
    CHECK(e.result.failure.kind == "assert");
    CHECK(e.result.failure.line == 8);
    CHECK(e.result.failure.message.find("AssertionError: overdrawn") != std::string::npos);
    // With no switch point between the test and the store, 3.12 never overdraws.
    CHECK_FALSE(Explore(kOverdraw, Model::Py312).result.found);
}

TEST_CASE("explore: the same search twice finds the same schedule", "[py][explore][simulated][outcome]")
{
    const Explored a = Explore(kRaceThreeEach, Model::Py39, "counter == 2 * N");
    const Explored b = Explore(kRaceThreeEach, Model::Py39, "counter == 2 * N");
    CHECK(a.result.schedules == b.result.schedules);
    CHECK(a.result.schedule == b.result.schedule);
}

TEST_CASE("explore: a found schedule replays its failure - and one that does not fit the program is named",
          "[py][explore][simulated][outcome]")
{
    Explored e = Explore(kRaceThreeEach, Model::Py39, "counter == 2 * N");
    REQUIRE(e.result.found);
    for (int i = 0; i < 2; ++i) {
        Recorder recorder;
        StopFlag stop;
        std::string out;
        const py::Replay replay =
            py::ReplaySchedule(*e.program, e.settings, e.config, e.result.schedule, e.explore, recorder, stop,
                               [&](std::string_view s, bool) { out += s; });
        CHECK(replay.mismatch.empty());
        REQUIRE(replay.failure.has_value());
        CHECK(replay.failure->kind == "check");
        CHECK(out == e.result.output);
    }
    // The race's schedule on the locked program: it cannot follow it to the end.
    const std::unique_ptr<py::Program> locked = py::CompileProgram("locked.py", LockedCounter(3));
    Recorder recorder;
    StopFlag stop;
    const py::Replay replay = py::ReplaySchedule(*locked, e.settings, e.config, e.result.schedule, e.explore, recorder,
                                                 stop, [](std::string_view, bool) {});
    CHECK_FALSE(replay.mismatch.empty());
}

TEST_CASE("explore: a check that is not one expression is refused before anything runs", "[py][explore][simulated]")
{
    CHECK_THROWS_AS(py::CompileCheck("counter == (1"), py::SourceError);
    CHECK_THROWS_AS(py::CompileCheck("1\nimport os"), py::SourceError);
    CHECK_THROWS_AS(py::CompileCheck("1; x = 2"), py::SourceError);
    CHECK_NOTHROW(py::CompileCheck("counter == 2 * N"));
}
