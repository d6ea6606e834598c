#pragma once
// How a lesson's result is printed: the JSON of DESIGN.md and the one-line
// human summary.
#include "lesson.hpp"

#include <nlohmann/json.hpp>

namespace threadlab {

nlohmann::json ParamsJson(const Lesson& lesson, const ParamValues& values);
nlohmann::json RunsJson(const LessonResult& result);
nlohmann::json MetricsJson(const LessonResult& result);
// One run's status, runs, metrics, summary, explanation, answers and output.
nlohmann::json ResultJson(const LessonResult& result);

// {min, median, max} of every numeric metric across repetitions.
nlohmann::json MetricSummaryJson(const std::vector<LessonResult>& results);

// "sequential 3.00 s · threaded 0.10 s · 29.7× faster", or why there is no result.
std::string HumanSummary(const Lesson& lesson, const LessonResult& result, Model model);

} // namespace threadlab
