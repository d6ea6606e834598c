// Step mode: a person chooses who runs at every choice point. What each
// thread shows (its next line, that line's instructions, its stack), that a
// chosen interleaving loses an update on 3.9 and cannot on 3.12, and that the
// choices made replay to the same run (Undo is a replay).
#include "compiler.hpp"
#include "step_chooser.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

using namespace threadlab;

namespace {

const char* const kRaceTwoEach = R"(import threading
N = 2
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

using Answer = std::function<size_t(const py::StepChoice&)>;

struct Stepped {
    std::string output;
    std::vector<py::StepChoice> seen;
    std::vector<std::string> made;
    std::string mismatch;
};

// Runs kRaceTwoEach on the simulated executor while this thread answers every choice.
Stepped Step(Model model, const Answer& answer, std::vector<std::string> replay = {})
{
    const std::unique_ptr<py::Program> program = py::CompileProgram("race.py", kRaceTwoEach);
    py::RunSettings settings;
    settings.model = model;
    RunConfig config;
    config.model = model;
    py::StepChooser chooser(std::move(replay), {"counter"});
    py::SimSettings sim;
    sim.chooser = &chooser;
    Recorder recorder;
    StopFlag stop;
    Stepped stepped;
    std::atomic<bool> done{false};
    std::thread run([&] {
        py::RunSimulated(*program, settings, config, sim, recorder, stop,
                         [&](std::string_view text, bool) { stepped.output += text; });
        done = true;
    });
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!done && std::chrono::steady_clock::now() < give_up) {
        if (const std::optional<py::StepChoice> choice = chooser.Waiting()) {
            stepped.seen.push_back(*choice);
            chooser.Pick(answer(*choice));
        } else {
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
    }
    chooser.Release(); // a test that went wrong still ends its run
    run.join();
    stepped.made = chooser.Made();
    stepped.mismatch = chooser.Mismatch();
    return stepped;
}

bool About(const py::ThreadPlace& t, const std::string& instruction)
{
    return t.next >= 0 && t.instructions[size_t(t.next)] == instruction;
}

// Let the running thread go on, except just before it writes the counter:
// then the other one runs (once per write, so both get there).
size_t PreemptBeforeStore(const py::StepChoice& c)
{
    return c.preemption && c.threads.size() > 1 && About(c.threads[0], "STORE_GLOBAL counter") ? 1 : 0;
}

} // namespace

TEST_CASE("step: each thread shows its next line, that line's instructions and its stack", "[py][step][simulated]")
{
    const Stepped s = Step(Model::Py39, PreemptBeforeStore);
    REQUIRE(s.mismatch.empty());
    const auto at_store = std::find_if(s.seen.begin(), s.seen.end(), [](const py::StepChoice& c) {
        return c.preemption && About(c.threads[0], "STORE_GLOBAL counter");
    });
    REQUIRE(at_store != s.seen.end());
    const py::ThreadPlace& t = at_store->threads[0];
    CHECK(t.line == 7);
    CHECK(t.function == "work");
    CHECK(t.inside.empty());
    CHECK(t.instructions ==
          std::vector<std::string>{"LOAD_GLOBAL counter", "LOAD_CONST 1", "BINARY_OP +=", "STORE_GLOBAL counter"});
    // What it is about to write: one more than the counter it read.
    REQUIRE_FALSE(t.stack.empty());
    REQUIRE(at_store->globals.size() == 1);
    CHECK(at_store->globals[0].first == "counter");
    CHECK(std::stoi(t.stack.back()) == std::stoi(at_store->globals[0].second) + 1);
    // MainThread, waiting in join, is inside the library: never a candidate in program code.
    for (const py::StepChoice& c : s.seen)
        for (const py::ThreadPlace& p : c.threads)
            if (p.thread == "MainThread" && !p.inside.empty())
                CHECK(p.next == -1);
}

TEST_CASE("step: switching threads just before a write loses an update on 3.9 - the same choices replay it exactly",
          "[py][step][simulated]")
{
    const Stepped s = Step(Model::Py39, PreemptBeforeStore);
    REQUIRE(s.mismatch.empty());
    CHECK(std::stoi(s.output) < 4);
    CHECK(s.made.size() == s.seen.size());

    // Undo replays every choice but the last: the run waits again at that very choice.
    std::vector<std::string> all_but_last(s.made.begin(), s.made.end() - 1);
    const Stepped undone = Step(Model::Py39, PreemptBeforeStore, all_but_last);
    REQUIRE(undone.mismatch.empty());
    REQUIRE_FALSE(undone.seen.empty());
    CHECK(undone.seen.front() == s.seen.back());
    CHECK(undone.output == s.output);
    CHECK(undone.made == s.made);
}

TEST_CASE("step: on 3.12 no choice ever falls between the read and the write - every update counts",
          "[py][step][simulated]")
{
    // Preempt at every chance: still 4.
    const Stepped s = Step(Model::Py312, [](const py::StepChoice& c) { return c.threads.size() > 1 ? size_t(1) : 0; });
    REQUIRE(s.mismatch.empty());
    CHECK(s.output == "4\n");
    REQUIRE_FALSE(s.seen.empty());
    for (const py::StepChoice& c : s.seen)
        for (const py::ThreadPlace& t : c.threads) {
            CHECK_FALSE(About(t, "STORE_GLOBAL counter"));
            CHECK_FALSE(About(t, "BINARY_OP +="));
        }
}
