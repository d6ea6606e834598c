// The Make step's grader: the student's tests, then the page's hidden
// checks, on right, wrong and crashing solutions (three-threads'
// run_threaded), simulated so sleeps take virtual time.
#include "catalog.hpp"
#include "make_grade.hpp"

#include "text_edit.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace threadlab;

namespace {

const char* const kRight = R"(import threading
import time

def run_threaded(durations):
    start = time.perf_counter()
    threads = [threading.Thread(target=time.sleep, args=(d,)) for d in durations]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start

def test_nothing():
    assert run_threaded([]) < 0.05

def test_one():
    assert abs(run_threaded([0.3]) - 0.3) < 0.05

def test_several():
    assert abs(run_threaded([0.3, 0.1, 0.2]) - 0.3) < 0.05
)";

MakeGrade GradeOf(const std::string& program)
{
    const LessonPage* page = FindPage("three-threads");
    REQUIRE(page != nullptr);
    REQUIRE(page->make_function == "run_threaded");
    StopFlag stop;
    return GradeMake(*page, program, stop);
}

} // namespace

TEST_CASE("make: a right solution passes its own tests and every hidden check", "[make]")
{
    const MakeGrade g = GradeOf(kRight);
    INFO(g.error);
    CHECK(g.error.empty());
    REQUIRE(g.tests.size() == 3);
    CHECK(g.tests[0].name == "test_nothing");
    for (const MakeGrade::Test& t : g.tests)
        CHECK(t.passed);
    REQUIRE(g.checks.size() >= 4);
    for (const MakeGrade::Check& c : g.checks) {
        INFO(c.call << " returned " << c.returned);
        CHECK(c.passed);
    }
    CHECK(g.Passed());
}

TEST_CASE("make: threads joined one by one fail - the failing test's line and the call that returned too much",
          "[make]")
{
    const std::string sequential =
        test::ReplaceOnce(kRight, "    for t in threads:\n        t.start()\n    for t in threads:\n        t.join()",
                "    for t in threads:\n        t.start()\n        t.join()");
    const MakeGrade g = GradeOf(sequential);
    CHECK(g.error.empty());
    REQUIRE(g.tests.size() == 3);
    CHECK(g.tests[0].passed); // nothing to wait for
    CHECK(g.tests[1].passed); // one thread: no difference
    CHECK_FALSE(g.tests[2].passed);
    CHECK(g.tests[2].line == 19);
    // As pytest says it: both sides of the comparison, evaluated once.
    CAPTURE(g.tests[2].message);
    CHECK(g.tests[2].message.rfind("AssertionError: assert 0.3", 0) == 0); // abs(0.6 - 0.3), plus jitter
    CHECK(g.tests[2].message.size() > std::string(" < 0.05").size());
    CHECK(g.tests[2].message.substr(g.tests[2].message.size() - 7) == " < 0.05");
    bool long_one = false;
    for (const MakeGrade::Check& c : g.checks)
        if (c.call == "run_threaded([0.4, 0.1])") {
            long_one = true;
            CHECK_FALSE(c.passed);
            CHECK(c.returned == "0.500");
        }
    CHECK(long_one);
    CHECK_FALSE(g.Passed());
}

TEST_CASE("make: a crash, a missing function, too few tests and a syntax error each fail with why", "[make]")
{
    const MakeGrade crash = GradeOf(test::ReplaceOnce(kRight, "    return time.perf_counter() - start", "    return elapsed"));
    REQUIRE(crash.tests.size() == 3);
    CHECK_FALSE(crash.tests[0].passed);
    CHECK(crash.tests[0].message == "NameError: name 'elapsed' is not defined");
    CHECK(crash.tests[0].line == 11); // in run_threaded, where it raised
    CHECK(crash.checks.front().returned == "NameError: name 'elapsed' is not defined");
    CHECK_FALSE(crash.Passed());

    const MakeGrade missing = GradeOf("def test_a():\n    assert True\n");
    CHECK(missing.error == "the program defines no function run_threaded");
    CHECK_FALSE(missing.Passed());

    const std::string two_tests = kRight;
    const MakeGrade few = GradeOf(two_tests.substr(0, two_tests.find("def test_several")));
    CHECK(few.error.empty());
    CHECK(few.tests.size() == 2);
    CHECK_FALSE(few.Passed()); // the page asks for 3

    const MakeGrade syntax = GradeOf("def run_threaded(d)\n    return 0\n");
    CHECK(syntax.error.find("line 1: SyntaxError") == 0);
}

TEST_CASE("make: a failed assert says the values it compared, as pytest does - each side evaluated once", "[make]")
{
    const std::string tests = std::string(kRight) + R"(
def test_plain():
    assert []

def test_message():
    assert 1 == 2, "one is not two"

def test_in():
    assert 3 in [1, 2]

def test_is_not():
    assert None is not None

calls = []

def side():
    calls.append(1)
    return len(calls)

def test_once():
    assert side() == 1
    assert calls == [1]

def test_many():
    for i in range(1000):
        assert i >= 0
    assert "a" * 3 != "aaa"
)";
    const MakeGrade g = GradeOf(tests);
    INFO(g.error);
    REQUIRE(g.tests.size() == 9);
    auto message = [&](const std::string& name) {
        for (const MakeGrade::Test& t : g.tests)
            if (t.name == name)
                return t.passed ? std::string("passed") : t.message;
        return std::string("no test ") + name;
    };
    CHECK(message("test_plain") == "AssertionError");                   // nothing compared
    CHECK(message("test_message") == "AssertionError: one is not two"); // the student's own words win
    CHECK(message("test_in") == "AssertionError: assert 3 in [1, 2]");
    CHECK(message("test_is_not") == "AssertionError: assert None is not None");
    CHECK(message("test_once") == "passed");
    CHECK(message("test_many") == "AssertionError: assert 'aaa' != 'aaa'");
}

TEST_CASE("make: an assert over a long list is cut to one readable line", "[make]")
{
    const MakeGrade g = GradeOf(std::string(kRight) + "\ndef test_long():\n    assert list(range(1000)) == []\n");
    REQUIRE(g.tests.size() == 4);
    CHECK_FALSE(g.tests[3].passed);
    CHECK(g.tests[3].message.rfind("AssertionError: assert [0, 1, 2, ", 0) == 0);
    CHECK(g.tests[3].message.size() <= 200 + std::string("…").size());
}

TEST_CASE("make: a test that never ends is stopped and named - by lesson time, by real time, or at once by Stop",
          "[make]")
{
    const LessonPage* page = FindPage("three-threads");
    REQUIRE(page != nullptr);
    // The second test waits for a thread that never ends: one that keeps
    // sleeping, or one that keeps computing.
    const auto waits_for = [](const std::string& body) {
        return test::ReplaceOnce(kRight, "def test_one():",
                                 "def test_forever():\n    def forever():\n        while True:\n            " + body +
                                     "\n    t = threading.Thread(target=forever)\n    t.start()\n    t.join()\n\n"
                                     "def test_one():");
    };
    StopFlag stop;
    SECTION("a thread that keeps sleeping runs out of lesson time, the same on any machine")
    {
        const MakeGrade g = GradeMake(*page, waits_for("time.sleep(1)"), stop);
        CAPTURE(g.error);
        CHECK(g.error.rfind("test_forever() ran for more than 60 s of lesson time without finishing", 0) == 0);
        CHECK_FALSE(g.Passed());
        REQUIRE(g.tests.size() == 1); // test_nothing passed before it
        CHECK(g.tests[0].passed);
    }
    SECTION("a thread that keeps computing runs out of real time")
    {
        const MakeGrade g = GradeMake(*page, waits_for("pass"), stop, MakeLimits{.real_seconds = 0.3});
        CAPTURE(g.error);
        CHECK(g.error.rfind("test_forever() was still running after 0.3 s of this computer's time", 0) == 0);
        CHECK_FALSE(g.Passed());
    }
    SECTION("the student stops it")
    {
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            stop.RequestStop();
        });
        const auto t0 = std::chrono::steady_clock::now();
        const MakeGrade g = GradeMake(*page, waits_for("pass"), stop);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        stopper.join();
        CHECK(g.error == "Checking stopped.");
        CHECK_FALSE(g.Passed());
        CHECK(seconds < 5.0); // at once, with room for a sanitizer build
    }
}
