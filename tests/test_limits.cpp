// Runs the machine cannot carry are refused before they start.
#include "limits.hpp"

#include <catch2/catch.hpp>

using namespace threadlab;

namespace {
ParamValues With(const Lesson& lesson, std::vector<std::string> sets)
{
    ParamValues values = DefaultValues(lesson.params);
    REQUIRE_FALSE(ApplyAssignments(lesson.params, sets, values));
    return values;
}
} // namespace

TEST_CASE("the files behind the system limits parse", "[limits]")
{
    CHECK(ParseMemAvailable("MemTotal: 100 kB\nMemAvailable:    2048 kB\n") == 2048 * 1024);
    CHECK_FALSE(ParseMemAvailable("MemTotal: 100 kB\n"));
    CHECK(ParseLoadavgThreads("0.10 0.05 0.01 2/123 4567\n") == 123);
    CHECK_FALSE(ParseLoadavgThreads("garbage"));
    const SystemLimits here = ReadSystemLimits();
    CHECK(here.memory_available_bytes > 0);
    CHECK(here.threads_available > 0);
}

TEST_CASE("a run that needs more threads or memory than there is is refused with the reason", "[limits]")
{
    const Lesson& lesson = *FindLesson("threaded-export");
    const RunConfig config;
    SystemLimits tight;
    tight.threads_available = 20;
    tight.threads_limit_name = "RLIMIT_NPROC (ulimit -u)";
    auto refusal = CheckRunLimits(lesson, With(lesson, {}), config, tight);
    REQUIRE(refusal);
    CHECK(refusal->find("30") != std::string::npos);
    CHECK(refusal->find("RLIMIT_NPROC") != std::string::npos);
    CHECK(refusal->find('\n') == std::string::npos);
    CHECK_FALSE(CheckRunLimits(lesson, With(lesson, {"workers=5"}), config, tight));

    const Lesson& locked = *FindLesson("locked-counter");
    SystemLimits small_memory;
    small_memory.memory_available_bytes = 100 << 20;
    auto memory = CheckRunLimits(locked, With(locked, {"threads=64", "increments=10000000"}), config, small_memory);
    REQUIRE(memory);
    CHECK(memory->find("memory") != std::string::npos);
    CHECK_FALSE(CheckRunLimits(locked, With(locked, {}), config, small_memory));

    // Every lesson's defaults fit on this machine.
    for (const Lesson* l : AllLessons())
        CHECK_FALSE(CheckRunLimits(*l, DefaultValues(l->params), config, ReadSystemLimits()));
}

TEST_CASE("the limits know every lesson: each is refused on a machine one thread or a few bytes too small",
          "[limits]")
{
    const RunConfig config;
    for (const Lesson* lesson : AllLessons()) {
        CAPTURE(lesson->id);
        const ParamValues values = DefaultValues(lesson->params);
        // A lesson the estimate does not know needs nothing, and would never be refused.
        const RunNeeds needs = EstimateNeeds(*lesson, values, config);
        REQUIRE(needs.threads > 0);
        REQUIRE(needs.events > 0);
        CHECK(needs.bytes >= needs.events * kEventBytes * 2 + needs.threads * kResidentBytesPerThread);

        SystemLimits exact;
        exact.threads_available = needs.threads;
        exact.memory_available_bytes = needs.bytes;
        CHECK_FALSE(CheckRunLimits(*lesson, values, config, exact));

        SystemLimits one_thread_short = exact;
        one_thread_short.threads_available = needs.threads - 1;
        const auto threads = CheckRunLimits(*lesson, values, config, one_thread_short);
        REQUIRE(threads);
        CHECK(threads->find(std::to_string(needs.threads) + " threads") != std::string::npos);

        SystemLimits memory_short = exact;
        memory_short.memory_available_bytes = needs.bytes - 1;
        const auto memory = CheckRunLimits(*lesson, values, config, memory_short);
        REQUIRE(memory);
        CHECK(memory->find("memory") != std::string::npos);
    }
}
