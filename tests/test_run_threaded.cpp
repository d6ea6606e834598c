#include "run_threaded.hpp"
#include "sanitizers.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace threadlab;

TEST_CASE("run_threaded: nothing, one, several durations", "[run_threaded][serial]")
{
    const RunConfig fast{Model::Py312, 0.005, 0.2};
    CHECK_TIMING(RunThreaded({}, fast) < 0.05);

    const double one = RunThreaded({1.0}, fast);
    CHECK(one >= 1.0);
    CHECK_TIMING(one < 1.3);

    // Several: about the longest, not the sum.
    const double several = RunThreaded({0.5, 2.0, 1.0, 1.5}, fast);
    CHECK(several >= 2.0);
    CHECK_TIMING(several < 2.3);

    // The same without a GIL.
    const double free = RunThreaded({0.5, 1.0}, RunConfig{Model::Py313t, 0.005, 0.2});
    CHECK(free >= 1.0);
    CHECK_TIMING(free < 1.3);
}

TEST_CASE("run_threaded stops at once when asked (closing the window mid-check)", "[run_threaded][stop][serial]")
{
    StopFlag stop;
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        stop.RequestStop();
    });
    const auto start = std::chrono::steady_clock::now();
    const double elapsed = RunThreaded({60.0, 30.0}, RunConfig{Model::Py312, 0.005, 1.0}, &stop);
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    stopper.join();
    CHECK(elapsed < 60.0);
    CHECK_TIMING(waited < 2.0); // a minute of sleeps, over within a poll or two of the stop
}
