// Lesson: the counter with a lock.
// The same two threads, but each `counter += 1` runs inside `with lock:`, so
// no thread can come between another's load and store. The total is right
// under every interpreter. Whether a thread ever finds the lock taken
// depends on where the interpreter may switch: 3.9 can switch inside the
// block (contention, a lock convoy); 3.10+ cannot (entering `with` is no
// call, and the first check comes after __exit__ released it), so the lock
// is never contended there; 3.13t contends on real cores.
#include "describe.hpp"
#include "lesson.hpp"
#include "sync.hpp"

#include <fmt/format.h>

#include <mutex>

namespace threadlab {

namespace {

// ---- Parameters
const std::vector<ParamSpec> kParams = {
    {"increments", ParamKind::Integer, "100000", 1, 10'000'000, "how many times each thread adds 1"},
    {"threads", ParamKind::Integer, "2", 1, 64, "how many threads add to the counter"},
};

// ---- The Python listing
constexpr std::string_view kListing = R"py(import threading

INCREMENTS = {increments}
THREADS = {threads}
counter = 0
lock = threading.Lock()


def add_many():
    global counter
    for _ in range(INCREMENTS):
        with lock:  #@acquire
            counter += 1  #@increment


threads = [threading.Thread(target=add_many) for _ in range(THREADS)]
for thread in threads:
    thread.start()  #@start
for thread in threads:
    thread.join()  #@join

expected = INCREMENTS * THREADS
print(f"expected: {expected}")
print(f"actual: {counter}")
print(f"lost: {expected - counter}")  #@report
)py";

// ---- The scenario
void Run(const LessonContext& context, LessonResult& result)
{
    const int64_t increments = context.params.Int("increments");
    const int64_t thread_count = context.params.Int("threads");
    const Listing& listing = context.listing;
    SharedCounter counter;
    Lock lock; // shared with the threads: outlives the run

    const bool finished = RunPart(context, result, "threaded", [&](Thread& main) {
        std::vector<ThreadHandle> threads;
        for (int64_t t = 0; t < thread_count; ++t) {
            main.At(listing.Line("start"));
            threads.push_back(main.Start(fmt::format("Thread-{}", t + 1), [&](Thread& self) {
                self.SwitchPoint(); // function entry
                for (int64_t i = 0; i < increments; ++i) {
                    self.At(listing.Line("acquire"));
                    self.SwitchPoint(); // the loop's back-edge
                    {
                        std::scoped_lock with_lock(lock);
                        self.At(listing.Line("increment"));
                        self.Increment(counter);
                    }
                    self.SwitchPoint(); // after the __exit__ call, the lock already free
                }
            }));
        }
        for (const ThreadHandle& thread : threads) {
            main.At(listing.Line("join"));
            main.Join(thread);
        }
        main.At(listing.Line("report"));
    });
    if (!finished)
        return;

    const int64_t expected = increments * thread_count;
    const int64_t actual = counter.Get();
    result.metrics = {
        {"expected", expected}, {"actual", actual},     {"lost", expected - actual},
        {"lock_wait", lock.WaitSeconds(context.config.time_scale)}, {"contended", lock.ContendedCount()},
    };
}

// ---- What it says afterwards
std::string Summarize(const LessonResult& result, Model)
{
    return fmt::format("expected {} · actual {} · lost {} · {} contended acquires, {:.3f} s waiting for the lock",
                       WithCommas(int64_t(result.Number("expected"))), WithCommas(int64_t(result.Number("actual"))),
                       WithCommas(int64_t(result.Number("lost"))), WithCommas(int64_t(result.Number("contended"))),
                       result.Number("lock_wait"));
}


double Estimate(const ParamValues& p, Model model)
{
    const double steps = double(p.Int("increments") * p.Int("threads")) * IncrementCostSteps(model) * 2;
    return WorkSeconds(steps, model) / (HasGil(model) ? 1.0 : 2.0);
}


std::string Explain(const LessonResult& result, const ParamValues&, Model model)
{
    const auto contended = int64_t(result.Number("contended"));
    const std::string landed = fmt::format(
        "All {} increments landed: the lock lets only one thread between the read and the write. ",
        WithCommas(int64_t(result.Number("actual"))));
    if (contended == 0 && model == Model::Py312)
        return landed + "No thread ever found the lock taken: Python 3.10+ never switches threads inside "
                        "`with lock:` (entering it is not a call, and the first check comes after __exit__ has "
                        "released it), so the GIL always changes hands while the lock is free.";
    return landed + fmt::format("A thread found it taken {} time{}, and the threads spent {} in total waiting "
                                "for it{}.",
                                WithCommas(contended), contended == 1 ? "" : "s",
                                FormatDuration(result.Number("lock_wait")),
                                model == Model::Py39 ? ": 3.9 can switch threads inside the with-block, while the "
                                                       "lock is held"
                                                     : "");
}


// ---- The quiz
std::vector<Question> Quiz(const ParamValues&, Model)
{
    Question lost{"lost", "With the lock, will any update be lost?", AnswerKind::Choice,
                  {"yes, some are lost", "no, none is lost"}, "", -1, "", nullptr};
    lost.truth = [](const LessonResult& r) {
        return Truth{r.Number("lost") > 0 ? 0 : 1, 0, 0, r.Number("lost") > 0 ? "some were lost" : "none was lost",
                     "Only one thread at a time can be between the read and the write."};
    };
    Question waits{"contended", "Will a thread ever find the lock already taken?", AnswerKind::Choice,
                   {"never", "sometimes"}, "", -1, "", nullptr};
    waits.truth = [](const LessonResult& r) {
        const auto contended = int64_t(r.Number("contended"));
        return Truth{contended > 0 ? 1 : 0, 0, 0, contended > 0 ? "sometimes" : "never",
                     fmt::format("{} acquires found the lock taken. It depends on whether the interpreter can "
                                 "switch threads while one holds the lock.",
                                 WithCommas(contended))};
    };
    return {lost, waits};
}

} // namespace

extern const Lesson kLockedCounter{
    .id = "locked-counter",
    .title = "The counter with a lock",
    .tagline = "The same race with `with lock:` around the increment. Is it always right, and what does it cost?",
    .params = kParams,
    .listing = kListing,
    .scenario = &Run,
    .summarize = &Summarize,
    .explain = &Explain,
    .quiz = &Quiz,
    .estimate = &Estimate,
};

} // namespace threadlab
