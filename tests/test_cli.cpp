// The command line as other tools use it: exit codes, messages, JSON.
#include "process.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace threadlab::test;
using nlohmann::json;

namespace {

const std::string kExe = THREADLAB_EXE;

// Runs threadlab with `args`; returns exit code and stderr only.
Output Stderr(const std::string& args) { return Capture(kExe + " " + args + " 2>&1 >/dev/null"); }
Output Stdout(const std::string& args) { return Capture(kExe + " " + args + " 2>/dev/null"); }

int Lines(const std::string& text)
{
    int lines = 0;
    for (char c : text)
        lines += c == '\n';
    return lines;
}

} // namespace

TEST_CASE("list prints every lesson, also as JSON", "[cli]")
{
    const Output text = Stdout("list");
    CHECK(text.status == 0);
    for (const char* id : {"first-threads", "threaded-export", "cpu-bound", "race-counter", "locked-counter", "three-threads",
                           "thread-pool", "queue-pipeline", "thread-local", "background-worker",
                           "rate-limiter", "futures-retry", "process-pool", "deadlock"})
        CHECK(text.out.find(id) != std::string::npos);
    const Output js = Stdout("list --json");
    REQUIRE(js.status == 0);
    const json lessons = json::parse(js.out);
    REQUIRE(lessons.size() == 14);
    CHECK(lessons[0]["id"] == "first-threads");
    CHECK(lessons[0].contains("title"));
}

TEST_CASE("run --json prints the fields of DESIGN.md", "[cli][serial]")
{
    const Output r = Stdout("run threaded-export --time-scale 0.2 --set notes=4 --json");
    REQUIRE(r.status == 0);
    const json doc = json::parse(r.out);
    CHECK(doc["lesson"] == "threaded-export");
    CHECK(doc["python"] == "3.12");
    CHECK(doc["time_scale"] == 0.2);
    CHECK(doc["params"] == json{{"notes", 4}, {"formats", 3}, {"delay", 0.1}, {"workers", 0}});
    REQUIRE(doc["runs"].size() == 2);
    CHECK(doc["runs"][0]["name"] == "sequential");
    CHECK(doc["runs"][1]["name"] == "threaded");
    CHECK(doc["runs"][0]["threads"][0]["name"] == "MainThread");
    CHECK(doc["runs"][1]["threads"].size() == 13);
    CHECK(doc["runs"][1]["threads"][1]["name"] == "Thread-1 (export)"); // CPython 3.10+ names a thread after its target
    CHECK(doc["runs"][0]["elapsed"].get<double>() > 1.1);
    for (const char* metric : {"sequential", "threaded", "speedup"})
        CHECK(doc["metrics"][metric].is_number());
}

TEST_CASE("run --repeat holds every run and a summary of each metric", "[cli]")
{
    const Output r = Stdout("run race-counter --set increments=2000 --time-scale 0.1 --repeat 3 --json");
    REQUIRE(r.status == 0);
    const json doc = json::parse(r.out);
    CHECK(doc["repeats"].size() == 3);
    CHECK(doc["summary"]["actual"]["max"] == 4000);
    CHECK(doc["summary"]["lost"].contains("median"));
}

TEST_CASE("run without --json prints a one-line human summary", "[cli]")
{
    const Output r = Stdout("run first-threads --time-scale 0.05");
    REQUIRE(r.status == 0);
    CHECK(r.out.find("B finished first, A last") != std::string::npos);
    CHECK(Lines(r.out) == 1);
}

TEST_CASE("run --trace writes a Chrome trace that parses", "[cli]")
{
    const auto path = std::filesystem::temp_directory_path() / "threadlab-cli-trace.json";
    std::filesystem::remove(path);
    const Output r = Stdout("run locked-counter --set increments=2000 --time-scale 0.1 --trace " + Quote(path.string()));
    REQUIRE(r.status == 0);
    std::ifstream in(path);
    const json doc = json::parse(in);
    CHECK(doc["traceEvents"].size() > 10);
    CHECK(doc["otherData"]["lesson"] == "locked-counter");
    std::filesystem::remove(path);
}

TEST_CASE("bad input exits 2 with one line naming what is allowed", "[cli]")
{
    struct Case {
        std::string args;
        std::string expect; // part of the message
    };
    const Case cases[] = {
        {"run no-such-lesson", "the lessons are: first-threads"},
        {"run first-threads --set speed=3", "this lesson has: durations"},
        {"run first-threads --set durations=", "the list is empty"},
        {"run first-threads --set durations=1,,2", "entry 2 is empty"},
        {"run first-threads --set durations=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17", "more than 16"},
        {"run first-threads --set durations=-1", "each from 0 to 60 s"},
        {"run threaded-export --set notes=abc", "from 1 to 1000"},
        {"run threaded-export --set notes=0", "from 1 to 1000"},
        {"run threaded-export --set delay=0", "from 0.001 to 5 s"},
        {"run threaded-export --set notes=500", "at most 1000"},
        {"run race-counter --set threads=65", "from 1 to 64"},
        {"run locked-counter --set threads=1e3", "whole number"},
        {"run cpu-bound --python 3.8", "one of 3.9, 3.12, 3.13t"},
        {"run cpu-bound --time-scale 0", "from 0.001 to 100"},
        {"run cpu-bound --time-scale 101", "from 0.001 to 100"},
        {"run cpu-bound --switch-interval 2", "from 0.0001 to 1 s"},
        {"run cpu-bound --switch-interval x", "from 0.0001 to 1 s"},
        {"run cpu-bound --repeat 0", "from 1 to 1000"},
        {"run cpu-bound --no-such-flag", "threadlab --help"},
        {"frobnicate", "threadlab --help"},
        {"shot first-threads --out x.png --size 10x10", "--size must be"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.args);
        const Output r = Stderr(c.args);
        CHECK(r.status == 2);
        CHECK(Lines(r.out) == 1);
        CHECK(r.out.find(c.expect) != std::string::npos);
    }
}

TEST_CASE("help lists the lessons' parameters with their ranges", "[cli]")
{
    const Output all = Stdout("--help");
    CHECK(all.status == 0);
    CHECK(all.out.find("--set notes=") != std::string::npos);
    const Output run = Stdout("run race-counter --help");
    CHECK(run.status == 0);
    CHECK(run.out.find("increments") != std::string::npos);
    CHECK(run.out.find("a whole number from 1 to 10000000") != std::string::npos);
}

TEST_CASE("Ctrl-C stops a headless run cleanly with exit code 130", "[cli][stop][serial]")
{
    // Threads are inside `with lock:` when the stop arrives: ten million increments take far longer than the
    // second and a half, and that leaves a sanitizer build time to start.
    const Output r = Capture("timeout --preserve-status -s INT 1.5 " + kExe + " run locked-counter --set increments=10000000 2>&1");
    CHECK(r.status == 130);
    CHECK(r.out.find("stopped") != std::string::npos);
}

TEST_CASE("explore finds the race on 3.9 (exit 1) - proves none on 3.12 (exit 0) - and run --schedule replays it",
          "[cli][explore]")
{
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "threadlab-cli-explore";
    std::filesystem::create_directories(dir);
    const std::string program = (dir / "race.py").string();
    std::ofstream(program) << "import threading\nN = 3\ncounter = 0\ndef work():\n    global counter\n"
                              "    for _ in range(N):\n        counter += 1\n"
                              "ts = [threading.Thread(target=work) for _ in range(2)]\n"
                              "for t in ts: t.start()\nfor t in ts: t.join()\nprint(counter)\n";
    const std::string check = " --check 'counter == 2 * N'";

    const Output found = Stdout("explore " + program + " --python 3.9 --json" + check);
    REQUIRE(found.status == 1);
    const json doc = json::parse(found.out);
    CHECK(doc["found"] == true);
    CHECK(doc["failure"]["kind"] == "check");
    CHECK(doc["schedule"].size() > 0);
    CHECK(doc["preemptions"] == 2);
    const std::string schedule = (dir / "schedule.json").string();
    std::ofstream(schedule) << found.out;

    const Output replay = Stdout("run " + program + " --schedule " + schedule);
    CHECK(replay.status == 1);
    CHECK(replay.out == doc["output"].get<std::string>());

    // An assert that fails in a thread leaves the program's exit status 0;
    // the replay of the schedule that makes it fail still exits 1.
    const std::string asserting = (dir / "assert_in_thread.py").string();
    std::ofstream(asserting) << "import threading\nN = 2\ncounter = 0\ndef work():\n    global counter\n"
                                "    for _ in range(N):\n        counter += 1\n"
                                "ts = [threading.Thread(target=work) for _ in range(2)]\n"
                                "def judge():\n    for t in ts: t.join()\n    assert counter == 2 * N\n"
                                "for t in ts: t.start()\n"
                                "j = threading.Thread(target=judge)\nj.start()\nj.join()\n";
    const Output asserted = Stdout("explore " + asserting + " --python 3.9 --json");
    REQUIRE(asserted.status == 1);
    CHECK(json::parse(asserted.out)["failure"]["kind"] == "assert");
    const std::string assert_schedule = (dir / "assert_schedule.json").string();
    std::ofstream(assert_schedule) << asserted.out;
    CHECK(Capture(kExe + " run " + asserting + " --schedule " + assert_schedule + " 2>/dev/null").status == 1);

    const Output none = Stdout("explore " + program + " --python 3.12 --json" + check);
    CHECK(none.status == 0);
    const json proof = json::parse(none.out);
    CHECK(proof["found"] == false);
    CHECK(proof["exhaustive"] == true);

    for (const std::string& bad : std::vector<std::string>{"explore " + program + " --preemptions 11", "explore " + program + " --schedules 0",
                                  "explore " + program + " --check 'counter =='",
                                  "explore " + program + " --check 'nosuch == 1'",
                                  "run " + program + " --schedule " + schedule + " --seed 3",
                                  "run " + program + " --repeat 3"}) {
        CAPTURE(bad);
        const Output r = Stderr(bad);
        CHECK(r.status == 2);
        CHECK(Lines(r.out) == 1);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("run FILE.py --seed S --repeat R runs seeds S to S+R-1, each in the JSON", "[cli][simulated]")
{
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "threadlab-cli-repeat";
    std::filesystem::create_directories(dir);
    const std::string program = (dir / "p.py").string();
    std::ofstream(program) << "import time\nprint(time.time())\n";
    const Output r = Stdout("run " + program + " --seed 7 --repeat 3 --json");
    REQUIRE(r.status == 0);
    const json doc = json::parse(r.out);
    REQUIRE(doc["runs"].size() == 3);
    for (int i = 0; i < 3; ++i)
        CHECK(doc["runs"][size_t(i)]["seed"] == 7 + i);
    CHECK(doc["runs"][0]["output"] == doc["runs"][1]["output"]); // the virtual clock starts at the same moment
    std::filesystem::remove_all(dir);
}

TEST_CASE("lessons from their files: run LESSON --seed is simulated and exact - explore LESSON finds the race",
          "[cli][pages]")
{
    const Output a = Stdout("run race-counter --python 3.13t --seed 4 --json");
    const Output b = Stdout("run race-counter --python 3.13t --seed 4 --json");
    REQUIRE(a.status == 0);
    const json doc = json::parse(a.out);
    CHECK(doc["executor"] == "simulated");
    CHECK(doc["seed"] == 4);
    CHECK(doc["lesson"] == "race-counter");
    CHECK(doc["params"]["increments"] == 300000);
    CHECK(doc["metrics"]["lost"].get<int64_t>() > 0);
    CHECK(doc["runs"][0]["name"] == "threaded");
    CHECK(doc["answers"][0]["id"] == "counter");
    CHECK(a.out == b.out); // the same seed, the same run

    const Output summary = Stdout("run cpu-bound --set iterations=100000 --python 3.12 --seed 1");
    CHECK(summary.status == 0);
    CHECK(summary.out.find("sequential ") == 0);
    CHECK(summary.out.find("(one thread at a time holds the GIL)") != std::string::npos);

    CHECK(Stdout("explore race-counter --set increments=3 --python 3.9").status == 1);
    CHECK(Stdout("explore race-counter --set increments=3 --python 3.12").status == 0);

    // The schedule found replays with run LESSON --schedule: the lesson's values and model come from the file.
    const std::filesystem::path found = std::filesystem::temp_directory_path() / "threadlab-cli-lesson-schedule.json";
    const Output search = Stdout("explore race-counter --set increments=3 --python 3.9 --json");
    REQUIRE(search.status == 1);
    const json schedule = json::parse(search.out);
    CHECK(schedule["lesson"] == "race-counter");
    CHECK(schedule["params"]["increments"] == "3");
    std::ofstream(found) << search.out;
    const Output replay = Stdout("run race-counter --schedule " + Quote(found.string()) + " --json");
    CHECK(replay.status == 1); // the check fails again, as it did in the search
    const json replayed = json::parse(replay.out);
    CHECK(replayed["schedule"] == schedule["schedule"]);
    CHECK(replayed["failure"]["kind"] == "check");
    CHECK(replayed["output"].get<std::string>().find("lost: ") != std::string::npos);
    // As a lesson run: its metrics, answers and summary line, the same as the search's failing run.
    CHECK(replayed["metrics"]["lost"].get<int64_t>() > 0);
    CHECK(replayed["answers"][0]["text"] == "less than 6");
    const Output told = Stdout("run race-counter --schedule " + Quote(found.string()));
    CHECK(told.status == 1);
    CHECK(told.out.rfind("expected 6 · actual ", 0) == 0);
    const Output other = Stderr("run locked-counter --schedule " + Quote(found.string()));
    CHECK(other.status == 2);
    CHECK(other.out.find("is a schedule of race-counter, not of the lesson locked-counter") != std::string::npos);
    CHECK(Stderr("run race-counter --set increments=5 --schedule " + Quote(found.string())).status == 2);
    std::filesystem::remove(found);
    const Output refused = Stderr("run threaded-export --set notes=1000 --seed 1");
    CHECK(refused.status == 2);
    CHECK(refused.out.find("at most 1000 (set workers to use a pool)") != std::string::npos);
}

TEST_CASE("the deadlock lesson ends deadlocked (exit 1) with its metrics - explore finds the hang - the page's "
          "one-line fix explores clean, its timeout fix does not hang but gives a transfer up",
          "[cli][explore]")
{
    const Output text = Stdout("run deadlock --seed 1");
    CHECK(text.status == 1);
    CHECK(text.out.find("0 of 2 transfers done, then every thread stuck from 100.2 ms on") == 0);
    CHECK(text.out.find("deadlocked: every thread is blocked") != std::string::npos);
    const Output js = Stdout("run deadlock --seed 1 --json");
    CHECK(js.status == 1);
    const json doc = json::parse(js.out);
    CHECK(doc["status"] == "deadlocked");
    CHECK(doc["metrics"]["done"] == 0);
    CHECK(doc["answers"][0]["text"] == "no: it hangs for ever");
    CHECK(Stdout("run deadlock --seed 1 --set work=0").status == 0);

    const Output found = Stdout("explore deadlock --python 3.12 --json");
    REQUIRE(found.status == 1);
    CHECK(json::parse(found.out)["failure"]["kind"] == "deadlock");

    // The page's fix: bob takes the locks in alice's order.
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "threadlab-cli-deadlock";
    std::filesystem::create_directories(dir);
    std::ifstream in(std::filesystem::path(THREADLAB_SOURCE_DIR) / "assets" / "lessons" / "deadlock.py");
    std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string wrong = "args=(lock_b, lock_a)";
    REQUIRE(source.find(wrong) != std::string::npos);
    source.replace(source.find(wrong), wrong.size(), "args=(lock_a, lock_b)");
    const std::string fixed = (dir / "fixed.py").string();
    std::ofstream(fixed) << source;
    const Output clean = Stdout("explore " + fixed + " --python 3.12 --check 'done == 2 * TRANSFERS'");
    CHECK(clean.status == 0);
    CHECK(clean.out.find("no failing schedule") != std::string::npos);

    // The page's other way out: a timeout ends the hang, and the search then finds a transfer that gave up.
    const std::string with_second = "            with second:\n                done += 1\n";
    source.replace(source.find("args=(lock_a, lock_b), name=\"bob\""), 33, "args=(lock_b, lock_a), name=\"bob\"");
    REQUIRE(source.find(with_second) != std::string::npos);
    source.replace(source.find(with_second), with_second.size(),
                   "            if second.acquire(timeout=1):\n                done += 1\n"
                   "                second.release()\n");
    const std::string timeout = (dir / "timeout.py").string();
    std::ofstream(timeout) << source;
    const Output gave_up = Stdout("explore " + timeout + " --python 3.12 --check 'done == 2 * TRANSFERS' --json");
    CHECK(gave_up.status == 1);
    CHECK(json::parse(gave_up.out)["failure"]["kind"] == "check");
    CHECK(Stdout("explore " + timeout + " --python 3.12").status == 0); // no check: nothing hangs
    std::filesystem::remove_all(dir);
}

TEST_CASE("a lesson in the user's folder lists as the user's and runs - list --json says where each comes from",
          "[cli][pages]")
{
    const std::filesystem::path home = std::filesystem::temp_directory_path() / "threadlab-cli-xdg";
    const std::filesystem::path dir = home / "threadlab" / "lessons";
    std::filesystem::remove_all(home);
    std::filesystem::create_directories(dir);
    const std::filesystem::path assets = std::filesystem::path(THREADLAB_SOURCE_DIR) / "assets" / "lessons";
    std::filesystem::copy_file(assets / "race-counter.md", dir / "my-race.md");
    std::filesystem::copy_file(assets / "race-counter.py", dir / "my-race.py");
    std::ofstream(dir / "broken.md") << "no front matter\n";
    std::ofstream(dir / "broken.py") << "print(1)\n";
    const std::string env = "XDG_DATA_HOME=" + home.string() + " ";

    const Output list = Capture(env + kExe + " list --json 2>/dev/null");
    REQUIRE(list.status == 0);
    const json lessons = json::parse(list.out);
    bool mine = false, broken = false, built_in = false;
    for (const json& l : lessons) {
        if (l["id"] == "my-race")
            mine = l["source"] == "user" && l["title"] == "A race on a counter";
        if (l["id"] == "broken")
            broken = l["source"] == "user" && l["error"].get<std::string>().find("broken.md:1:") != std::string::npos;
        if (l["id"] == "race-counter")
            built_in = l["source"] == "built-in";
    }
    CHECK(mine);
    CHECK(broken);
    CHECK(built_in);

    const Output run = Capture(env + kExe + " run my-race --set increments=1000 2>/dev/null");
    CHECK(run.status == 0);
    CHECK(run.out.find("expected 2,000 · actual 2,000 · lost 0") == 0);
    const Output sim = Capture(env + kExe + " run my-race --set increments=1000 --python 3.13t --seed 3 2>/dev/null");
    CHECK(sim.status == 0);
    CHECK(sim.out.find("expected 2,000") == 0);
    std::filesystem::remove_all(home);
}
