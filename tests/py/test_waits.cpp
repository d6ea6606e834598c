// A thread blocked on a Lock another thread holds and one waiting for a
// signal (Event.wait, a Queue's get, Condition.wait) look alike in code; the
// lanes tell them apart, live and simulated, under every model.
#include "describe.hpp"
#include "run_program.hpp"
#include "snapshot.hpp"

#include <catch2/catch.hpp>

using namespace threadlab;

namespace {

constexpr const char* kWaits = R"(import threading, time, queue
ready = threading.Event()
items = queue.Queue()
lock = threading.Lock()
def waiter():
    ready.wait()
def getter():
    items.get()
def locker():
    with lock:
        pass
threads = [threading.Thread(target=f, name=f.__name__) for f in (waiter, getter, locker)]
with lock:
    for t in threads:
        t.start()
    time.sleep(0.05)
ready.set()
items.put(1)
for t in threads:
    t.join()
print("done")
)";

double SecondsIn(const TraceSnapshot& trace, const std::string& name, State state)
{
    for (const LaneTrace& lane : trace.lanes)
        if (lane.name == name) {
            int64_t ns = 0;
            for (const Span& span : lane.spans)
                if (span.state == state)
                    ns += span.t1 - span.t0;
            return trace.groups.at(size_t(lane.group)).Seconds(ns);
        }
    FAIL("no lane " << name);
    return 0;
}

std::string FirstSaid(const TraceSnapshot& trace, const std::string& name, State state)
{
    for (const LaneTrace& lane : trace.lanes)
        if (lane.name == name)
            for (const Span& span : lane.spans)
                if (span.state == state)
                    return DescribeSpan(trace, lane, span);
    return "";
}

void CheckLanes(const TraceSnapshot& trace)
{
    for (const char* signalled : {"waiter", "getter"}) {
        INFO(signalled << ": " << FirstSaid(trace, signalled, State::WaitingSignal));
        CHECK(SecondsIn(trace, signalled, State::WaitingSignal) > 0.03); // the main thread's 0.05 s sleep
        // (The Event's and the Queue's own mutex can be busy for an instant: never for long.)
        CHECK(SecondsIn(trace, signalled, State::WaitingLock) < 0.01);
    }
    // In words, from the library call the program made.
    CHECK(FirstSaid(trace, "waiter", State::WaitingSignal) ==
          "waiting in ready.wait(): it goes on when another thread calls set()");
    CHECK(FirstSaid(trace, "getter", State::WaitingSignal) ==
          "waiting in items.get(): the queue is empty, it goes on after a put()");
    CHECK(SecondsIn(trace, "locker", State::WaitingLock) > 0.03);
    CHECK(SecondsIn(trace, "locker", State::WaitingSignal) == 0);
    INFO(FirstSaid(trace, "locker", State::WaitingLock));
    CHECK(FirstSaid(trace, "locker", State::WaitingLock).find("held by MainThread") != std::string::npos);
}

} // namespace

TEST_CASE("waits: a wait for a signal is drawn as one, a wait for a held lock as a lock wait - live", "[py][waits]")
{
    for (const Model model : {Model::Py39, Model::Py312, Model::Py313t}) {
        INFO(ModelName(model));
        const test::ProgramResult r = test::RunPython(kWaits, model);
        REQUIRE(r.out == "done\n");
        TraceSnapshot trace;
        trace.Update(*r.recorder);
        CheckLanes(trace);
    }
}

TEST_CASE("waits: a wait for a signal is drawn as one, a wait for a held lock as a lock wait - simulated",
          "[py][waits][simulated]")
{
    for (const Model model : {Model::Py39, Model::Py312, Model::Py313t}) {
        INFO(ModelName(model));
        const test::ProgramResult r = test::RunSimulatedPython(kWaits, model);
        REQUIRE(r.out == "done\n");
        TraceSnapshot trace;
        trace.Update(*r.recorder);
        CheckLanes(trace);
    }
}
