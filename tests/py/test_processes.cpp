// ProcessPoolExecutor's workers are emulated processes: another interpreter
// of the same program with a GIL of its own, reached only through copies.
#include "run_program.hpp"
#include "../sanitizers.hpp"
#include "sim_executor.hpp"
#include "snapshot.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace threadlab;
using namespace threadlab::test;

namespace {

// Lesson nanoseconds during which two lanes whose names start with
// `prefix` were both running.
int64_t Overlap(const ProgramResult& r, const std::string& prefix)
{
    TraceSnapshot snapshot;
    snapshot.Update(*r.recorder);
    std::vector<const LaneTrace*> lanes;
    for (const LaneTrace& lane : snapshot.lanes)
        if (lane.name.rfind(prefix, 0) == 0)
            lanes.push_back(&lane);
    REQUIRE(lanes.size() == 2);
    auto running = [](const Span& s) { return s.state == State::Running || s.state == State::HoldingLock; };
    int64_t both = 0;
    for (const Span& x : lanes[0]->spans)
        for (const Span& y : lanes[1]->spans)
            if (running(x) && running(y))
                both += std::max<int64_t>(0, std::min(x.t1, y.t1) - std::max(x.t0, y.t0));
    return both;
}

std::string PoolProgram(const std::string& executor)
{
    return R"(from concurrent.futures import )" + executor + R"(
def work(n):
    total = 0
    for i in range(n):
        total += i
    return total
if __name__ == "__main__":
    with )" + executor +
           R"((max_workers=2) as ex:
        print(list(ex.map(work, [600000, 600000])))
)";
}

} // namespace

TEST_CASE("worker processes have a GIL each: their CPU work overlaps under 3.12, threads' does not",
          "[py][processes][serial]")
{
    const ProgramResult processes = RunPython(PoolProgram("ProcessPoolExecutor"), Model::Py312);
    REQUIRE(processes.exit_code == 0);
    CHECK(processes.out == "[179999700000, 179999700000]\n");
    CHECK(processes.err.empty());
    const ProgramResult threads = RunPython(PoolProgram("ThreadPoolExecutor"), Model::Py312);
    REQUIRE(threads.exit_code == 0);
    CHECK(threads.out == processes.out);
    // Threads take turns (a hand-off may overlap by a few microseconds);
    // processes do not wait for each other, given two cores.
    CHECK(Overlap(threads, "ThreadPoolExecutor") < 200'000);
    CHECK_TIMING(Overlap(processes, "SpawnProcess") > 2'000'000);
}

TEST_CASE("a process's threads are named after it and use its GIL", "[py][processes]")
{
    const std::string program = R"(import threading
from concurrent.futures import ProcessPoolExecutor
def inner():
    t = threading.Thread(target=sum, args=([1, 2],), name="helper")
    t.start(); t.join()
    return threading.current_thread().name, threading.active_count()
if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(inner).result())
)";
    const ProgramResult r = RunPython(program, Model::Py312);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == "('MainThread', 1)\n");
    std::vector<std::string> names;
    for (const ThreadSummary& t : r.outcome.threads)
        names.push_back(t.name);
    CHECK(std::find(names.begin(), names.end(), "SpawnProcess-1") != names.end());
    CHECK(std::find(names.begin(), names.end(), "SpawnProcess-1: helper") != names.end());

    // Each lane says which process it is in, so the timeline can draw the
    // process's lanes under a header of its own; live and simulated alike.
    const ProgramResult simulated = RunSimulatedPython(program, Model::Py312);
    REQUIRE(simulated.exit_code == 0);
    for (const ProgramResult* run : {&r, &simulated}) {
        std::map<std::string, int> process_of;
        for (int lane = 0; lane < run->recorder->LaneCount(); ++lane)
            process_of[run->recorder->Lane(lane).name] = run->recorder->Lane(lane).process;
        CHECK(process_of.at("MainThread") == 0);
        CHECK(process_of.at("SpawnProcess-1") == 1);
        CHECK(process_of.at("SpawnProcess-1: helper") == 1);
        for (const auto& [name, process] : process_of)
            if (name.rfind("SpawnProcess-", 0) != 0)
                CHECK(process == 0); // the pool's manager thread is the program's own
    }
}

TEST_CASE("a pool made outside the main guard breaks, as under the spawn start method", "[py][processes]")
{
    // The worker imports the main module again, whose top level submits:
    // starting a process while bootstrapping raises there, the worker dies.
    const ProgramResult r = RunPython(R"(from concurrent.futures import ProcessPoolExecutor
ex = ProcessPoolExecutor(max_workers=1)
future = ex.submit(abs, -1)
try:
    print(future.result())
except Exception as e:
    print(type(e).__name__)
)",
                                      Model::Py312);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "BrokenProcessPool\n");
    CHECK(r.err.find("bootstrapping phase") != std::string::npos);
}

TEST_CASE("what cannot travel to a worker is refused with pickle's errors", "[py][processes]")
{
    const ProgramResult r = RunPython(R"(import threading
from concurrent.futures import ProcessPoolExecutor
def echo(x):
    return x
if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        for value in (threading.Lock(), lambda: 0, (x for x in [])):
            e = ex.submit(echo, value).exception()
            print(type(e).__name__, e)
)",
                                      Model::Py312);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("TypeError cannot pickle '_thread.lock' object\n") == 0);
    CHECK(r.out.find("PicklingError Can't pickle <function <lambda> at 0x") != std::string::npos);
    CHECK(r.out.find("TypeError cannot pickle 'generator' object\n") != std::string::npos);
}

TEST_CASE("simulated: a process pool's workers each get their own pid and their own sentinel - shutdown never hangs",
          "[py][processes][simulated]")
{
    // Both workers' main threads once had the same ident, so the pool kept one
    // of them under its pid, sent one sentinel, and waited for ever on the other.
    const std::string program = PoolProgram("ProcessPoolExecutor");
    for (const Model model : {Model::Py39, Model::Py312, Model::Py313t})
        for (uint64_t seed = 1; seed <= 3; ++seed) {
            INFO(ModelName(model) << " seed " << seed);
            const test::ProgramResult run = test::RunSimulatedPython(program, model, seed);
            CHECK(run.outcome.status == RunStatus::Finished);
            CHECK(run.out.find("[179999700000, 179999700000]\n") == 0);
        }
}
