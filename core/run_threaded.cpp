#include "run_threaded.hpp"

#include "runtime.hpp"

#include <string>

namespace threadlab {

double RunThreaded(const std::vector<double>& durations, const RunConfig& config, StopFlag* stop)
{
    Recorder recorder;
    StopFlag never_stopped;
    Runtime runtime(config, recorder, stop != nullptr ? *stop : never_stopped, "run_threaded");
    const RunOutcome outcome = runtime.Run([&](Thread& main) {
        std::vector<ThreadHandle> threads;
        for (size_t i = 0; i < durations.size(); ++i)
            threads.push_back(main.Start("Thread-" + std::to_string(i + 1),
                                         [seconds = durations[i]](Thread& self) { self.Sleep(seconds); }));
        for (const ThreadHandle& thread : threads)
            main.Join(thread);
    });
    return outcome.elapsed;
}

} // namespace threadlab
