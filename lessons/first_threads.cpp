// Lesson: first threads.
// Two threads sleep for different times. Started together, their sleeps
// overlap, so the program takes as long as the longest sleep, not the sum —
// and the shorter sleeper finishes first whatever order they were started in.
#include "lesson.hpp"
#include "sleepers.hpp"

namespace threadlab {

namespace {

// ---- Parameters
const std::vector<ParamSpec> kParams = {
    {"durations", ParamKind::Durations, "2,1", 0, 60,
     "seconds each thread sleeps: the first is A, the second B, …", 16, "s"},
};

// ---- The Python listing (`#@tag` marks lines the timeline follows)
constexpr std::string_view kListing = R"py(import threading
import time


def task(name, seconds):
    print(f"{name} goes to sleep for {seconds} s")
    time.sleep(seconds)  #@sleep
    print(f"{name} is done")  #@done


durations = {durations}
threads = [threading.Thread(target=task, args=(name, seconds), name=name)
           for name, seconds in zip("ABCDEFGHIJKLMNOP", durations)]

start = time.perf_counter()
for thread in threads:
    thread.start()  #@start
for thread in threads:
    thread.join()  #@join
print(f"total: {time.perf_counter() - start:.2f} s")  #@total
)py";

// ---- The quiz
std::vector<Question> Quiz(const ParamValues& values, Model) { return SleepersQuiz(values, false); }

} // namespace

// ---- The scenario and its metrics live in sleepers.cpp (shared with three-threads).
extern const Lesson kFirstThreads{
    .id = "first-threads",
    .title = "First threads",
    .tagline = "Two sleeping threads: who ends first, and how long does it all take?",
    .params = kParams,
    .listing = kListing,
    .scenario = &RunSleepers,
    .summarize = &SummarizeSleepers,
    .explain = &ExplainSleepers,
    .quiz = &Quiz,
    .estimate = &EstimateSleepers,
};

} // namespace threadlab
