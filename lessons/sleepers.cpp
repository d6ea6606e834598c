#include "sleepers.hpp"

#include "describe.hpp"

#include <algorithm>
#include <numeric>

namespace threadlab {

void RunSleepers(const LessonContext& context, LessonResult& result)
{
    const std::vector<double>& durations = context.params.Durations("durations");
    const Listing& listing = context.listing;

    const bool finished = RunPart(context, result, "threaded", [&](Thread& main) {
        std::vector<ThreadHandle> threads;
        for (size_t i = 0; i < durations.size(); ++i) {
            main.At(listing.Line("start"));
            threads.push_back(main.Start(LetterName(i), [&, seconds = durations[i]](Thread& self) {
                self.At(listing.Line("sleep"));
                self.Sleep(seconds, "time.sleep");
                self.At(listing.Line("done"));
            }));
        }
        for (const ThreadHandle& thread : threads) {
            main.At(listing.Line("join"));
            main.Join(thread);
        }
        main.At(listing.Line("total"));
    });
    if (!finished)
        return;

    // Finish order comes from the recording, not from the durations asked for.
    std::vector<ThreadSummary> workers(result.runs.back().threads.begin() + 1, result.runs.back().threads.end());
    std::stable_sort(workers.begin(), workers.end(),
                     [](const ThreadSummary& a, const ThreadSummary& b) { return a.end < b.end; });
    std::vector<std::string> order;
    for (const ThreadSummary& t : workers)
        order.push_back(t.name);
    result.metrics = {
        {"total", result.runs.back().elapsed},
        {"order", order},
        {"first", order.front()},
        {"last", order.back()},
    };
}

std::string SummarizeSleepers(const LessonResult& result, Model)
{
    const auto* first = std::get_if<std::string>(&result.Find("first")->value);
    const auto* last = std::get_if<std::string>(&result.Find("last")->value);
    const auto& order = std::get<std::vector<std::string>>(result.Find("order")->value);
    std::string text = order.size() == 1 ? *first + " finished"
                                         : *first + " finished first, " + *last + " last";
    text += " · total " + FormatDuration(result.Number("total"));
    return text;
}

std::string ExplainSleepers(const LessonResult& result, const ParamValues& values, Model)
{
    const std::vector<double>& durations = values.Durations("durations");
    const double sum = std::accumulate(durations.begin(), durations.end(), 0.0);
    const auto& first = std::get<std::string>(result.Find("first")->value);
    const auto& last = std::get<std::string>(result.Find("last")->value);
    std::string text = durations.size() == 1 ? "" : first + " finished first and " + last + " last: threads that only sleep finish in the order of their sleeps. ";
    text += "The whole run took " + FormatDuration(result.Number("total")) + ", about the longest sleep";
    if (durations.size() > 1)
        text += ", not the " + FormatDuration(sum) + " the sleeps add up to: they overlapped";
    return text + ".";
}

double EstimateSleepers(const ParamValues& values, Model)
{
    const std::vector<double>& durations = values.Durations("durations");
    return *std::max_element(durations.begin(), durations.end());
}

} // namespace threadlab
