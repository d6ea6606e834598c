#pragma once
// What the window remembers across restarts, stored as JSON in
// $XDG_CONFIG_HOME/threadlab/settings.json (default ~/.config/threadlab/).
// Written atomically; a file that cannot be read is set aside as .bak with
// a notice, never a crash, and never silently overwritten.
#include <optional>
#include <string>

namespace threadlab {

inline constexpr int kFontSizeCount = 6; // fonts.hpp's kFontSizes

struct Settings {
    int window_width = 1440;
    int window_height = 900;
    int font_size = 1;           // index into kFontSizes
    int presenter_font_size = 3; // index used in presenter mode
    bool presenter = false;
    std::string python = "3.12";
    double time_scale = 1.0;
    std::string last_lesson; // empty: the first lesson
    bool simulated = true;   // lessons run on the virtual clock (the same result on any machine), else live
    std::string last_folder; // where a trace, PNG or CSV was last saved or opened; empty: the home folder

    bool operator==(const Settings&) const = default;
};

struct LoadedSettings {
    Settings settings;
    std::string notice;    // shown to the user when not empty
    bool may_save = true;  // false: an unreadable file is still in place
};

std::string DefaultSettingsPath();
LoadedSettings LoadSettings(const std::string& path);
std::optional<std::string> SaveSettings(const std::string& path, const Settings& settings);

} // namespace threadlab
