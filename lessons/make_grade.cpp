#include "make_grade.hpp"

#include "compiler.hpp"
#include "expression.hpp"
#include "interp.hpp"
#include "objects.hpp"
#include "ops.hpp"
#include "sim_executor.hpp"
#include "source_error.hpp"

#include <fmt/format.h>

#include <atomic>
#include <thread>

namespace threadlab {

namespace {

constexpr const char* kFile = "make.py";

// The last line of a traceback ("AssertionError: …"), and the student's line it points at.
std::pair<std::string, int> Failure(py::ThreadState& ts, py::Value exc)
{
    std::string message = ts.interp.FormatException(ts, exc);
    while (!message.empty() && message.back() == '\n')
        message.pop_back();
    message = message.substr(message.rfind('\n') + 1);
    // An assert over a long list says its values: a line, not a page.
    constexpr size_t kLongest = 200;
    if (message.size() > kLongest) {
        size_t cut = kLongest;
        while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80)
            --cut; // not inside a UTF-8 character
        message = message.substr(0, cut) + "…";
    }
    int line = 0;
    if (const py::ExceptionObject* x = py::AsException(exc))
        for (const py::TracebackEntry& entry : x->traceback) // innermost first
            if (entry.code->module != nullptr && entry.code->module->filename == kFile) {
                line = entry.line;
                break;
            }
    return {message, line};
}

// Runs `expression` over the program's globals; its value as text, or the error it raised.
bool Evaluate(py::ThreadState& ts, const std::string& expression, std::string& text, double* number, int* line)
{
    const std::unique_ptr<py::Program> call = py::CompileAssignments({{"__result__", expression}});
    try {
        const py::Module* m = ts.interp.RunOverMain(ts, *call->Find(call->main));
        const py::Value v = m->Get("__result__");
        text = py::Repr(ts, v);
        if (number != nullptr) {
            if (!py::IsInt(v) && !v.IsFloat()) {
                text += " (not a number)";
                return false;
            }
            *number = py::ToDouble(ts, v);
            text = fmt::format("{:.3f}", *number); // seconds to the millisecond, as the tolerance is meant
        }
        return true;
    } catch (const py::PyError& e) {
        auto [message, where] = Failure(ts, e.exc);
        text = message;
        if (line != nullptr)
            *line = where;
        return false;
    }
}

} // namespace

bool MakeGrade::Passed() const
{
    if (!error.empty() || int(tests.size()) < tests_wanted)
        return false;
    for (const Test& t : tests)
        if (!t.passed)
            return false;
    for (const Check& c : checks)
        if (!c.passed)
            return false;
    return !checks.empty();
}

MakeGrade GradeMake(const LessonPage& page, const std::string& text, StopFlag& stop, MakeLimits limits)
{
    MakeGrade grade;
    grade.tests_wanted = page.make_tests;
    std::unique_ptr<py::Program> program;
    try {
        program = py::CompileProgram(kFile, text, py::CompileOptions{.explain_asserts = true});
    } catch (const py::SourceError& e) {
        grade.error = fmt::format("line {}: {}", e.line, e.message);
        return grade;
    }
    py::RunSettings settings;
    settings.model = Model::Py312;
    std::string running = "the program"; // what ran when the time ran out
    settings.finale = [&](py::ThreadState& ts) {
        const py::Module* m = ts.interp.main;
        if (m == nullptr || !grade.error.empty())
            return;
        if (m->Get(page.make_function).IsNull()) {
            grade.error = fmt::format("the program defines no function {}", page.make_function);
            return;
        }
        // The student's tests, in the order they wrote them.
        for (const py::Str* name : m->layout->names) {
            const std::string_view n = name->View();
            if (n.rfind("test_", 0) != 0 || m->Get(n).IsNull())
                continue;
            MakeGrade::Test test{std::string(n)};
            running = test.name + "()";
            std::string said;
            test.passed = Evaluate(ts, test.name + "()", said, nullptr, &test.line);
            if (!test.passed)
                test.message = said;
            grade.tests.push_back(std::move(test));
        }
        for (const PageMakeCheck& c : page.make_checks) {
            MakeGrade::Check check{c.call, false, "", c.expect, c.tolerance};
            double got = 0;
            running = "the lesson's check " + c.call;
            if (Evaluate(ts, c.call, check.returned, &got, nullptr))
                check.passed = std::abs(got - c.expect) <= c.tolerance;
            grade.checks.push_back(std::move(check));
        }
    };
    RunConfig config;
    config.model = Model::Py312;
    Recorder recorder;
    recorder.SetRecording(false);
    std::string output;
    py::SimSettings sim;
    sim.time_limit = limits.lesson_seconds;
    // The run stops for the student's Stop or for the real-time bound, whichever comes first.
    StopFlag run_stop, graded;
    std::atomic<bool> out_of_real_time{false};
    std::thread watchdog([&] {
        const int64_t deadline = NowNs() + int64_t(limits.real_seconds * 1e9);
        while (!stop.StopRequested() && graded.SleepUntil(std::min(deadline, NowNs() + 10'000'000)))
            if (NowNs() >= deadline) {
                out_of_real_time.store(true);
                break;
            }
        run_stop.RequestStop();
    });
    const py::ProgramRun run = py::RunSimulated(*program, settings, config, sim, recorder, run_stop,
                                                [&](std::string_view s, bool) { output += s; });
    graded.RequestStop();
    watchdog.join();
    const char* kEndless = "is there a loop that never ends, or a wait for something that never comes?";
    if (run.outcome.status == RunStatus::Stopped && out_of_real_time.load()) {
        grade.error = fmt::format("{} was still running after {:g} s of this computer's time: {}", running,
                                  limits.real_seconds, kEndless);
    } else if (run.outcome.status == RunStatus::Stopped && !stop.StopRequested()) {
        grade.error = fmt::format("{} ran for more than {:g} s of lesson time without finishing: {}", running,
                                  limits.lesson_seconds, kEndless);
    } else if (run.outcome.status == RunStatus::Stopped) {
        grade.error = "Checking stopped.";
    } else if (run.exit_code != 0 && grade.tests.empty() && grade.error.empty()) {
        std::string last = output;
        while (!last.empty() && last.back() == '\n')
            last.pop_back();
        grade.error = "the program raised before its tests could run: " + last.substr(last.rfind('\n') + 1);
    } else if (run.outcome.status == RunStatus::Deadlocked) {
        grade.error = "the program deadlocked: " + run.outcome.failure;
    }
    return grade;
}

} // namespace threadlab
