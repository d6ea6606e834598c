// Lesson: three threads, a prediction exercise.
// A sleeps 3 s, B 1 s, C 2 s. Before running, the student predicts the
// finish order and the total; then edits the list (add D = 0.5 s, make
// A = 10 s) and predicts again. The rule to discover: threads that only
// sleep finish in order of their durations, and the total is the longest.
#include "lesson.hpp"
#include "sleepers.hpp"

namespace threadlab {

namespace {

// ---- Parameters
const std::vector<ParamSpec> kParams = {
    {"durations", ParamKind::Durations, "3,1,2", 0, 60,
     "seconds each thread sleeps: A, B, C, … (try adding 0.5 for D, then A = 10)", 16, "s"},
};

// ---- The Python listing
constexpr std::string_view kListing = R"py(import threading
import time

durations = {durations}


def worker(seconds):
    time.sleep(seconds)  #@sleep
    print(f"{threading.current_thread().name} finished after {seconds} s")  #@done


start = time.perf_counter()
threads = []
for name, seconds in zip("ABCDEFGHIJKLMNOP", durations):
    thread = threading.Thread(target=worker, args=(seconds,), name=name)
    thread.start()  #@start
    threads.append(thread)

for thread in threads:
    thread.join()  #@join
print(f"all done in {time.perf_counter() - start:.2f} s")  #@total
)py";

std::vector<Question> Quiz(const ParamValues& values, Model) { return SleepersQuiz(values, true); }

} // namespace

extern const Lesson kThreeThreads{
    .id = "three-threads",
    .title = "Predict three threads",
    .tagline = "Predict who finishes first and last, run it, then change the list and predict again.",
    .params = kParams,
    .listing = kListing,
    .scenario = &RunSleepers,
    .summarize = &SummarizeSleepers,
    .explain = &ExplainSleepers,
    .quiz = &Quiz,
    .estimate = &EstimateSleepers,
};

} // namespace threadlab
