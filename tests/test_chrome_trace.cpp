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
