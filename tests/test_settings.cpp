// The settings file: values out of range are reset, a file that cannot be
// read is kept aside, and one that cannot even be moved is never written over.
#include "settings.hpp"

#include "files.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace threadlab;
namespace fs = std::filesystem;

TEST_CASE("saved settings load back as they were", "[settings]")
{
    test::TempDir dir("settings");
    const std::string path = (dir.path / "settings.json").string();
    Settings s;
    s.window_width = 1920;
    s.presenter = true;
    s.python = "3.13t";
    s.time_scale = 3;
    s.last_lesson = "race-counter";
    CHECK(s.simulated); // lessons run simulated unless the student asks for live
    s.simulated = false;
    REQUIRE_FALSE(SaveSettings(path, s));
    const LoadedSettings loaded = LoadSettings(path);
    CHECK(loaded.notice.empty());
    CHECK(loaded.may_save);
    CHECK(loaded.settings == s);
}

TEST_CASE("a settings file of the wrong shape is kept aside, never a crash", "[settings]")
{
    test::TempDir dir("settings");
    const std::string path = (dir.path / "settings.json").string();
    for (const std::string& bad : {std::string("{\"version\": \"1\"}"), std::string("{\"version\": null}"),
                                   std::string("{\"version\": 1.5}"), std::string("[1]"), std::string(""),
                                   std::string("{\"version\": 2}")}) {
        INFO(bad);
        test::WriteFile(path, bad);
        const LoadedSettings loaded = LoadSettings(path);
        CHECK(loaded.settings == Settings{});
        CHECK(loaded.notice.find(".bak") != std::string::npos);
        CHECK(test::ReadFile(path + ".bak") == bad);
        CHECK_FALSE(fs::exists(path));
    }
}

TEST_CASE("values out of range are reset with a notice and the file is kept", "[settings]")
{
    test::TempDir dir("settings");
    const std::string path = (dir.path / "settings.json").string();
    const std::string text = "{\"version\": 1, \"time_scale\": 1e9, \"python\": \"3.12\", \"font_size\": 2}";
    test::WriteFile(path, text);
    const LoadedSettings loaded = LoadSettings(path);
    CHECK(loaded.settings.time_scale == Settings{}.time_scale);
    CHECK(loaded.settings.font_size == 2);
    CHECK_FALSE(loaded.notice.empty());
    CHECK(test::ReadFile(path) == text);
}

TEST_CASE("an unreadable settings file that cannot be moved aside is never written over", "[settings]")
{
    test::TempDir dir("settings");
    const std::string path = (dir.path / "settings.json").string();
    test::WriteFile(path, "not json");
    // A folder in the way of settings.json.bak makes the rename fail, even for root.
    fs::create_directories(path + ".bak/keep");
    const LoadedSettings loaded = LoadSettings(path);
    CHECK_FALSE(loaded.may_save);
    CHECK(loaded.notice.find("nothing will be saved") != std::string::npos);
    CHECK(test::ReadFile(path) == "not json");
}
