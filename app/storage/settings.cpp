#include "settings.hpp"

#include "atomic_file.hpp"
#include "json_file.hpp"
#include "model.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

namespace threadlab {

namespace {
constexpr int kSettingsVersion = 1;
constexpr std::uintmax_t kMaxSettingsBytes = 1 << 20;

LoadedSettings RefusedSettings(const std::string& path, const std::string& why)
{
    LoadedSettings refused;
    if (SetAside(path)) {
        refused.notice = "Your settings file could not be read (" + why + "); it was kept as " + path +
                         ".bak and the defaults are in use.";
    } else {
        refused.notice = "Your settings file " + path + " could not be read (" + why +
                         ") nor moved aside; the defaults are in use and nothing will be saved over it.";
        refused.may_save = false;
    }
    return refused;
}
} // namespace

std::string DefaultSettingsPath()
{
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    std::string base = xdg && *xdg ? xdg : std::string(home ? home : ".") + "/.config";
    return base + "/threadlab/settings.json";
}

LoadedSettings LoadSettings(const std::string& path)
{
    const JsonFile file = ReadJsonObject(path, kMaxSettingsBytes, kSettingsVersion);
    if (!file.exists)
        return {};
    if (!file.problem.empty())
        return RefusedSettings(path, file.problem);
    const nlohmann::json& doc = file.doc;

    LoadedSettings loaded;
    Settings& s = loaded.settings;
    bool ignored = false;
    auto get_int = [&](const char* key, int& out, int lo, int hi) {
        if (!doc.contains(key))
            return;
        if (doc[key].is_number_integer() && doc[key].get<int64_t>() >= lo && doc[key].get<int64_t>() <= hi)
            out = doc[key].get<int>();
        else
            ignored = true;
    };
    get_int("window_width", s.window_width, 320, 16384);
    get_int("window_height", s.window_height, 240, 16384);
    get_int("font_size", s.font_size, 0, kFontSizeCount - 1);
    get_int("presenter_font_size", s.presenter_font_size, 0, kFontSizeCount - 1);
    if (doc.contains("presenter")) {
        if (doc["presenter"].is_boolean())
            s.presenter = doc["presenter"].get<bool>();
        else
            ignored = true;
    }
    if (doc.contains("python")) {
        if (doc["python"].is_string() && ParseModel(doc["python"].get<std::string>()))
            s.python = doc["python"].get<std::string>();
        else
            ignored = true;
    }
    if (doc.contains("time_scale")) {
        const auto& v = doc["time_scale"];
        if (v.is_number() && v.get<double>() >= kMinTimeScale && v.get<double>() <= kMaxTimeScale)
            s.time_scale = v.get<double>();
        else
            ignored = true;
    }
    if (doc.contains("executor")) {
        if (doc["executor"] == "simulated" || doc["executor"] == "live")
            s.simulated = doc["executor"] == "simulated";
        else
            ignored = true;
    }
    if (doc.contains("last_lesson") && doc["last_lesson"].is_string())
        s.last_lesson = doc["last_lesson"].get<std::string>();
    if (doc.contains("last_folder") && doc["last_folder"].is_string())
        s.last_folder = doc["last_folder"].get<std::string>();
    if (ignored)
        loaded.notice = "Some saved settings were out of range and were reset to their defaults.";
    return loaded;
}

std::optional<std::string> SaveSettings(const std::string& path, const Settings& s)
{
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    const nlohmann::json doc{{"version", kSettingsVersion},
                             {"window_width", s.window_width},
                             {"window_height", s.window_height},
                             {"font_size", s.font_size},
                             {"presenter_font_size", s.presenter_font_size},
                             {"presenter", s.presenter},
                             {"python", s.python},
                             {"time_scale", s.time_scale},
                             {"last_lesson", s.last_lesson},
                             {"last_folder", s.last_folder},
                             {"executor", s.simulated ? "simulated" : "live"}};
    return WriteFileAtomically(path, doc.dump(2) + "\n");
}

} // namespace threadlab
