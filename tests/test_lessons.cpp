// Each lesson, at a small time scale, meets the outcome its students are
// told to expect. Margins are wide: a busy two-core machine must pass.
#include "lesson.hpp"
#include "sanitizers.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace threadlab;

namespace {

LessonResult RunWith(std::string_view id, std::vector<std::string> sets, Model model, double scale)
{
    const Lesson& lesson = *FindLesson(id);
    ParamValues values = DefaultValues(lesson.params);
    const auto error = ApplyAssignments(lesson.params, sets, values);
    REQUIRE_FALSE(error);
    Recorder recorder;
    StopFlag stop;
    LessonResult result = RunLesson(lesson, values, RunConfig{model, 0.005, scale}, recorder, stop);
    REQUIRE(result.status == RunStatus::Finished);
    return result;
}

std::string Text(const LessonResult& r, std::string_view name) { return std::get<std::string>(r.Find(name)->value); }

} // namespace

TEST_CASE("first-threads: B ends first and the total is the longest sleep", "[lessons]")
{
    const LessonResult r = RunWith("first-threads", {}, Model::Py312, 0.2);
    CHECK(Text(r, "first") == "B");
    CHECK(Text(r, "last") == "A");
    CHECK(r.Number("total") >= 2.0);
    CHECK_TIMING(r.Number("total") < 2.3);
    REQUIRE(r.runs.size() == 1);
    CHECK(r.runs[0].threads.size() == 3);
}

TEST_CASE("three-threads: order and total are right for any list of durations", "[lessons]")
{
    const LessonResult r = RunWith("three-threads", {}, Model::Py312, 0.2);
    CHECK(std::get<std::vector<std::string>>(r.Find("order")->value) == std::vector<std::string>{"B", "C", "A"});
    CHECK(r.Number("total") >= 3.0);
    CHECK_TIMING(r.Number("total") < 3.3);

    // The classic edits, then random lists with distinct durations.
    const LessonResult with_d = RunWith("three-threads", {"durations=3,1,2,0.5"}, Model::Py312, 0.2);
    CHECK(Text(with_d, "first") == "D");
    CHECK(Text(with_d, "last") == "A");
    std::mt19937 rng(7);
    for (int round = 0; round < 3; ++round) {
        std::vector<int> tenths(2 + rng() % 5);
        for (size_t i = 0; i < tenths.size(); ++i)
            tenths[i] = int(i) + 1;
        std::shuffle(tenths.begin(), tenths.end(), rng);
        // Durations 0.2 s apart: far enough for any scheduler.
        std::string list;
        for (int t : tenths)
            list += (list.empty() ? "" : ",") + std::to_string(0.2 * t);
        const LessonResult rr = RunWith("three-threads", {"durations=" + list}, Model::Py312, 0.2);
        const auto& order = std::get<std::vector<std::string>>(rr.Find("order")->value);
        REQUIRE(order.size() == tenths.size());
        for (size_t k = 0; k < order.size(); ++k) {
            const size_t index = size_t(order[k][0] - 'A');
            CHECK(tenths[index] == int(k) + 1);
        }
        const int longest = *std::max_element(tenths.begin(), tenths.end());
        CHECK(rr.Number("total") >= 0.2 * longest);
        CHECK_TIMING(rr.Number("total") < 0.2 * longest + 0.3);
    }
}

TEST_CASE("threaded-export: one thread per file overlaps the writes", "[lessons]")
{
    const LessonResult r = RunWith("threaded-export", {}, Model::Py312, 0.2);
    CHECK(r.Number("sequential") >= 3.0);
    CHECK_TIMING(r.Number("sequential") < 3.3);
    CHECK(r.Number("threaded") >= 0.1);
    CHECK_TIMING(r.Number("threaded") < 0.25);
    CHECK_TIMING(r.Number("speedup") > 12);
    REQUIRE(r.runs.size() == 2);
    CHECK(r.runs[1].threads.size() == 31);

    // A pool of 5 needs six rounds of writes.
    const LessonResult pool = RunWith("threaded-export", {"workers=5"}, Model::Py312, 0.2);
    CHECK(pool.Number("threaded") >= 0.6);
    CHECK_TIMING(pool.Number("threaded") < 0.9);
    CHECK(pool.runs[1].threads.size() == 6);
}

TEST_CASE("cpu-bound: no speedup with a GIL, parallel without", "[lessons]")
{
    const LessonResult gil = RunWith("cpu-bound", {"iterations=1000000"}, Model::Py312, 0.5);
    CHECK_TIMING(gil.Number("speedup") > 0.7);
    CHECK_TIMING(gil.Number("speedup") < 1.3);
    const LessonResult free = RunWith("cpu-bound", {"iterations=1000000"}, Model::Py313t, 0.5);
    // About 2 on an idle two-core machine; a busy one still shows parallelism.
    CHECK_TIMING(free.Number("speedup") > 1.15);
}

TEST_CASE("race-counter: 3.12 never loses, 3.9 and 3.13t do", "[lessons]")
{
    for (int run = 0; run < 3; ++run)
        CHECK(RunWith("race-counter", {}, Model::Py312, 0.2).Number("lost") == 0);

    for (Model model : {Model::Py39, Model::Py313t}) {
        CAPTURE(ModelName(model));
        int lossy = 0;
        for (int run = 0; run < 6 && lossy == 0; ++run) {
            // 3.13t at real speed so the threads' loops surely overlap.
            const LessonResult r = RunWith("race-counter", {}, model, model == Model::Py313t ? 1.0 : 0.2);
            CHECK(r.Number("expected") == 200'000);
            CHECK(r.Number("actual") + r.Number("lost") == 200'000);
            lossy += r.Number("lost") > 0;
        }
        CHECK(lossy > 0);
    }
}

TEST_CASE("locked-counter: nothing lost under any model; 3.12 never contends, 3.13t does", "[lessons]")
{
    for (Model model : {Model::Py39, Model::Py312, Model::Py313t}) {
        CAPTURE(ModelName(model));
        const LessonResult r = RunWith("locked-counter", {"increments=30000"}, model, 0.2);
        CHECK(r.Number("lost") == 0);
        CHECK(r.Number("actual") == 60'000);
        CHECK(r.Number("lock_wait") >= 0);
        // 3.10+ has no switch point inside `with lock:`, so the GIL only
        // changes hands while the lock is free: never contended, every run.
        if (model == Model::Py312)
            CHECK(r.Number("contended") == 0);
        if (model == Model::Py313t)
            CHECK_TIMING(r.Number("contended") > 0); // needs two free cores
    }
}

TEST_CASE("locked-counter: 3.9 can switch inside the with-block, so its lock is contended", "[lessons]")
{
    // A few hundred switches over the runs; about half land inside the block.
    int64_t contended = 0;
    for (int run = 0; run < 4 && contended == 0; ++run)
        contended += int64_t(RunWith("locked-counter", {"increments=300000"}, Model::Py39, 0.2).Number("contended"));
    CHECK(contended > 0);
}

TEST_CASE("a stopped lesson reports stopped and keeps what it recorded", "[lessons][stop]")
{
    const Lesson& lesson = *FindLesson("first-threads");
    Recorder recorder;
    StopFlag stop;
    stop.RequestStop();
    const LessonResult r = RunLesson(lesson, DefaultValues(lesson.params), RunConfig{}, recorder, stop);
    CHECK(r.status == RunStatus::Stopped);
    CHECK(r.metrics.empty());
}
