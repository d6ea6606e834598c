// Runaway programs: recursion, memory, endless loops, too many threads.
#include "run_program.hpp"
#include "../sanitizers.hpp"
#include "runtime.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace threadlab;
using namespace threadlab::test;

TEST_CASE("recursion deeper than 1,000 raises RecursionError", "[py][limits]")
{
    const ProgramResult r = RunPython(R"(def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print(type(e).__name__, e)
def depth(n):
    return n if n == 900 else depth(n + 1)
print(depth(0))
)",
                                      Model::Py312);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "RecursionError maximum recursion depth exceeded\n900\n");
}

TEST_CASE("an uncaught RecursionError prints three of the repeated lines and how many more, as CPython does",
          "[py][limits]")
{
    const ProgramResult r = RunPython("def down(n):\n    return down(n + 1)\ndown(0)\n", Model::Py312);
    CHECK(r.exit_code == 1);
    std::string repeated;
    for (int i = 0; i < 3; ++i)
        repeated += "  File \"test.py\", line 2, in down\n    return down(n + 1)\n";
    // CPython 3.12 prints the same count: 999 calls of down under the limit of 1,000 frames.
    CHECK(r.err == "Traceback (most recent call last):\n  File \"test.py\", line 3, in <module>\n    down(0)\n" +
                       repeated + "  [Previous line repeated 996 more times]\n"
                                  "RecursionError: maximum recursion depth exceeded\n");
}

TEST_CASE("past the heap bound a program gets MemoryError and the run's memory is given back", "[py][limits]")
{
    std::unique_ptr<py::Program> program = py::CompileProgram("m.py", R"(chunks = []
try:
    while True:
        chunks.append("x" * 100000)
except MemoryError:
    n = len(chunks)
    chunks = None
    print("MemoryError after", "many" if n > 100 else n, "chunks")
)");
    py::RunSettings settings;
    settings.heap_bound = 64 << 20;
    RunConfig config;
    Recorder recorder;
    StopFlag stop;
    std::string out;
    const py::ProgramRun run = py::RunLive(*program, settings, config, recorder, stop,
                                           [&](std::string_view s, bool) { out += s; });
    CHECK(run.exit_code == 0);
    CHECK(out == "MemoryError after many chunks\n");
    CHECK(run.heap_used <= settings.heap_bound);
    CHECK(run.heap_used > settings.heap_bound / 2);
}

TEST_CASE("an endless loop stops when the run is stopped", "[py][limits]")
{
    for (Model model : {Model::Py39, Model::Py312, Model::Py313t}) {
        CAPTURE(ModelName(model));
        StopFlag stop;
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            stop.RequestStop();
        });
        const auto t0 = std::chrono::steady_clock::now();
        const ProgramResult r = RunPython(R"(import threading
def spin():
    while True:
        pass
threading.Thread(target=spin).start()
while True:
    pass
)",
                                          model, 1.0, {}, &stop);
        stopper.join();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        CHECK(r.exit_code == 130);
        CHECK(r.outcome.status == RunStatus::Stopped);
        CHECK(seconds < 5.0); // the promise is a second; sanitizer builds are slow
    }
}

TEST_CASE("daemon threads are left behind when the program ends, as at interpreter exit", "[py][limits]")
{
    const ProgramResult r = RunPython(R"(import threading, time
def forever():
    while True:
        time.sleep(0.01)
threading.Thread(target=forever, daemon=True).start()
print("main ends")
)",
                                      Model::Py312);
    CHECK(r.exit_code == 0);
    CHECK(r.outcome.status == RunStatus::Finished);
    CHECK(r.out == "main ends\n");
}

TEST_CASE("an uncaught exception in the main thread exits 1 with its traceback", "[py][limits]")
{
    const ProgramResult r = RunPython("def f():\n    return 1 / 0\nf()\n", Model::Py312);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "Traceback (most recent call last):\n  File \"test.py\", line 3, in <module>\n    f()\n"
                   "  File \"test.py\", line 2, in f\n    return 1 / 0\nZeroDivisionError: division by zero\n");
}

TEST_CASE("past the run's thread limit start() raises RuntimeError, which the program can catch", "[py][limits]")
{
    // Each thread ends before the next starts; the limit counts every thread
    // the run drew (MainThread too), as the timeline keeps them all.
    const std::string program = R"(import threading
def nothing():
    pass
started = 0
try:
    while True:
        t = threading.Thread(target=nothing)
        t.start()
        t.join()
        started += 1
except RuntimeError as e:
    print(started, e)
print("main goes on")
)";
    if (kThreadSanitizer) {
        WARN("skipped under ThreadSanitizer, which cannot make 8,191 threads in one process");
        return;
    }
    const std::string expected = std::to_string(Recorder::kMaxLanes - 1) + " can't start new thread\nmain goes on\n";
    SECTION("live")
    {
        const ProgramResult r = RunPython(program, Model::Py312);
        CHECK(r.exit_code == 0);
        CHECK(r.outcome.status == RunStatus::Finished);
        CHECK(r.out == expected);
    }
    SECTION("simulated")
    {
        const ProgramResult r = RunSimulatedPython(program, Model::Py312);
        CHECK(r.exit_code == 0);
        CHECK(r.outcome.status == RunStatus::Finished);
        CHECK(r.out == expected);
    }
}

TEST_CASE("live: a thread the OS refuses is CPython's RuntimeError, and the threads already started finish",
          "[py][limits][live]")
{
    SetThreadCreationLimitForTesting(2); // the third thread is refused
    const ProgramResult r = RunPython(R"(import threading
import time
done = []
threads = []
try:
    for i in range(5):
        t = threading.Thread(target=lambda i=i: (time.sleep(0.01), done.append(i)))
        t.start()
        threads.append(t)
except RuntimeError as e:
    print(len(threads), e)
for t in threads:
    t.join()
print(sorted(done))
)",
                                      Model::Py312);
    SetThreadCreationLimitForTesting(-1);
    CHECK(r.exit_code == 0);
    CHECK(r.outcome.status == RunStatus::Finished);
    CHECK(r.out == "2 can't start new thread\n[0, 1]\n");
}
