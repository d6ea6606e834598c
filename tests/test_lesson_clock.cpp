// The lesson clock: hand-offs at the time scale's rate, overhead paid back
// by standing still, and a program's reading that never repeats.
#include "lesson_clock.hpp"

#include <catch2/catch.hpp>

using namespace threadlab;

namespace {
// Real time before and after a change, so a check can bound when it happened.
template <class Change>
std::pair<int64_t, int64_t> Bracket(Change&& change)
{
    const int64_t before = TraceNowNs();
    change();
    return {before, TraceNowNs()};
}
} // namespace

TEST_CASE("lesson clock: runs with the trace clock when nothing is owed or handed over", "[clock]")
{
    LessonClock clock;
    clock.BeginRun(0.25);
    const int64_t t = TraceNowNs();
    CHECK(clock.At(t + 10'000) - clock.At(t) == 10'000);
}

TEST_CASE("lesson clock: while nobody holds a GIL and a thread is on its way, it runs at the scale's rate", "[clock]")
{
    LessonClock clock;
    clock.BeginRun(0.25);
    clock.GilTaken(false);
    clock.GilWaiting(+1); // a GIL held: waiting behind a running thread is lesson time
    int64_t t = TraceNowNs();
    CHECK(clock.At(t + 40'000) - clock.At(t) == 40'000);

    clock.GilDropped(); // free, with a waiter: the OS's hand-off
    t = TraceNowNs();
    CHECK(clock.At(t + 40'000) - clock.At(t) == 10'000); // one lesson ns per real ns at scale 0.25

    clock.GilTaken(true);
    t = TraceNowNs();
    CHECK(clock.At(t + 40'000) - clock.At(t) == 40'000);

    // At scale 1 a hand-off is lesson time as it is.
    clock.BeginRun(1.0);
    clock.GilWaiting(+1);
    t = TraceNowNs();
    CHECK(clock.At(t + 40'000) - clock.At(t) == 40'000);
}

TEST_CASE("lesson clock: overhead is paid back by standing still, after it, never going back", "[clock]")
{
    LessonClock clock;
    clock.BeginRun(1.0);
    const int64_t before_reading = clock.At(TraceNowNs());
    const int64_t lag = clock.SettledLag();
    const auto [a, b] = Bracket([&] { CHECK(clock.StandStill(50'000, lag) == lag + 50'000); });
    // From the moment it was told, the clock holds still for 50 µs of its time.
    const int64_t at_b = clock.At(b);
    CHECK(at_b >= before_reading);
    const int64_t gone = clock.At(b + 200'000) - at_b;
    CHECK(gone >= 200'000 - 50'000);
    CHECK(gone <= 200'000 - 50'000 + (b - a));
    CHECK(clock.SettledLag() == lag + 50'000); // outside hand-offs only stands move it
}

TEST_CASE("lesson clock: one thread after another, stands add up; side by side, shared time is paid once", "[clock]")
{
    LessonClock clock;
    clock.BeginRun(1.0);
    const int64_t start = clock.SettledLag();

    SECTION("under one GIL each thread counts from when it took it, after the last one's stand")
    {
        clock.StandStill(50'000, clock.SettledLag());
        clock.StandStill(50'000, clock.SettledLag());
        CHECK(clock.SettledLag() - start == 100'000);
    }
    SECTION("two threads counting over the same stretch: the first one's stand pays for both")
    {
        const int64_t a = start, b = start;
        clock.StandStill(50'000, a);
        CHECK(clock.StandStill(50'000, b) == start + 50'000);
        CHECK(clock.StandStill(80'000, b) == start + 80'000); // only the 30 µs more
    }
    SECTION("taking turns to report, two threads each 20 µs behind per stretch keep one thread's pace")
    {
        // Without the sharing their stands would cover each other's and the
        // clock would stand still for good: two parallel threads that each
        // ran 20 µs long per stretch need 20 µs of stand per stretch, not 40.
        int64_t a = start, b = start;
        for (int stretch = 0; stretch < 10; ++stretch) {
            a = clock.StandStill(20'000, a);
            b = clock.StandStill(20'000, b);
        }
        CHECK(clock.SettledLag() - start == 10 * 20'000);
    }
}

TEST_CASE("lesson clock: a program's reading leaves out what is still owed and never repeats", "[clock]")
{
    LessonClock clock;
    clock.BeginRun(1.0);
    clock.StandStill(1'000'000'000, clock.SettledLag()); // a second owed: the clock stands still
    const int64_t t = TraceNowNs();
    const int64_t first = clock.Settled(t);
    // What is owed is taken off the reading at once, not when it is paid back.
    CHECK(first <= clock.At(t) - 1'000'000'000 + 1'000'000);
    const int64_t second = clock.Settled(t);
    CHECK(second > first); // the same instant read twice still moves on
    // Once read, a reading never goes back, whatever is owed after.
    clock.StandStill(1'000'000'000, clock.SettledLag());
    CHECK(clock.Settled(TraceNowNs()) > second);
    // A sleeper waits out the stand first.
    CHECK(clock.RealNsToGo(1000) >= 1000 + 1'000'000'000);
}
