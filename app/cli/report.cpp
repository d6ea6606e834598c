#include "report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace threadlab {

using nlohmann::json;

namespace {
json ValueJson(const ParamValue& value)
{
    if (const auto* i = std::get_if<int64_t>(&value))
        return *i;
    if (const auto* d = std::get_if<double>(&value))
        return *d;
    return std::get<std::vector<double>>(value);
}
} // namespace

json ParamsJson(const Lesson& lesson, const ParamValues& values)
{
    json params = json::object();
    for (const ParamSpec& spec : lesson.params)
        params[std::string(spec.name)] = ValueJson(values.Get(spec.name));
    return params;
}

json RunsJson(const LessonResult& result)
{
    json runs = json::array();
    for (const RunOutcome& run : result.runs) {
        json threads = json::array();
        for (const ThreadSummary& t : run.threads) {
            json thread{{"name", t.name}, {"start", t.start}, {"end", t.end}};
            if (!t.error.empty())
                thread["error"] = t.error;
            threads.push_back(std::move(thread));
        }
        json entry{{"name", run.name}, {"status", RunStatusName(run.status)}, {"elapsed", run.elapsed},
                   {"threads", std::move(threads)}};
        if (!run.failure.empty())
            entry["failure"] = run.failure;
        runs.push_back(std::move(entry));
    }
    return runs;
}

json MetricsJson(const LessonResult& result)
{
    json metrics = json::object();
    for (const Metric& m : result.metrics)
        std::visit([&](const auto& v) { metrics[m.name] = v; }, m.value);
    return metrics;
}

json ResultJson(const LessonResult& result)
{
    json answers = json::array();
    for (const LessonAnswer& a : result.answers) {
        json entry{{"id", a.id}, {"why", a.why}};
        std::visit([&](const auto& v) { entry["answer"] = v; }, a.answer);
        if (!a.text.empty())
            entry["text"] = a.text;
        else
            entry["tolerance"] = a.tolerance;
        answers.push_back(std::move(entry));
    }
    json doc{{"status", RunStatusName(result.status)},
             {"runs", RunsJson(result)},
             {"metrics", MetricsJson(result)},
             {"summary", result.summary},
             {"explanation", result.explanation},
             {"answers", answers},
             {"output", result.output}};
    if (result.cpu_share >= 0) {
        doc["cpu_share"] = result.cpu_share;
        doc["busy"] = result.Busy();
    }
    return doc;
}

json MetricSummaryJson(const std::vector<LessonResult>& results)
{
    std::map<std::string, std::vector<double>> samples;
    std::vector<std::string> order;
    for (const LessonResult& r : results)
        for (const Metric& m : r.metrics) {
            if (!std::holds_alternative<double>(m.value) && !std::holds_alternative<int64_t>(m.value))
                continue;
            if (samples.count(m.name) == 0)
                order.push_back(m.name);
            samples[m.name].push_back(r.Number(m.name));
        }
    json summary = json::object();
    for (const std::string& name : order) {
        std::vector<double>& v = samples[name];
        std::sort(v.begin(), v.end());
        const double median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
        summary[name] = json{{"min", v.front()}, {"median", median}, {"max", v.back()}, {"count", v.size()}};
    }
    return summary;
}

std::string HumanSummary(const Lesson& lesson, const LessonResult& result, Model model)
{
    switch (result.status) {
    case RunStatus::Finished:
        return lesson.summarize(result, model) +
               (result.Busy() ? fmt::format(" [busy machine: the threads got {:.0f} % of the CPU they asked for; "
                                            "--seed N gives the same result anywhere]",
                                            100 * result.cpu_share)
                              : "");
    case RunStatus::Stopped:
        return "stopped before the end: no result";
    case RunStatus::Failed:
        return "failed: " + result.failure;
    case RunStatus::Deadlocked:
        return (result.summary.empty() ? "" : result.summary + " · ") + "deadlocked: " + result.failure;
    }
    return {};
}

} // namespace threadlab
