#include "chrome_trace.hpp"
#include "sync.hpp"
#include "trace_checks.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

using namespace threadlab;
using namespace threadlab::test;

TEST_CASE("the Chrome trace export parses and holds spans, names, counter and flows", "[trace]")
{
    Recorder recorder;
    StopFlag stop;
    Runtime runtime(RunConfig{Model::Py312, 0.005, 0.05}, recorder, stop, "threaded");
    Lock lock;
    SharedCounter counter;
    runtime.Run([&](Thread& main) {
        lock.Acquire(main);
        ThreadHandle a = main.Start("A", [&](Thread& self) {
            lock.Acquire(self); // waits for MainThread: a hand-off
            self.Increment(counter);
            lock.Release(self);
        });
        main.Sleep(0.02);
        lock.Release(main);
        main.Join(a);
    });

    std::ostringstream out;
    WriteChromeTrace(Snap(recorder), TraceMetadata{"locked-counter", "3.12", 0.05}, out);
    const nlohmann::json doc = nlohmann::json::parse(out.str());
    REQUIRE(doc.contains("traceEvents"));
    CHECK(doc["otherData"]["generator"] == "threadlab");

    std::set<std::string> thread_names, phases, flow_names;
    for (const auto& e : doc["traceEvents"]) {
        const std::string ph = e["ph"];
        phases.insert(ph);
        if (ph == "M" && e["name"] == "thread_name")
            thread_names.insert(e["args"]["name"].get<std::string>());
        if (ph == "X") {
            CHECK(e["dur"].get<double>() >= 0);
            CHECK(e["ts"].get<double>() >= 0);
            CHECK(e["args"].contains("why"));
        }
        if (ph == "s")
            flow_names.insert(e["name"].get<std::string>());
    }
    CHECK(thread_names == std::set<std::string>{"MainThread", "A"});
    CHECK(phases.count("X"));
    CHECK(phases.count("C"));
    CHECK(flow_names.count("join"));
    CHECK(flow_names.count("lock hand-off"));
}

namespace {
std::string ExportSample()
{
    Recorder recorder;
    StopFlag stop;
    Runtime runtime(RunConfig{Model::Py312, 0.005, 0.5}, recorder, stop, "threaded");
    Lock lock;
    runtime.Run([&](Thread& main) {
        lock.Acquire(main);
        ThreadHandle a = main.Start("A", [&](Thread& self) {
            lock.Acquire(self);
            self.Sleep(0.01, "a file write");
            lock.Release(self);
        });
        main.Sleep(0.02);
        lock.Release(main);
        main.Join(a);
    });
    std::ostringstream out;
    WriteChromeTrace(Snap(recorder), TraceMetadata{"locked-counter", "3.12", 0.5}, out);
    return out.str();
}
} // namespace

TEST_CASE("a saved trace opens again with its runs, threads, states and links", "[trace]")
{
    const std::string text = ExportSample();
    auto opened = ReadChromeTrace(text);
    REQUIRE(std::holds_alternative<OpenedTrace>(opened));
    const OpenedTrace& o = std::get<OpenedTrace>(opened);
    CHECK(o.meta.lesson == "locked-counter");
    REQUIRE(o.trace.groups.size() == 1);
    CHECK(o.trace.groups[0].name == "threaded");
    CHECK(o.trace.groups[0].python == "3.12");
    REQUIRE(o.trace.lanes.size() == 2);
    CHECK(o.trace.lanes[0].name == "MainThread");
    const LaneTrace& a = o.trace.lanes[1];
    CHECK(a.name == "A");
    bool slept = false, waited_on_main = false;
    for (const Span& s : a.spans) {
        slept |= s.state == State::Sleeping && o.trace.Label(s.label) == "a file write";
        waited_on_main |= s.state == State::WaitingLock && s.other == 0;
    }
    CHECK(slept);
    CHECK(waited_on_main);
    bool join_mark = false;
    for (const Mark& m : o.trace.lanes[0].marks)
        join_mark |= m.kind == MarkKind::JoinReturned && m.other == 1;
    CHECK(join_mark);
    // Lesson time: the main thread's 0.02 s sleep reads as 0.02 s again.
    CHECK(o.trace.groups[0].end_ns > 20'000'000);
}

TEST_CASE("a damaged or foreign trace gives a clear message", "[trace]")
{
    const std::string good = ExportSample();
    auto error_of = [](std::string_view text) {
        auto r = ReadChromeTrace(text);
        return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : std::string();
    };
    CHECK(error_of("") == "the file is not JSON (it may be damaged or cut short)");
    CHECK(error_of(good.substr(0, good.size() / 2)).find("not JSON") != std::string::npos);
    CHECK(error_of(std::string("\x89PNG\r\n\x1a\n\0\0", 10)).find("not JSON") != std::string::npos);
    CHECK(error_of(R"({"traceEvents": []})") == "the file is not a threadlab trace");
    CHECK(error_of(R"([1, 2, 3])") == "the file is not a threadlab trace");
    CHECK(error_of(R"({"otherData": {"generator": "threadlab", "format_version": 9}, "traceEvents": []})")
              .find("another version") != std::string::npos);
    std::string negative = good;
    const size_t dur = negative.find("\"dur\":");
    REQUIRE(dur != std::string::npos);
    negative.insert(dur + 6, "-");
    CHECK(error_of(negative).find("damaged") != std::string::npos);
    // Every message is one line.
    CHECK(error_of("{").find('\n') == std::string::npos);
}
