// The real window under Xvfb: for every lesson, run it, save a screenshot,
// and check the timeline area shows the states' colours.
#include "process.hpp"

#include <catch2/catch.hpp>
#include <stb_image.h>

#include <cstdlib>
#include <filesystem>

using namespace threadlab::test;

namespace {

// The window's process under AddressSanitizer: Mesa's drivers are unloaded
// at exit with allocations LeakSanitizer can no longer attribute to a
// library, so leak checking is off for this one child (our code's leaks are
// checked by every other test, the panels included).
const std::string kExe = "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 " + std::string(THREADLAB_EXE);

struct Rgb {
    int r, g, b;
};
constexpr Rgb kRunning{0x00, 0x9E, 0x73};
constexpr Rgb kSleeping{0x56, 0xB4, 0xE9};
constexpr Rgb kWaitingGil{0xE6, 0x9F, 0x00};
constexpr Rgb kHoldingLock{0xCC, 0x79, 0xA7};

// Pixels of exactly `color` in the lower half of the image (the timeline).
int CountInTimeline(const unsigned char* pixels, int w, int h, Rgb color)
{
    int count = 0;
    for (int y = h / 2; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const unsigned char* p = pixels + (size_t(y) * size_t(w) + size_t(x)) * 3;
            count += p[0] == color.r && p[1] == color.g && p[2] == color.b;
        }
    return count;
}

} // namespace

TEST_CASE("a screenshot of every lesson shows its timeline", "[gui][screenshot]")
{
    if (std::getenv("DISPLAY") == nullptr) {
        WARN("no DISPLAY (run the tests under xvfb-run): skipping");
        return;
    }
    struct Case {
        const char* lesson;
        const char* options;
        Rgb expected;
    };
    const Case cases[] = {
        {"first-threads", "--time-scale 0.2", kSleeping},
        {"threaded-export", "--time-scale 0.1", kSleeping},
        {"cpu-bound", "--set iterations=1000000", kWaitingGil},
        {"race-counter", "--python 3.9 --time-scale 0.5", kRunning},
        {"locked-counter", "--python 3.13t --seed 1 --set increments=60000", kHoldingLock}, // simulated: a busy machine never thins it
        {"three-threads", "--time-scale 0.2 --presenter", kSleeping},
        // More than one run: the race's histogram, and the three models side by side.
        {"race-counter", "--repeat 5 --time-scale 0.2", kRunning},
        {"cpu-bound", "--compare --set iterations=300000", kWaitingGil},
    };
    for (const Case& c : cases) {
        CAPTURE(c.lesson);
        const auto path = std::filesystem::temp_directory_path() / (std::string("threadlab-shot-") + c.lesson + ".png");
        std::filesystem::remove(path);
        const Output r = Capture(kExe + " shot " + c.lesson + " --run " + c.options +
                                 " --size 1600x1000 --out " + Quote(path.string()) + " 2>&1");
        INFO(r.out);
        REQUIRE(r.status == 0);
        int w = 0, h = 0, channels = 0;
        unsigned char* pixels = stbi_load(path.string().c_str(), &w, &h, &channels, 3);
        REQUIRE(pixels != nullptr);
        CHECK(w == 1600);
        CHECK(h == 1000);
        CHECK(CountInTimeline(pixels, w, h, c.expected) > 2000);
        stbi_image_free(pixels);
        std::filesystem::remove(path);
    }
}

TEST_CASE("a graded prediction's ghost is drawn over the real timeline", "[gui][screenshot]")
{
    if (std::getenv("DISPLAY") == nullptr) {
        WARN("no DISPLAY (run the tests under xvfb-run): skipping");
        return;
    }
    const auto path = std::filesystem::temp_directory_path() / "threadlab-shot-ghost.png";
    const Output r = Capture(kExe +
                             " shot three-threads --run --time-scale 0.2 --predict first=B --predict last=C"
                             " --predict total=2.5 --size 1600x1000 --out " + Quote(path.string()) + " 2>&1");
    INFO(r.out);
    REQUIRE(r.status == 0);
    int w = 0, h = 0, channels = 0;
    unsigned char* pixels = stbi_load(path.string().c_str(), &w, &h, &channels, 3);
    REQUIRE(pixels != nullptr);
    constexpr Rgb kGhost{90, 50, 160};
    CHECK(CountInTimeline(pixels, w, h, kGhost) > 100);
    stbi_image_free(pixels);
    std::filesystem::remove(path);

    // A question the lesson does not ask is refused before anything runs.
    const Output bad = Capture(kExe + " shot three-threads --predict speed=3 --out " +
                               Quote(path.string()) + " 2>&1");
    CHECK(bad.status == 2);
    CHECK(bad.out.find("first, last, total") != std::string::npos);
}

TEST_CASE("the race lesson's schedule search finds a lost update and draws that run", "[gui][screenshot]")
{
    if (std::getenv("DISPLAY") == nullptr) {
        WARN("no DISPLAY (run the tests under xvfb-run): skipping");
        return;
    }
    const auto path = std::filesystem::temp_directory_path() / "threadlab-shot-explore.png";
    const Output r = Capture(kExe + " shot race-counter --explore --python 3.9 --size 1600x1000 --out " +
                             Quote(path.string()) + " 2>&1");
    INFO(r.out);
    REQUIRE(r.status == 0);
    int w = 0, h = 0, channels = 0;
    unsigned char* pixels = stbi_load(path.string().c_str(), &w, &h, &channels, 3);
    REQUIRE(pixels != nullptr);
    // The found run is on the timeline: its threads ran and waited for the GIL.
    CHECK(CountInTimeline(pixels, w, h, kRunning) > 2000);
    CHECK(CountInTimeline(pixels, w, h, kWaitingGil) > 200);
    stbi_image_free(pixels);
    std::filesystem::remove(path);
    // A lesson without a search says so.
    const Output none = Capture(kExe + " shot cpu-bound --explore --out " + Quote(path.string()) + " 2>&1");
    CHECK(none.status == 2);
    CHECK(none.out.find("has no schedule search") != std::string::npos);
}

TEST_CASE("after the search, step mode follows the schedule found to its lost update", "[gui][screenshot][step]")
{
    if (std::getenv("DISPLAY") == nullptr) {
        WARN("no DISPLAY (run the tests under xvfb-run): skipping");
        return;
    }
    const auto path = std::filesystem::temp_directory_path() / "threadlab-shot-step.png";
    const std::string shot = kExe + " shot race-counter --python 3.9 --size 1600x1000 --out " + Quote(path.string());
    // Forty choices along the found schedule draw the threads as they ran.
    std::string picks = "s";
    for (int i = 1; i < 40; ++i)
        picks += ",s";
    const Output r = Capture(shot + " --explore --step " + picks + " 2>&1");
    INFO(r.out);
    REQUIRE(r.status == 0);
    int w = 0, h = 0, channels = 0;
    unsigned char* pixels = stbi_load(path.string().c_str(), &w, &h, &channels, 3);
    REQUIRE(pixels != nullptr);
    CHECK(CountInTimeline(pixels, w, h, kRunning) > 2000);
    stbi_image_free(pixels);
    std::filesystem::remove(path);
    // A pick of a thread that cannot run there is refused with where and why.
    const Output bad = Capture(shot + " --step 1,1,7 2>&1");
    CHECK(bad.status == 2);
    CHECK(bad.out.find("thread 7 cannot run there") != std::string::npos);
    const Output junk = Capture(shot + " --step 1,x 2>&1");
    CHECK(junk.status == 2);
    CHECK(junk.out.find("\"x\" is not a pick") != std::string::npos);
    const Output none = Capture(kExe + " shot cpu-bound --step 1 --out " + Quote(path.string()) + " 2>&1");
    CHECK(none.status == 2);
    CHECK(none.out.find("has no step mode") != std::string::npos);
}
