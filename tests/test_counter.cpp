// `counter += 1` under the three models: where the load and store may be split.
#include "runtime.hpp"
#include "trace_checks.hpp"

#include <catch2/catch.hpp>

using namespace threadlab;

namespace {

struct RaceResult {
    int64_t actual;
    uint64_t splits;
};

RaceResult Race(Model model, int increments, double scale = 0.05)
{
    Recorder recorder;
    StopFlag stop;
    Runtime runtime(RunConfig{model, 0.005, scale}, recorder, stop, "threaded");
    SharedCounter counter;
    const RunOutcome outcome = runtime.Run([&](Thread& main) {
        auto body = [&](Thread& self) {
            for (int i = 0; i < increments; ++i) {
                self.SwitchPoint(); // the loop's back-edge
                self.Increment(counter);
            }
        };
        ThreadHandle a = main.Start("Thread-1", body);
        ThreadHandle b = main.Start("Thread-2", body);
        main.Join(a);
        main.Join(b);
    });
    REQUIRE(outcome.status == RunStatus::Finished);
    return {counter.Get(), outcome.split_increments};
}

} // namespace

TEST_CASE("3.12 never separates a counter's load from its store", "[counter]")
{
    for (int run = 0; run < 3; ++run) {
        const RaceResult r = Race(Model::Py312, 200'000);
        CHECK(r.actual == 400'000);
        CHECK(r.splits == 0);
    }
}

TEST_CASE("3.9 can switch between the load and the store, losing updates", "[counter]")
{
    int runs_with_loss = 0;
    for (int run = 0; run < 5 && runs_with_loss == 0; ++run) {
        // 21 ms of increments a thread against a 1 ms switch interval: about
        // twenty switches. (200,000 at scale 0.05, a millisecond a thread,
        // often ran without one on busy cores: 4 of 8 runs lost nothing.)
        const RaceResult r = Race(Model::Py39, 1'000'000, 0.2);
        CHECK(r.actual <= 2'000'000);
        if (r.actual < 2'000'000) {
            ++runs_with_loss;
            CHECK(r.splits > 0);
        }
    }
    CHECK(runs_with_loss > 0);
}

TEST_CASE("3.13t loses updates through true parallelism", "[counter]")
{
    int runs_with_loss = 0;
    for (int run = 0; run < 5 && runs_with_loss == 0; ++run) {
        // Real time (13 ms a thread) so the two threads surely overlap on the cores.
        const RaceResult r = Race(Model::Py313t, 200'000, 1.0);
        CHECK(r.actual <= 400'000);
        CHECK(r.splits == 0); // no GIL switch involved: the cores interleave
        if (r.actual < 400'000)
            ++runs_with_loss;
    }
    CHECK(runs_with_loss > 0);
}
