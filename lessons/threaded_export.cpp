// Lesson: threaded export.
// Exporting 10 notes in 3 formats is 30 slow file writes. One after another
// they take 30 × 0.1 s; with one thread per file the writes wait at the same
// time, so the whole export takes about one write. Threads pay off when the
// work is waiting (I/O), because a waiting thread gives up the GIL.
#include "describe.hpp"
#include "lesson.hpp"
#include "sync.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace threadlab {

namespace {

constexpr int64_t kMaxExportThreads = 1000;
constexpr std::string_view kFormats[] = {"md", "json", "csv"};

// ---- Parameters
const std::vector<ParamSpec> kParams = {
    {"notes", ParamKind::Integer, "10", 1, 1000, "how many notes to export"},
    {"formats", ParamKind::Integer, "3", 1, 3, "formats per note: md, then json, then csv"},
    {"delay", ParamKind::Real, "0.1", 0.001, 5, "seconds one file write takes (the slow disk)", 16, "s"},
    {"workers", ParamKind::Integer, "0", 0, 1000, "threads in a pool; 0 starts one thread per file"},
};

std::optional<std::string> Validate(const ParamValues& values)
{
    const int64_t files = values.Int("notes") * values.Int("formats");
    if (values.Int("workers") == 0 && files > kMaxExportThreads)
        return fmt::format("notes × formats = {} files would need {} threads; one thread per file allows at most "
                           "{} (set workers to use a pool)",
                           files, files, kMaxExportThreads);
    return std::nullopt;
}

// ---- The Python listing
constexpr std::string_view kListing = R"py(import threading
import time
from concurrent.futures import ThreadPoolExecutor

NOTES = {notes}
FORMATS = ["md", "json", "csv"][:{formats}]
DELAY = {delay}  # seconds one write takes: a stand-in for a slow disk
WORKERS = {workers}  # 0 = one thread per file


def export(note, fmt):
    # Writing note{note}.{fmt} would go here; the sleep is the disk's wait.
    time.sleep(DELAY)  #@write


jobs = [(note, fmt) for note in range(1, NOTES + 1) for fmt in FORMATS]

start = time.perf_counter()
for note, fmt in jobs:
    export(note, fmt)  #@sequential
sequential = time.perf_counter() - start

start = time.perf_counter()
if WORKERS == 0:
    threads = [threading.Thread(target=export, args=job) for job in jobs]
    for thread in threads:
        thread.start()  #@start
    for thread in threads:
        thread.join()  #@join
else:
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(export, *zip(*jobs)))  #@pool
threaded = time.perf_counter() - start

print(f"sequential: {sequential:.3f} s")
print(f"threaded: {threaded:.3f} s")
print(f"speedup: {sequential / threaded:.1f}x")  #@report
)py";

// ---- The scenario
struct Job {
    int64_t note;
    std::string_view format;
    std::string Label() const { return fmt::format("writing note{}.{}", note, format); }
};

void Run(const LessonContext& context, LessonResult& result)
{
    const ParamValues& p = context.params;
    const Listing& listing = context.listing;
    const double delay = p.Real("delay");
    const int64_t workers = p.Int("workers");
    std::vector<Job> jobs;
    for (int64_t note = 1; note <= p.Int("notes"); ++note)
        for (int64_t f = 0; f < p.Int("formats"); ++f)
            jobs.push_back(Job{note, kFormats[f]});

    // The pool's queue, shared with its workers: outlives the run.
    Lock queue_lock;
    size_t next_job = 0;

    auto export_one = [&](Thread& self, const Job& job) {
        self.At(listing.Line("write"));
        self.Sleep(delay, job.Label());
    };

    if (!RunPart(context, result, "sequential", [&](Thread& main) {
            for (const Job& job : jobs) {
                main.At(listing.Line("sequential"));
                export_one(main, job);
            }
        }))
        return;

    const bool finished = RunPart(context, result, "threaded", [&](Thread& main) {
        std::vector<ThreadHandle> threads;
        if (workers == 0) {
            for (size_t i = 0; i < jobs.size(); ++i) {
                main.At(listing.Line("start"));
                threads.push_back(main.Start(fmt::format("Thread-{}", i + 1),
                                             [&, i](Thread& self) { export_one(self, jobs[i]); }));
            }
        } else {
            // A pool: each worker takes the next job from a shared queue.
            for (int64_t w = 0; w < workers; ++w) {
                main.At(listing.Line("pool"));
                threads.push_back(main.Start(fmt::format("ThreadPoolExecutor-0_{}", w), [&](Thread& self) {
                    for (;;) {
                        size_t index;
                        {
                            std::scoped_lock take(queue_lock);
                            index = next_job++;
                        }
                        if (index >= jobs.size())
                            return;
                        export_one(self, jobs[index]);
                    }
                }));
            }
        }
        for (const ThreadHandle& thread : threads) {
            main.At(listing.Line(workers == 0 ? "join" : "pool"));
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
std::string Summarize(const LessonResult& result, Model)
{
    return fmt::format("sequential {} · threaded {} · {:.1f}× faster", FormatDuration(result.Number("sequential")),
                       FormatDuration(result.Number("threaded")), result.Number("speedup"));
}


double Estimate(const ParamValues& p, Model)
{
    const double files = double(p.Int("notes") * p.Int("formats"));
    const double workers = double(p.Int("workers"));
    const double rounds = workers == 0 ? 1 : std::ceil(files / workers);
    return (files + rounds) * p.Real("delay");
}


std::string Explain(const LessonResult& result, const ParamValues& p, Model)
{
    const int64_t files = p.Int("notes") * p.Int("formats");
    const int64_t workers = p.Int("workers");
    const double speedup = result.Number("speedup");
    if (workers == 0)
        return fmt::format("Threaded was {:.1f}× faster: the {} writes waited at the same time, so together they took "
                           "about as long as one ({}).",
                           speedup, files, FormatDuration(p.Real("delay")));
    const int64_t rounds = (files + workers - 1) / workers;
    return fmt::format("Threaded was {:.1f}× faster: {} workers wrote {} files {} at a time, {} rounds of about {}.",
                       speedup, workers, files, std::min(workers, files), rounds, FormatDuration(p.Real("delay")));
}


// ---- The quiz
std::vector<Question> Quiz(const ParamValues& p, Model)
{
    const int64_t files = p.Int("notes") * p.Int("formats");
    Question speedup{"speedup", fmt::format("How much faster will the {} writes be with threads?", files),
                     AnswerKind::Choice, SpeedupChoices(), "", -1, "", nullptr};
    speedup.truth = [](const LessonResult& r) {
        Truth t = SpeedupTruth(r.Number("speedup"));
        t.why = fmt::format("Measured {:.1f}×: a thread that waits for the disk lets the others start their waits.",
                            r.Number("speedup"));
        return t;
    };
    Question threaded{"threaded", "How long will the threaded export take, in seconds?", AnswerKind::Number, {}, "s",
                      1, "MainThread", nullptr};
    threaded.truth = [](const LessonResult& r) {
        const double actual = r.Number("threaded");
        return Truth{-1, actual, std::max(0.02, actual * 0.25), FormatDuration(actual),
                     "The writes overlap, so the total is about one write plus the time to start the threads."};
    };
    return {speedup, threaded};
}

} // namespace

extern const Lesson kThreadedExport{
    .id = "threaded-export",
    .title = "Threaded export",
    .tagline = "30 slow file writes, one after another and then all at once.",
    .params = kParams,
    .listing = kListing,
    .scenario = &Run,
    .summarize = &Summarize,
    .explain = &Explain,
    .quiz = &Quiz,
    .estimate = &Estimate,
    .validate = &Validate,
};

} // namespace threadlab
