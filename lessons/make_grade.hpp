#pragma once
// The Make step graded: the student's program (their function and their
// own pytest-style tests, `def test_…():` with plain asserts) runs on the
// simulated executor, so sleeps take virtual time and the grade is the same
// on any machine; then each of their tests is called, then the page's
// hidden checks of their function.
#include "page.hpp"
#include "stop.hpp"

#include <string>
#include <vector>

namespace threadlab {

struct MakeGrade {
    struct Test {
        std::string name;
        bool passed = false;
        int line = 0;        // where it failed, in the student's program
        std::string message; // "AssertionError", "NameError: name 'x' is not defined"
    };
    struct Check {
        std::string call;     // "run_threaded([0.4, 0.1])"
        bool passed = false;
        std::string returned; // what it returned ("0.4001"), or the error it raised
        double expect = 0, tolerance = 0;
    };
    std::string error; // the program did not compile, raised before the tests, or lacks the function
    std::vector<Test> tests;
    std::vector<Check> checks;
    int tests_wanted = 0;

    bool Passed() const; // every test and check passed, and there were enough tests
};

// What a check may take before it is stopped as a loop that never ends.
// Lesson time catches a program that keeps sleeping, the same on any
// machine; a program that keeps computing takes real time to run up
// lesson time, so the computer's own time bounds it too, far above what
// any solution needs.
struct MakeLimits {
    double lesson_seconds = 60;
    double real_seconds = 10;
};

// Blocks until graded, stopped (`stop`) or out of time.
MakeGrade GradeMake(const LessonPage& page, const std::string& program, StopFlag& stop, MakeLimits limits = {});

} // namespace threadlab
