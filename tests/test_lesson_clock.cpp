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
    const auto [a, b] = Bracket([&] { clock.StandStill(50'000, true); });
    // From the moment it was told, the clock holds still for 50 µs of its time.
    const int64_t at_b = clock.At(b);
    CHECK(at_b >= before_reading);
    const int64_t gone = clock.At(b + 200'000) - at_b;
    CHECK(gone >= 200'000 - 50'000);
    CHECK(gone <= 200'000 - 50'000 + (b - a));

    SECTION("under one GIL, stands add up")
    {
        const auto [c, d] = Bracket([&] {
            clock.StandStill(50'000, true);
            clock.StandStill(50'000, true);
        });
        CHECK(clock.At(d + 300'000) - clock.At(d) <= 300'000 - 100'000 + (d - c) + 50'000);
    }
    SECTION("side by side, they merge")
    {
        LessonClock parallel;
        parallel.BeginRun(1.0);
        const auto [c, d] = Bracket([&] {
            parallel.StandStill(50'000, false);
            parallel.StandStill(50'000, false);
        });
        const int64_t went = parallel.At(d + 300'000) - parallel.At(d);
        CHECK(went >= 300'000 - 50'000);
        CHECK(went <= 300'000 - 50'000 + (d - c));
    }
}

TEST_CASE("lesson clock: a program's reading leaves out what is still owed and never repeats", "[clock]")
{
    LessonClock clock;
    clock.BeginRun(1.0);
    clock.StandStill(1'000'000'000, true); // a second owed: the clock stands still
    const int64_t t = TraceNowNs();
    const int64_t first = clock.Settled(t);
    // What is owed is taken off the reading at once, not when it is paid back.
    CHECK(first <= clock.At(t) - 1'000'000'000 + 1'000'000);
    const int64_t second = clock.Settled(t);
    CHECK(second > first); // the same instant read twice still moves on
    // Once read, a reading never goes back, whatever is owed after.
    clock.StandStill(1'000'000'000, true);
    CHECK(clock.Settled(TraceNowNs()) > second);
    // A sleeper waits out the stand first.
    CHECK(clock.RealNsToGo(1000) >= 1000 + 1'000'000'000);
}
