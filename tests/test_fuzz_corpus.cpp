// Every file of the committed fuzz corpora, replayed through the same checks
// the libFuzzer targets run (fuzz/targets.cpp). Inputs that once crashed
// threadlab live there too (named crash-*), so each fix stays fixed in every
// build, not only in the clang one scripts/fuzz makes.
#include "targets.hpp"

#include "files.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(THREADLAB_SOURCE_DIR) / "fuzz" / "corpus";

std::vector<fs::path> Files(const std::string& target)
{
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kCorpus / target))
        if (entry.is_regular_file())
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}
} // namespace

TEST_CASE("the parameter corpus keeps every property", "[fuzz][params]")
{
    const auto files = Files("params");
    CHECK(files.size() >= 12);
    for (const fs::path& file : files) {
        CAPTURE(file.filename().string());
        const auto broken = threadlab::fuzz::CheckParams(threadlab::test::ReadFile(file));
        CHECK(broken.value_or("") == "");
    }
}

TEST_CASE("the settings corpus keeps every property, read as settings and as progress", "[fuzz][settings]")
{
    threadlab::test::TempDir dir("corpus");
    const auto files = Files("settings");
    CHECK(files.size() >= 12);
    for (const fs::path& file : files) {
        CAPTURE(file.filename().string());
        const auto broken = threadlab::fuzz::CheckSettings(threadlab::test::ReadFile(file), dir.path.string());
        CHECK(broken.value_or("") == "");
        const auto progress = threadlab::fuzz::CheckProgress(threadlab::test::ReadFile(file), dir.path.string());
        CHECK(progress.value_or("") == "");
    }
}

TEST_CASE("the trace corpus keeps every property", "[fuzz][trace]")
{
    const auto files = Files("trace");
    CHECK(files.size() >= 10);
    for (const fs::path& file : files) {
        CAPTURE(file.filename().string());
        const auto broken = threadlab::fuzz::CheckTrace(threadlab::test::ReadFile(file));
        CHECK(broken.value_or("") == "");
    }
}

TEST_CASE("the python corpus keeps every property", "[fuzz][python]")
{
    const auto files = Files("python");
    CHECK(files.size() >= 20);
    for (const fs::path& file : files) {
        CAPTURE(file.filename().string());
        const auto broken = threadlab::fuzz::CheckPython(threadlab::test::ReadFile(file));
        CHECK(broken.value_or("") == "");
    }
}

TEST_CASE("the lesson page corpus keeps every property", "[fuzz][page]")
{
    const auto files = Files("page");
    CHECK(files.size() >= 6);
    for (const fs::path& file : files) {
        CAPTURE(file.filename().string());
        const auto broken = threadlab::fuzz::CheckPage(threadlab::test::ReadFile(file));
        CHECK(broken.value_or("") == "");
    }
}
