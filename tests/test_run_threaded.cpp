#include "run_threaded.hpp"
#include "sanitizers.hpp"

#include <catch2/catch.hpp>

using namespace threadlab;

TEST_CASE("run_threaded: nothing, one, several durations", "[run_threaded]")
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
