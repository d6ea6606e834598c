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

std::vector<Question> SleepersQuiz(const ParamValues& values, bool ask_last)
{
    std::vector<std::string> names;
    for (size_t i = 0; i < values.Durations("durations").size(); ++i)
        names.push_back(LetterName(i));
    auto name_truth = [names](const char* metric) {
        return [names, metric](const LessonResult& r) {
            const auto& name = std::get<std::string>(r.Find(metric)->value);
            const auto at = std::find(names.begin(), names.end(), name);
            return Truth{int(at - names.begin()), 0, 0, name,
                         "Threads that only sleep finish in the order of their sleeps, whatever the start order."};
        };
    };
    std::vector<Question> quiz;
    quiz.push_back({"first", "Which thread finishes first?", AnswerKind::Choice, names, "", -1, "", name_truth("first")});
    if (ask_last)
        quiz.push_back({"last", "Which thread finishes last?", AnswerKind::Choice, names, "", -1, "", name_truth("last")});
    Question total{"total", "How long will the whole program take, in seconds?", AnswerKind::Number, {}, "s", 0,
                   "MainThread", nullptr};
    total.truth = [](const LessonResult& r) {
        const double actual = r.Number("total");
        return Truth{-1, actual, std::max(0.1, actual * 0.05), FormatDuration(actual),
                     "The sleeps overlap: the program takes as long as the longest one."};
    };
    quiz.push_back(total);
    return quiz;
}

double EstimateSleepers(const ParamValues& values, Model)
{
    const std::vector<double>& durations = values.Durations("durations");
    return *std::max_element(durations.begin(), durations.end());
}

} // namespace threadlab
