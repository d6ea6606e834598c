// The progress file: atomic writes, and recovery from a damaged file.
#include "progress.hpp"

#include "files.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace threadlab;
namespace fs = std::filesystem;

TEST_CASE("attempts, right answers and streaks add up", "[progress]")
{
    Progress p;
    RecordAttempt(p, "first-threads", 2, 2);
    RecordAttempt(p, "first-threads", 2, 2);
    RecordAttempt(p, "first-threads", 2, 1);
    RecordAttempt(p, "first-threads", 0, 0); // no prediction: not an attempt
    const LessonProgress& lp = p.lessons["first-threads"];
    CHECK(lp.attempts == 3);
    CHECK(lp.answered == 6);
    CHECK(lp.right == 5);
    CHECK(lp.streak == 0);
    CHECK(lp.best_streak == 2);
}

TEST_CASE("progress is saved atomically and read back", "[progress]")
{
    test::TempDir dir("progress");
    const std::string path = (dir.path / "sub" / "progress.json").string();
    Progress p;
    RecordAttempt(p, "race-counter", 1, 1);
    p.lessons["three-threads"].mastered = true; // the Make step passed
    REQUIRE_FALSE(SaveProgress(path, p));
    // No temporary file is left beside it.
    int files = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(path).parent_path()))
        files += entry.is_regular_file();
    CHECK(files == 1);
    const LoadedProgress loaded = LoadProgress(path);
    CHECK(loaded.notice.empty());
    CHECK(loaded.progress.lessons.at("race-counter").right == 1);
    CHECK(loaded.progress == p);
    CHECK(loaded.progress.lessons.at("three-threads").mastered);
}

TEST_CASE("a corrupt or unknown-version progress file is kept aside with a notice", "[progress]")
{
    test::TempDir dir("progress");
    const std::string path = (dir.path / "progress.json").string();
    for (const std::string& bad : {std::string("{\"version\": 1, \"lessons\": {\"a\": "), std::string(""),
                                   std::string("\x00\x01\x02garbage", 10), std::string("{\"version\": 99, \"lessons\": {}}"),
                                   std::string("{\"version\": \"1\", \"lessons\": {}}")}) {
        { std::ofstream(path, std::ios::binary) << bad; }
        const LoadedProgress loaded = LoadProgress(path);
        CHECK_FALSE(loaded.notice.empty());
        CHECK(loaded.progress.lessons.empty());
        CHECK_FALSE(fs::exists(path));
        CHECK(test::ReadFile(path + ".bak") == bad); // nothing the student had is lost
        fs::remove(path + ".bak");
    }
}

TEST_CASE("a failed write leaves the old progress file untouched", "[progress]")
{
    test::TempDir dir("progress");
    const std::string path = (dir.path / "progress.json").string();
    Progress p;
    RecordAttempt(p, "cpu-bound", 1, 1);
    REQUIRE_FALSE(SaveProgress(path, p));
    const std::string before = test::ReadFile(path);
    // A path whose folder is a file cannot be written, even by root.
    CHECK(SaveProgress((fs::path(path) / "x.json").string(), p));
    CHECK(test::ReadFile(path) == before);
}

TEST_CASE("an unreadable progress file that cannot be moved aside is never written over", "[progress]")
{
    test::TempDir dir("progress");
    const std::string path = (dir.path / "progress.json").string();
    { std::ofstream(path) << "{\"version\": 1, \"less"; }
    // A folder in the way of progress.json.bak makes the rename fail, even for root.
    fs::create_directories(path + ".bak/keep");
    const LoadedProgress loaded = LoadProgress(path);
    CHECK_FALSE(loaded.writable);
    CHECK(loaded.notice.find("not be saved") != std::string::npos);
    CHECK(test::ReadFile(path) == "{\"version\": 1, \"less");
}
