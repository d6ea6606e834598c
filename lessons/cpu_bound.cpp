// Lesson: CPU-bound work.
// Two threads that only compute. With a GIL, only the thread holding it runs
// Python, so the threads take turns (every 5 ms) and the threaded run takes
// as long as the sequential one. Without a GIL (3.13t) they use both cores.
#include "describe.hpp"
#include "lesson.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace threadlab {

namespace {

// ---- Parameters
const std::vector<ParamSpec> kParams = {
    {"iterations", ParamKind::Integer, "5000000", 1, 50'000'000, "loop iterations each thread runs"},
    {"threads", ParamKind::Integer, "2", 1, 64, "how many threads share the work"},
};

// ---- The Python listing
constexpr std::string_view kListing = R"py(import threading
import time

ITERATIONS = {iterations}
THREADS = {threads}


def count(n):
    total = 0
    for i in range(n):
        total += i  #@loop
    return total


start = time.perf_counter()
for _ in range(THREADS):
    count(ITERATIONS)  #@sequential
sequential = time.perf_counter() - start

start = time.perf_counter()
threads = [threading.Thread(target=count, args=(ITERATIONS,)) for _ in range(THREADS)]
for thread in threads:
    thread.start()  #@start
for thread in threads:
    thread.join()  #@join
threaded = time.perf_counter() - start

print(f"sequential: {sequential:.3f} s")
print(f"threaded: {threaded:.3f} s")
print(f"speedup: {sequential / threaded:.2f}x")  #@report
)py";

// ---- The scenario
void Run(const LessonContext& context, LessonResult& result)
{
    const int64_t iterations = context.params.Int("iterations");
    const int64_t thread_count = context.params.Int("threads");
    const Listing& listing = context.listing;

    auto count = [&](Thread& self) {
        self.SwitchPoint(); // function entry
        self.At(listing.Line("loop"));
        self.Work(iterations);
    };

    if (!RunPart(context, result, "sequential", [&](Thread& main) {
            for (int64_t t = 0; t < thread_count; ++t) {
                main.At(listing.Line("sequential"));
                count(main);
            }
        }))
        return;

    const bool finished = RunPart(context, result, "threaded", [&](Thread& main) {
        std::vector<ThreadHandle> threads;
        for (int64_t t = 0; t < thread_count; ++t) {
            main.At(listing.Line("start"));
            threads.push_back(main.Start(fmt::format("Thread-{}", t + 1), count));
        }
        for (const ThreadHandle& thread : threads) {
            main.At(listing.Line("join"));
            main.Join(thread);
        }
        main.At(listing.Line("report"));
    });
    if (!finished)
        return;

    const double sequential = result.runs[0].elapsed;
    const double threaded = result.runs[1].elapsed;
    result.metrics = {
        {"sequential", sequential},
        {"threaded", threaded},
        {"speedup", sequential / threaded},
    };
}

// ---- What it says afterwards
std::string Summarize(const LessonResult& result, Model model)
{
    const double speedup = result.Number("speedup");
    std::string verdict = speedup >= 1.15 ? fmt::format("{:.2f}× faster", speedup)
                          : speedup > 0.87 ? fmt::format("{:.2f}×: no faster", speedup)
                                           : fmt::format("{:.2f}×: slower", speedup);
    verdict += HasGil(model) ? " (one thread at a time holds the GIL)" : " (no GIL: the threads ran in parallel)";
    return fmt::format("sequential {} · threaded {} · {}", FormatDuration(result.Number("sequential")),
                       FormatDuration(result.Number("threaded")), verdict);
}


double Estimate(const ParamValues& p, Model model)
{
    const double loops = double(p.Int("threads"));
    const double one_loop = WorkSeconds(double(p.Int("iterations")), model);
    const double parallel = HasGil(model) ? 1.0 : std::min(loops, 2.0);
    return loops * one_loop * (1 + 1 / parallel);
}


std::string Explain(const LessonResult& result, const ParamValues& p, Model model)
{
    const double speedup = result.Number("speedup");
    const int64_t threads = p.Int("threads");
    if (HasGil(model))
        return fmt::format("Threaded took about as long as sequential ({:.2f}×). With the GIL only one thread runs Python "
                           "at a time, so the {} threads took turns instead of sharing the cores.",
                           speedup, threads);
    return fmt::format("Threaded was {:.2f}× faster. Without a GIL the {} threads ran on the machine's cores at the "
                       "same time; each loop is a little slower than with a GIL.",
                       speedup, threads);
}


// ---- The quiz
std::vector<Question> Quiz(const ParamValues& p, Model model)
{
    Question speedup{"speedup",
                     fmt::format("How much faster will {} threads be than one loop after the other (Python {})?",
                                 p.Int("threads"), ModelName(model)),
                     AnswerKind::Choice, SpeedupChoices(), "", -1, "", nullptr};
    speedup.truth = [model](const LessonResult& r) {
        Truth t = SpeedupTruth(r.Number("speedup"));
        t.why = HasGil(model) ? fmt::format("Measured {:.2f}×: with a GIL the threads take turns.", r.Number("speedup"))
                              : fmt::format("Measured {:.2f}×: without a GIL each thread gets a core.", r.Number("speedup"));
        return t;
    };
    return {speedup};
}

} // namespace

extern const Lesson kCpuBound{
    .id = "cpu-bound",
    .title = "CPU-bound threads",
    .tagline = "Two threads that only compute: do they finish sooner than one after the other?",
    .params = kParams,
    .listing = kListing,
    .scenario = &Run,
    .summarize = &Summarize,
    .explain = &Explain,
    .quiz = &Quiz,
    .estimate = &Estimate,
};

} // namespace threadlab
