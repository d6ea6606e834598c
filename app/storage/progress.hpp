#pragma once
// A student's progress on the prediction quizzes: per lesson, attempts,
// right answers and streaks, stored as JSON in
// $XDG_DATA_HOME/threadlab/progress.json (default ~/.local/share/threadlab/).
// Written atomically; a corrupt or unknown-version file is kept aside as
// .bak with a notice, and nothing else is lost.
#include <map>
#include <optional>
#include <string>

namespace threadlab {

struct LessonProgress {
    int attempts = 0;      // runs with at least one prediction
    int answered = 0;      // predictions graded
    int right = 0;         // predictions that were right
    int streak = 0;        // attempts in a row with every prediction right
    int best_streak = 0;
    bool mastered = false; // passed the lesson's Make step

    bool operator==(const LessonProgress&) const = default;
};

struct Progress {
    std::map<std::string, LessonProgress> lessons; // by lesson id

    bool operator==(const Progress&) const = default;
};

struct LoadedProgress {
    Progress progress;
    std::string notice;
    bool writable = true; // false: the data folder cannot be written
};

std::string DefaultProgressPath();
LoadedProgress LoadProgress(const std::string& path);
std::optional<std::string> SaveProgress(const std::string& path, const Progress& progress);

// One graded attempt: `answered` predictions, `right` of them right.
void RecordAttempt(Progress& progress, const std::string& lesson, int answered, int right);

} // namespace threadlab
