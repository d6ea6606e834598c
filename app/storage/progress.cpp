#include "progress.hpp"

#include "atomic_file.hpp"
#include "json_file.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

namespace threadlab {

namespace {
constexpr int kProgressVersion = 1;
constexpr std::uintmax_t kMaxProgressBytes = 4 << 20;

LoadedProgress RefusedProgress(const std::string& path, const std::string& why)
{
    LoadedProgress refused;
    if (SetAside(path)) {
        refused.notice = "Your progress file could not be read (" + why + "); it was kept as " + path +
                         ".bak and progress starts afresh.";
    } else {
        refused.notice = "Your progress file " + path + " could not be read (" + why +
                         ") nor moved aside; progress will not be saved this session.";
        refused.writable = false;
    }
    return refused;
}
} // namespace

std::string DefaultProgressPath()
{
    const char* xdg = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    const std::string base = xdg && *xdg ? xdg : std::string(home ? home : ".") + "/.local/share";
    return base + "/threadlab/progress.json";
}

LoadedProgress LoadProgress(const std::string& path)
{
    const JsonFile file = ReadJsonObject(path, kMaxProgressBytes, kProgressVersion);
    if (!file.exists)
        return {};
    if (!file.problem.empty())
        return RefusedProgress(path, file.problem);
    const nlohmann::json& doc = file.doc;
    if (!doc.contains("lessons") || !doc["lessons"].is_object())
        return RefusedProgress(path, "it has no lessons");
    LoadedProgress loaded;
    for (const auto& item : doc["lessons"].items()) {
        const nlohmann::json& entry = item.value();
        LessonProgress p;
        auto count = [&](const char* key, int& out) {
            if (entry.is_object() && entry.contains(key) && entry[key].is_number_integer() && entry[key].get<int64_t>() >= 0 &&
                entry[key].get<int64_t>() < (1 << 30))
                out = entry[key].get<int>();
        };
        count("attempts", p.attempts);
        count("answered", p.answered);
        count("right", p.right);
        count("streak", p.streak);
        count("best_streak", p.best_streak);
        if (entry.is_object() && entry.contains("mastered") && entry["mastered"].is_boolean())
            p.mastered = entry["mastered"].get<bool>();
        loaded.progress.lessons[item.key()] = p;
    }
    return loaded;
}

std::optional<std::string> SaveProgress(const std::string& path, const Progress& progress)
{
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    nlohmann::json lessons = nlohmann::json::object();
    for (const auto& [id, p] : progress.lessons)
        lessons[id] = {{"attempts", p.attempts}, {"answered", p.answered}, {"right", p.right},
                       {"streak", p.streak}, {"best_streak", p.best_streak}, {"mastered", p.mastered}};
    const nlohmann::json doc{{"version", kProgressVersion}, {"lessons", lessons}};
    return WriteFileAtomically(path, doc.dump(2) + "\n");
}

void RecordAttempt(Progress& progress, const std::string& lesson, int answered, int right)
{
    if (answered <= 0)
        return;
    LessonProgress& p = progress.lessons[lesson];
    ++p.attempts;
    p.answered += answered;
    p.right += right;
    p.streak = right == answered ? p.streak + 1 : 0;
    p.best_streak = std::max(p.best_streak, p.streak);
}

} // namespace threadlab
