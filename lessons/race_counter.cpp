// Lesson: a race on a shared counter.
// Two threads each run `counter += 1` 100,000 times. That line is a load, an
// add and a store; if a thread is switched out between its load and its
// store, its store later overwrites everything the other thread added
// meanwhile. Whether that can happen depends on the interpreter: 3.9 may
// switch there, 3.10–3.13 never do (the race is hidden, not gone), and
// free-threaded 3.13t runs both threads at once so updates collide anyway.
#include "describe.hpp"
#include "lesson.hpp"

#include <fmt/format.h>

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


def add_many():
    global counter
    for _ in range(INCREMENTS):
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

    const bool finished = RunPart(context, result, "threaded", [&](Thread& main) {
        std::vector<ThreadHandle> threads;
        for (int64_t t = 0; t < thread_count; ++t) {
            main.At(listing.Line("start"));
            threads.push_back(main.Start(fmt::format("Thread-{}", t + 1), [&](Thread& self) {
                self.SwitchPoint(); // function entry
                self.At(listing.Line("increment"));
                for (int64_t i = 0; i < increments; ++i) {
                    self.SwitchPoint(); // the loop's back-edge
                    self.Increment(counter);
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
        {"expected", expected},
        {"actual", actual},
        {"lost", expected - actual},
    };
}

// ---- What it says afterwards
std::string Summarize(const LessonResult& result, Model model)
{
    const auto lost = int64_t(result.Number("lost"));
    std::string text = fmt::format("expected {} · actual {} · lost {}", WithCommas(int64_t(result.Number("expected"))),
                                   WithCommas(int64_t(result.Number("actual"))), WithCommas(lost));
    const uint64_t splits = result.runs.empty() ? 0 : result.runs.back().split_increments;
    switch (model) {
    case Model::Py39:
        if (splits > 0 && lost > 0)
            text += fmt::format(" ({} switch{} fell between a load and its store)", WithCommas(int64_t(splits)),
                                splits == 1 ? "" : "es");
        break;
    case Model::Py312:
        if (lost == 0)
            text += " (the race is hidden, not gone: 3.12 never switches between the load and the store)";
        break;
    case Model::Py313t:
        if (lost > 0)
            text += " (no GIL: both cores updated the counter at the same time)";
        break;
    }
    return text;
}


double Estimate(const ParamValues& p, Model model)
{
    const double steps = double(p.Int("increments") * p.Int("threads")) * IncrementCostSteps(model);
    return WorkSeconds(steps, model) / (HasGil(model) ? 1.0 : 2.0);
}


std::string Explain(const LessonResult& result, const ParamValues&, Model model)
{
    const auto lost = int64_t(result.Number("lost"));
    const auto expected = int64_t(result.Number("expected"));
    const uint64_t splits = result.runs.empty() ? 0 : result.runs.back().split_increments;
    if (lost == 0 && model == Model::Py312)
        return fmt::format("The counter reached {}, as expected, and it will every time. The race is still in the code: "
                           "3.12 never switches threads between the read and the write of counter += 1, so no other "
                           "thread can come between them.",
                           WithCommas(expected));
    if (lost == 0)
        return fmt::format("Nothing was lost this time: the counter reached {}. No switch landed between a read and its "
                           "write. Run it again: the race is still there.",
                           WithCommas(expected));
    if (model == Model::Py39)
        return fmt::format("{} increments were lost. {} switch{} landed between a thread's read and its write; each time, "
                           "that thread later wrote back an old value and erased everything the other thread had added "
                           "meanwhile (red brackets on the timeline).",
                           WithCommas(lost), WithCommas(int64_t(splits)), splits == 1 ? "" : "es");
    return fmt::format("{} increments were lost. With no GIL both threads ran at the same moment: again and again they "
                       "read the same value and wrote the same result, so one of the two additions vanished.",
                       WithCommas(lost));
}


// ---- The quiz
std::vector<Question> Quiz(const ParamValues& p, Model model)
{
    const std::string expected = WithCommas(p.Int("increments") * p.Int("threads"));
    Question counter{"counter", fmt::format("What will the counter be at the end under Python {}?", ModelName(model)),
                     AnswerKind::Choice, {"exactly " + expected, "less than " + expected}, "", -1, "", nullptr};
    counter.truth = [expected, model](const LessonResult& r) {
        const bool lost = r.Number("lost") > 0;
        std::string why = lost ? fmt::format("{} updates were lost.", WithCommas(int64_t(r.Number("lost"))))
                          : model == Model::Py312
                              ? "3.12 never switches between the read and the write, so nothing was lost."
                              : "No switch landed between a read and its write this time.";
        return Truth{lost ? 1 : 0, 0, 0, (lost ? "less than " : "exactly ") + expected, why};
    };
    return {counter};
}

} // namespace

extern const Lesson kRaceCounter{
    .id = "race-counter",
    .title = "A race on a counter",
    .tagline = "Two threads add 1 a hundred thousand times each. Is the total 200,000?",
    .params = kParams,
    .listing = kListing,
    .scenario = &Run,
    .summarize = &Summarize,
    .explain = &Explain,
    .quiz = &Quiz,
    .estimate = &Estimate,
};

} // namespace threadlab
