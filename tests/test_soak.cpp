// Soak: a thousand lesson runs back to back, as a class leaves the program
// open all morning. Random valid parameters, random interpreter models and
// time scales, and in a third of the runs a Stop from another thread at a
// random moment. Afterwards: every run ended Finished or Stopped (or, for
// the lesson whose program hangs, Deadlocked), no engine
// thread is left alive but the pool's parked ones, and resident memory stopped growing after a warm-up.
//
// Sizes are capped so the whole test takes well under 3 minutes on 2 cores
// (about half a minute in a normal build): at most
//   iterations 200,000 · increments 10,000 · threads 16 · notes 20 ·
//   delay 0.2 s · workers 16 · each duration 2 s (up to 16 of them) · files 40 ·
//   jobs 0.3 s each · items 20 · consumers 8 · maxsize 20 · make 0.02 s · work 0.05 s ·
//   calls 20 · call 0.05 s · retries 3 · backoff 0.05 s · transfers 200,
// at a time scale from 0.001 to 0.01 (a lesson second is 1–10 ms).
// Everything else is drawn from the parameter's own range.
#include "lesson.hpp"
#include "os_thread_pool.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <thread>
#include <unistd.h>

using namespace threadlab;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

// Fewer under AddressSanitizer, where each run is several times slower (500 took 80 s of its
// stage): the test command keeps well inside 30 min. Still three times the warm-up.
constexpr int kRuns = kAddressSanitizer ? 300 : 1000;
constexpr int kWarmUpRuns = 100;
constexpr int64_t kMaxGrowthBytes = 64LL << 20; // 64 MB after the warm-up

// Caps on the parameters' own ranges (see the top of the file).
const std::map<std::string_view, double> kCaps = {
    {"iterations", 200'000}, {"increments", 10'000}, {"threads", 16}, {"notes", 20},
    {"delay", 0.2},          {"workers", 16},        {"durations", 2},  {"files", 40},
    {"jobs", 0.3},           {"items", 20},          {"consumers", 8},  {"maxsize", 20},
    {"make", 0.02},          {"work", 0.05},        {"calls", 20},     {"call", 0.05},
    {"retries", 3},          {"backoff", 0.05},     {"transfers", 200},
};

int CountThreads()
{
    int count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task"))
        ++count;
    return count;
}

// pthread_join returns once the kernel clears the thread's id, a moment
// before the thread's task leaves /proc/self/task; so a joined thread can
// still be listed briefly. Wait that moment out (a leaked thread never goes).
int CountThreadsSettled(int expected)
{
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    int count = CountThreads();
    while (count != expected && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        count = CountThreads();
    }
    return count;
}

// Nothing but the threads there were before and the pool's parked ones, at
// most as many as a run leaves parked.
void RequireOnlyParkedThreadsLeft(int threads_before)
{
    // A worker parks itself a moment after its job says it is done (the run
    // waits for that), so give it that moment; one that never parks is leaked.
    const OsThreadPool& pool = OsThreadPool::Shared();
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (pool.Parked() != pool.Threads() && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    REQUIRE(pool.Parked() == pool.Threads());
    REQUIRE(pool.Threads() <= Runtime::kParkedAfterRun);
    REQUIRE(CountThreadsSettled(threads_before + pool.Threads()) == threads_before + pool.Threads());
}

int64_t ResidentBytes()
{
    std::ifstream statm("/proc/self/statm");
    int64_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * int64_t(::sysconf(_SC_PAGESIZE));
}

double LogUniform(std::mt19937_64& rng, double lo, double hi)
{
    return std::exp(std::uniform_real_distribution<double>(std::log(lo), std::log(hi))(rng));
}

// A random value inside the spec's range (and its cap), as the text a user
// would type, so it goes through the same parser as everything else.
std::string RandomText(const ParamSpec& spec, std::mt19937_64& rng)
{
    const auto cap = kCaps.find(spec.name);
    const double hi = cap == kCaps.end() ? spec.max : std::min(spec.max, cap->second);
    switch (spec.kind) {
    case ParamKind::Integer: {
        // Log-uniform so small values (1 thread, 1 increment) come up too.
        const double lo = std::max(spec.min, 1.0);
        int64_t value = std::llround(LogUniform(rng, lo, std::max(lo, hi)));
        if (spec.min == 0 && rng() % 4 == 0)
            value = 0;
        return std::to_string(value);
    }
    case ParamKind::Real: {
        // Log-uniform from the smallest positive value; a range from 0 gives 0 sometimes too.
        const double lo = std::max(spec.min, std::min(1e-3, hi));
        if (spec.min == 0 && rng() % 4 == 0)
            return "0";
        return fmt::format("{}", LogUniform(rng, lo, std::max(lo, hi)));
    }
    case ParamKind::Durations: {
        const int count = 1 + int(rng() % uint64_t(spec.max_count));
        std::string list;
        for (int i = 0; i < count; ++i)
            list += fmt::format("{}{:.3f}", i == 0 ? "" : ",",
                                std::uniform_real_distribution<double>(spec.min, hi)(rng));
        return list;
    }
    }
    return std::string(spec.default_text);
}

} // namespace

TEST_CASE("a thousand runs back to back end cleanly and leave nothing behind", "[soak]")
{
    std::mt19937_64 rng(20240611);
    const Model models[] = {Model::Py39, Model::Py312, Model::Py313t};
    const int threads_before = CountThreads() - OsThreadPool::Shared().Threads();
    const auto start = std::chrono::steady_clock::now();
    int64_t resident_after_warm_up = 0;
    int64_t resident_peak = 0;
    std::map<RunStatus, int> statuses;
    int stops_requested = 0;

    for (int run = 0; run < kRuns; ++run) {
        const Lesson& lesson = *AllLessons()[rng() % AllLessons().size()];
        std::vector<std::string> sets;
        for (const ParamSpec& spec : lesson.params)
            sets.push_back(std::string(spec.name) + "=" + RandomText(spec, rng));
        ParamValues values = DefaultValues(lesson.params);
        const auto error = ApplyAssignments(lesson.params, sets, values);
        INFO("run " << run << ": " << lesson.id << " " << fmt::format("{}", fmt::join(sets, " ")));
        REQUIRE_FALSE(error);
        REQUIRE_FALSE(ValidateParams(lesson, values));

        RunConfig config;
        config.model = models[rng() % 3];
        config.time_scale = LogUniform(rng, 0.001, 0.01);
        config.switch_interval = LogUniform(rng, kMinSwitchInterval, 0.02);
        INFO("python " << ModelName(config.model) << ", time scale " << config.time_scale << ", switch interval "
                       << config.switch_interval);

        Recorder recorder;
        StopFlag stop;
        std::thread stopper;
        const bool stop_this_run = rng() % 3 == 0;
        if (stop_this_run) {
            // Anywhere from the very start to a little past the expected end.
            const double expected = lesson.estimate(values, config.model) * config.time_scale;
            const auto at = std::chrono::duration<double>(
                std::uniform_real_distribution<double>(0, std::max(expected, 0.001) * 1.2)(rng));
            stopper = std::thread([&stop, at] {
                std::this_thread::sleep_for(at);
                stop.RequestStop();
            });
            ++stops_requested;
        }
        const LessonResult result = RunLesson(lesson, values, config, recorder, stop);
        if (stopper.joinable())
            stopper.join();

        INFO("status " << RunStatusName(result.status) << ": " << result.failure);
        // A thread that died of an exception says so here (a pool's worker leaves its futures waiting for ever).
        INFO("it printed: " << result.output.substr(result.output.size() > 800 ? result.output.size() - 800 : 0));
        // Its two locks in opposite orders hang most runs: the live census must see each one.
        const bool may_hang = lesson.id == "deadlock";
        const RunStatus ended = result.status == RunStatus::Deadlocked && may_hang ? RunStatus::Finished : result.status;
        REQUIRE((ended == RunStatus::Finished || ended == RunStatus::Stopped));
        if (!stop_this_run)
            REQUIRE(ended == RunStatus::Finished);
        if (ended == RunStatus::Finished) {
            REQUIRE_FALSE(result.metrics.empty());
            if (lesson.id == "race-counter" || lesson.id == "locked-counter")
                REQUIRE(result.Number("actual") + result.Number("lost") == result.Number("expected"));
            if (lesson.id == "locked-counter")
                REQUIRE(result.Number("lost") == 0);
        }
        ++statuses[result.status];
        // Run() waits until every OS thread it used is parked again before it returns.
        RequireOnlyParkedThreadsLeft(threads_before);
        REQUIRE(Thread::Current() == nullptr);

        const int64_t resident = ResidentBytes();
        resident_peak = std::max(resident_peak, resident);
        if (run + 1 == kWarmUpRuns)
            resident_after_warm_up = resident;
    }

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const int64_t resident_end = ResidentBytes();
    const double growth_mb = double(resident_end - resident_after_warm_up) / (1 << 20);
    std::cout << fmt::format("soak: {} runs in {:.1f} s ({} finished, {} stopped, {} deadlocked; {} stops "
                             "requested); resident {:.1f} MB after {} warm-up runs, {:.1f} MB at the end ({:+.1f} MB), "
                             "peak {:.1f} MB\n",
                             kRuns, seconds, statuses[RunStatus::Finished], statuses[RunStatus::Stopped],
                             statuses[RunStatus::Deadlocked], stops_requested, double(resident_after_warm_up) / (1 << 20), kWarmUpRuns,
                             double(resident_end) / (1 << 20), growth_mb, double(resident_peak) / (1 << 20));

    CHECK(statuses[RunStatus::Finished] + statuses[RunStatus::Stopped] + statuses[RunStatus::Deadlocked] == kRuns);
    // Both endings really happened, so both paths were soaked.
    CHECK(statuses[RunStatus::Stopped] > kRuns / 10);
    CHECK(statuses[RunStatus::Finished] > kRuns / 2);
    RequireOnlyParkedThreadsLeft(threads_before);
    if (!kAddressSanitizer) {
        CHECK(resident_end - resident_after_warm_up < kMaxGrowthBytes);
    } else {
        // AddressSanitizer keeps freed memory in a quarantine (256 MB) before
        // reusing it, so resident size says nothing there; LeakSanitizer
        // checks for leaks at exit instead.
        WARN("sanitizer build: resident growth " << growth_mb << " MB not checked (LeakSanitizer checks leaks)");
    }
}
