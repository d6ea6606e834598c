#pragma once
// The scenario shared by first-threads and three-threads: named threads that
// each sleep their own duration, all started, then all joined.
#include "lesson.hpp"

namespace threadlab {

// Reads the `durations` parameter; threads are named A, B, C, …
// Metrics: total (s), order (names in finish order), first, last.
void RunSleepers(const LessonContext& context, LessonResult& result);
std::string SummarizeSleepers(const LessonResult& result, Model model);
std::string ExplainSleepers(const LessonResult& result, const ParamValues& values, Model model);
// The quiz: who finishes first (and last, if `ask_last`), and the total.
std::vector<Question> SleepersQuiz(const ParamValues& values, bool ask_last);
double EstimateSleepers(const ParamValues& values, Model model);

} // namespace threadlab
