#pragma once
// The lesson clock: the recorder's time, which every span, sleep and
// time.perf_counter() of a live run reads. It runs with the trace clock,
// except while the engine does work CPython does not have, so that lesson
// time reads the same at every time scale (PYTHON.md, "Cost model").
//
// Design notes
// - Two kinds of overhead. While nobody holds a GIL and a thread is on its
//   way to one (a hand-off, a thread starting), the OS's latency is all
//   that happens: the clock then runs at the time scale's rate, so the
//   latency counts once in lesson seconds, as at scale 1, instead of being
//   divided by the scale. When a thread's VM was slower than the model's
//   cost of what it ran (the interpreter's own floor), that much is owed:
//   the clock stands still from then until it has let that much of its own
//   time go by, so the work takes its model's lesson time (it cannot go
//   back, and the overhead is only known once it is over).
// - A reader takes no lock: the state is a few atomics under a sequence
//   number (a seqlock), written under a mutex at each change, which happen
//   at GIL hand-offs and thread starts, not per event.
// - Monotonic: each change rebases at the current reading, and no rate is
//   negative. At scale 1 the hand-off rate is 1, so only the VM's floor,
//   rare there, moves the clock off the trace clock.
#include "clock.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <mutex>

namespace threadlab {

class LessonClock {
public:
    // Reads the clock at trace time `real_ns`; any thread, never blocks.
    int64_t At(int64_t real_ns) const { return Evaluate(Read(), real_ns); }

    // The time a program reads (time.perf_counter()): the clock less what it
    // still owes, so a measurement ends where the lesson's time does, not
    // where the clock has not yet stood still for overhead just past. Later
    // than any value it returned before, as a real clock is (a measured
    // interval is never zero); a little behind At().
    int64_t Settled(int64_t real_ns)
    {
        const State s = Read();
        const int64_t settled = Evaluate(s, real_ns) - StillOwed(s, real_ns);
        int64_t floor = m_settled_floor.load(std::memory_order_relaxed);
        for (;;) {
            const int64_t value = settled > floor ? settled : floor + 1;
            if (m_settled_floor.compare_exchange_weak(floor, value, std::memory_order_relaxed))
                return value;
        }
    }

    // How long to wait, in real time, for the clock to go `clock_ns` further,
    // if it goes on as it does now: its standing still first; through a
    // hand-off, which is short, a little at a time (never past the goal).
    int64_t RealNsToGo(int64_t clock_ns) const
    {
        const State s = Read();
        const int64_t owed = StillOwed(s, TraceNowNs());
        if (!s.in_handoff || s.handoff_rate_q32 == 0)
            return owed + clock_ns;
        const auto at_rate = static_cast<int64_t>((static_cast<TraceInt128>(clock_ns) << 32) / s.handoff_rate_q32);
        return owed + std::min(at_rate, std::max(clock_ns, kHandoffPollNs));
    }

    // Before a run starts (no thread of another run left): the time scale
    // sets the hand-offs' rate.
    void BeginRun(double time_scale);
    // A GIL was taken (by a thread that had waited for it, or not) or given
    // up; a thread began or stopped waiting for one. A thread being started
    // counts as waiting from its launch until it asks for the GIL.
    void GilTaken(bool waited);
    void GilDropped();
    void GilWaiting(int delta);
    // How far the clock's settled reading has fallen behind the trace clock:
    // it grows by each stand-still when it is promised, and through hand-offs.
    // A thread notes it when it starts counting its CPU time.
    int64_t SettledLag() const
    {
        const int64_t now = TraceNowNs();
        const State s = Read();
        return now - (Evaluate(s, now) - StillOwed(s, now));
    }
    // The VM was `ns` of CPU behind its model since the thread noted
    // `window_lag`. What the clock already fell behind in that time counts
    // against it (stands promised for threads that ran beside it, a hand-off);
    // it stands still for the rest, after any stand still owed. Under one GIL
    // nothing else is promised while a thread holds it, so stands add up;
    // side by side, the threads' shared time is paid for once. Returns the
    // lag the thread's next count starts from.
    int64_t StandStill(int64_t ns, int64_t window_lag);

private:
    static constexpr int64_t kHandoffPollNs = 20'000;

    struct State {
        int64_t base_real, base_clock, owed;
        uint64_t handoff_rate_q32;
        bool in_handoff;
    };

    // How far the clock would have gone since the base, before paying what
    // it owes; then what it shows, and what it still owes.
    static int64_t Advance(const State& s, int64_t real_ns)
    {
        const int64_t run = real_ns > s.base_real ? real_ns - s.base_real : 0;
        if (!s.in_handoff)
            return run;
        return static_cast<int64_t>((static_cast<TraceInt128>(run) * s.handoff_rate_q32) >> 32);
    }
    static int64_t Evaluate(const State& s, int64_t real_ns)
    {
        const int64_t advance = Advance(s, real_ns);
        return s.base_clock + (advance > s.owed ? advance - s.owed : 0);
    }
    static int64_t StillOwed(const State& s, int64_t real_ns)
    {
        const int64_t left = s.owed - Advance(s, real_ns);
        return left > 0 ? left : 0;
    }

    State Read() const
    {
        for (;;) {
            const uint32_t before = m_seq.load(std::memory_order_acquire);
            const State s{m_base_real.load(std::memory_order_relaxed), m_base_clock.load(std::memory_order_relaxed),
                          m_owed.load(std::memory_order_relaxed), m_handoff_rate_q32.load(std::memory_order_relaxed),
                          m_in_handoff.load(std::memory_order_relaxed)};
            std::atomic_thread_fence(std::memory_order_acquire);
            if ((before & 1) == 0 && m_seq.load(std::memory_order_relaxed) == before)
                return s;
        }
    }

    // Under m_write: starts a new segment at the current reading.
    template <class Change>
    void Rebase(Change&& change);

    std::mutex m_write;
    int m_gils_held = 0, m_gil_waiters = 0; // under m_write
    std::atomic<uint32_t> m_seq{0};
    std::atomic<int64_t> m_base_real{0}, m_base_clock{0}, m_owed{0};
    std::atomic<uint64_t> m_handoff_rate_q32{uint64_t(1) << 32};
    std::atomic<bool> m_in_handoff{false};
    std::atomic<int64_t> m_settled_floor{INT64_MIN};
};

} // namespace threadlab
