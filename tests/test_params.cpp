#include "lesson.hpp"

#include <catch2/catch.hpp>

using namespace threadlab;

namespace {
const ParamSpec kNotes{"notes", ParamKind::Integer, "10", 1, 1000, "how many notes"};
const ParamSpec kDelay{"delay", ParamKind::Real, "0.1", 0.001, 5, "seconds", 16, "s"};
const ParamSpec kDurations{"durations", ParamKind::Durations, "2,1", 0, 60, "seconds", 16, "s"};

std::string ErrorFor(const ParamSpec& spec, std::string_view text)
{
    ParamValue value;
    auto error = ParseParam(spec, text, value);
    return error ? *error : "";
}
} // namespace

TEST_CASE("parameters parse what a Python programmer would type", "[params]")
{
    ParamValue v;
    REQUIRE_FALSE(ParseParam(kNotes, "20", v));
    CHECK(std::get<int64_t>(v) == 20);
    REQUIRE_FALSE(ParseParam(kNotes, "1_000", v));
    CHECK(std::get<int64_t>(v) == 1000);
    REQUIRE_FALSE(ParseParam(kDelay, "0.25", v));
    CHECK(std::get<double>(v) == 0.25);
    REQUIRE_FALSE(ParseParam(kDurations, "3, 1,2", v));
    CHECK(std::get<std::vector<double>>(v) == std::vector<double>{3, 1, 2});
}

TEST_CASE("bad parameter values are refused with the allowed range", "[params]")
{
    CHECK(ErrorFor(kNotes, "abc") == "notes must be a whole number from 1 to 1000, got \"abc\"");
    CHECK(ErrorFor(kNotes, "0").find("from 1 to 1000") != std::string::npos);
    CHECK(ErrorFor(kNotes, "-5").find("from 1 to 1000") != std::string::npos);
    CHECK(ErrorFor(kNotes, "1001").find("from 1 to 1000") != std::string::npos);
    CHECK(ErrorFor(kNotes, "2.5").find("whole number") != std::string::npos);
    CHECK(ErrorFor(kNotes, "99999999999999999999").find("from 1 to 1000") != std::string::npos);
    CHECK(ErrorFor(kDelay, "nan").find("from 0.001 to 5 s") != std::string::npos);
    CHECK(ErrorFor(kDelay, "inf") != "");
    CHECK(ErrorFor(kDelay, "0").find("from 0.001") != std::string::npos);
    CHECK(ErrorFor(kDelay, "1e400") != "");
    CHECK(ErrorFor(kDurations, "").find("the list is empty") != std::string::npos);
    CHECK(ErrorFor(kDurations, "1,,2").find("entry 2 is empty") != std::string::npos);
    CHECK(ErrorFor(kDurations, "1,2,").find("entry 3 is empty") != std::string::npos);
    CHECK(ErrorFor(kDurations, "1,x").find("entry 2 is \"x\"") != std::string::npos);
    CHECK(ErrorFor(kDurations, "1,-2").find("each from 0 to 60 s") != std::string::npos);
    CHECK(ErrorFor(kDurations, "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17").find("more than 16") != std::string::npos);
    // One line, always.
    CHECK(ErrorFor(kNotes, "a\nb").find('\n') == std::string::npos);
}

TEST_CASE("set assignments: unknown names list the known ones", "[params]")
{
    const Lesson& lesson = *FindLesson("threaded-export");
    ParamValues values = DefaultValues(lesson.params);
    auto error = ApplyAssignments(lesson.params, {"nots=3"}, values);
    REQUIRE(error);
    CHECK(*error == "unknown parameter \"nots\"; this lesson has: notes, formats, delay, workers");
    CHECK(ApplyAssignments(lesson.params, {"notes"}, values));
    REQUIRE_FALSE(ApplyAssignments(lesson.params, {"notes=20"}, values));
    CHECK(values.Int("notes") == 20);
    // Too many threads for one-per-file is caught before anything runs.
    REQUIRE_FALSE(ApplyAssignments(lesson.params, {"notes=400"}, values));
    auto too_many = ValidateParams(lesson, values);
    REQUIRE(too_many);
    CHECK(too_many->find("at most 1000") != std::string::npos);
}

TEST_CASE("the listing is the lesson's program with the current parameter values", "[lessons]")
{
    const Lesson& lesson = *FindLesson("threaded-export");
    ParamValues values = DefaultValues(lesson.params);
    REQUIRE_FALSE(ApplyAssignments(lesson.params, {"notes=20"}, values));
    const Listing listing = RenderListing(lesson, values);
    CHECK(listing.Text().find("NOTES = 20\n") != std::string::npos);
    // A constant's comment stays beside its new value.
    CHECK(listing.Text().find("DELAY = 0.1  # seconds one write takes") != std::string::npos);

    const Lesson& first = *FindLesson("first-threads");
    const Listing first_listing = RenderListing(first, DefaultValues(first.params));
    CHECK(first_listing.Text().find("durations = [2.0, 1.0]") != std::string::npos);
    CHECK(RenderListing(*FindLesson("cpu-bound"), DefaultValues(FindLesson("cpu-bound")->params))
              .Text()
              .find("ITERATIONS = 5_000_000") != std::string::npos);
}

TEST_CASE("every lesson has prose, a program in parts and sane defaults", "[lessons]")
{
    // The six first lessons, then the toolbox's (issue 14), in the catalog's order.
    REQUIRE(AllLessons().size() >= 7);
    CHECK(AllLessons()[0]->id == "first-threads");
    CHECK(AllLessons()[6]->id == "thread-pool");
    for (const Lesson* lesson : AllLessons()) {
        CAPTURE(lesson->id);
        const LessonProse prose = ProseFor(*lesson);
        CHECK_FALSE(prose.watch.empty());
        CHECK_FALSE(prose.why.empty());
        CHECK_FALSE(prose.try_next.empty());
        const ParamValues values = DefaultValues(lesson->params);
        CHECK_FALSE(ValidateParams(*lesson, values));
        CHECK(RenderListing(*lesson, values).Text().find("# part: ") != std::string::npos);
    }
    CHECK_FALSE(ProseFor(*FindLesson("race-counter")).model_note[int(Model::Py312)].empty());
}
