// The simulated executor.
//
// Design notes
// - Every Python thread runs on an OS thread of its own, but exactly one of
//   them runs at a time: the baton (m_running) passes under m_mutex, so the
//   interpreter needs no other synchronisation and the order of everything
//   is decided here. What decides it is the schedule below, the run's seed
//   and nothing else: no real clock is read.
// - Time is virtual, in picoseconds of lesson time (the unit of
//   ThreadState::clock_ps): the time scale only stretches what is recorded
//   and the pacing, so a run gives the same lesson at any time scale. A running thread's clock grows by each
//   instruction's model cost; the run's now (m_now) is the clock of the
//   thread that runs. A thread that gets to run again starts at now.
// - GIL models, per process (a "domain"): one holder. A waiter that has
//   waited one switch interval with no switch meanwhile sets the drop
//   request; the holder gives the GIL up at its next switch point to the
//   longest waiter and waits for it again (forced switching). Blocking
//   calls give it up at once. GIL.md's rules, in virtual time.
// - 3.13t: no GIL; threads that can run share the virtual cores and
//   interleave at every instruction that touches shared state (the
//   opcode table's `shared` column): the one whose clock is furthest behind
//   runs, for a slice of a few microseconds drawn from the seed.
// - The OS's noise: wake-ups (a lock released to a waiter, the GIL handed
//   over, a sleep ending, a thread starting) take a latency drawn from the
//   seed, of the size measured on this kind of machine.
// - Waiting costs no real time: when nothing can run, now jumps to the next
//   timed event. When nothing can run and nothing is timed, the run is
//   deadlocked: it ends, saying who waits for whom.
// - Stop, deadlock and the end of the main thread unwind the other threads
//   one at a time, each on its own OS thread (RunStopped).
#include "sim_executor.hpp"
#include "wait_reason.hpp"

#include "../clock.hpp"

#include "builtins_impl.hpp"
#include "thread_place.hpp"
#include "vm.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <fmt/format.h>
#include <mutex>
#include <cmath>
#include <map>
#include <random>
#include <thread>
#include <utility>

namespace threadlab::py {

namespace {

using Ps = int64_t;
constexpr Ps kNever = INT64_MAX;
constexpr Ps kUs = 1'000'000; // picoseconds in a microsecond

// The OS's latencies on this kind of machine (GIL.md), as a run at time
// scale 1 meets them.
constexpr Ps kWakeBase = 5 * kUs;        // a condition variable's waiter running again
constexpr Ps kWakeMean = 10 * kUs;       // … plus an exponential part of this mean
constexpr Ps kTimerSlack = 50 * kUs;     // a sleep ends this late at least
constexpr Ps kTimerMean = 20 * kUs;
constexpr Ps kThreadCreate = 50 * kUs;   // pthread_create until the child runs
constexpr Ps kSliceMean = 2 * kUs;       // 3.13t: how long one thread runs before another catches up
constexpr Ps kOsTimeslice = 4000 * kUs;  // more runnable threads than cores: the OS's round robin
constexpr Ps kStallMax = 100 * kUs;      // a chooser's preemption without a GIL lasts at most this
constexpr Ps kPaceStep = 2000 * kUs;     // paced: a running thread checks the wall clock this often (real time)

enum class Wait : uint8_t { None, Gil, Core, Sleep, Lock, Join, Done };

struct SimThread;

struct SimLock final : ExecLock {
    uint32_t id = 0;
    bool visible = false;
    bool locked = false;
    SimThread* holder = nullptr; // who took it last (a Lock is not owned: for the drawing)
    std::deque<SimThread*> waiters;
    bool waking = false; // a waiter has been woken and is on its way
};

// Marks a thread as inside SwitchPoint for as long as it is, however it leaves.
class PausedAtSwitchPoint {
public:
    explicit PausedAtSwitchPoint(SimThread* t);
    ~PausedAtSwitchPoint();
    PausedAtSwitchPoint(const PausedAtSwitchPoint&) = delete;
    PausedAtSwitchPoint& operator=(const PausedAtSwitchPoint&) = delete;

private:
    SimThread* m_thread;
};

// A GIL: one per emulated process.
struct Domain {
    SimThread* holder = nullptr;
    uint64_t switches = 0;
    bool drop_request = false;
    Ps interval = 5000 * kUs;
    double interval_seconds = 0.005;
};

struct SimThread {
    int index = 0;
    bool at_switch_point = false; // paused in SwitchPoint: its frame's stack height is saved
    std::string name;
    int32_t lane = kNoLane;
    int domain = 0;
    bool daemon = false;
    Interpreter* interp = nullptr;
    std::function<void(ThreadState&)> body;
    std::function<void(ThreadState&, int)> exited; // an emulated process's main thread
    std::thread os;
    std::condition_variable turn;
    ThreadState* ts = nullptr;
    int64_t ident = 0;

    Wait wait = Wait::Gil;
    Ps clock = 0;        // while it does not run (its ThreadState's clock while it does)
    Ps gil_since = 0;    // waiting for the GIL since (the longest waiter is served first)
    Ps interval_end = 0; // its current timed wait of one switch interval times out (timer slack included)
    uint64_t gil_switches_seen = 0;
    Ps wake = kNever;     // when it must next be looked at: a sleep's end, a wake-up, a timeout
    Ps deadline = kNever; // a blocked acquire's or join's timeout
    Ps slice_end = kNever;
    int part = 0;         // the part of the program it was started in
    Ps lock_since = 0;    // waiting for a lock since
    Ps stalled_until = 0; // preempted by the chooser (no GIL): off the cores while others run
    bool timed_out = false;
    SimLock* lock = nullptr;         // the lock it waits for
    std::string waiting_in;          // the program's call that waits (`done.wait()`)
    SimThread* joining = nullptr;    // the thread it joins
    std::vector<SimThread*> joiners;
    int locks_held = 0;
    uint32_t held_lock = 0; // the last one it took, which its "holding" span names
    State recorded = State::Done;
    bool started = false;
    std::atomic<bool> done{false};
    Ps start_ps = 0, end_ps = 0;
};

PausedAtSwitchPoint::PausedAtSwitchPoint(SimThread* t) : m_thread(t) { m_thread->at_switch_point = true; }
PausedAtSwitchPoint::~PausedAtSwitchPoint() { m_thread->at_switch_point = false; }

class SimThreadHandle final : public ExecThread {
public:
    explicit SimThreadHandle(SimThread* t) : m_thread(t) {}
    bool Done() const override { return m_thread->done.load(); }
    int64_t Ident() const override { return m_thread->ident; }
    SimThread* Thread() const { return m_thread; }

private:
    SimThread* m_thread;
};

// Ends a thread's Python at once: a stop, a deadlock, the end of the program.
struct Unwind {};

class SimExecutor final : public Executor {
public:
    SimExecutor(const RunConfig& config, const SimSettings& sim, Recorder& recorder, StopFlag& stop,
                const OutputFn& output, std::string run_name)
        : m_config(config), m_sim(sim), m_recorder(recorder), m_stop(stop), m_output(output),
          m_run_name(std::move(run_name)), m_rng(sim.seed)
    {
        if (sim.chooser != nullptr)
            m_wake_base = m_wake_mean = m_timer_slack = m_timer_mean = m_thread_create = 0;
        if (sim.time_limit > 0)
            m_time_limit = Ps(std::llround(sim.time_limit * 1e12));
        m_domains.push_back(NewDomain());
    }

    ~SimExecutor() override
    {
        for (auto& t : m_threads)
            if (t->os.joinable())
                t->os.join();
    }

    ProgramRun Run(Interpreter& interp)
    {
        ProgramRun result;
        // A program in parts starts in its first (what precedes the first marker counts to it).
        m_part_names = interp.program.parts;
        const std::string first = m_part_names.empty() ? m_run_name : m_part_names.front();
        m_group = m_recorder.AddGroup(first, std::string(ModelName(m_config.model)), m_config.time_scale);
        m_origin_ns = m_recorder.Group(m_group).origin_ns;
        m_wall_origin_ns = NowNs();
        m_parts.push_back(Part{first, 0});
        SimThread* main = NewThread("MainThread", 0, &interp, false);
        main->body = [&](ThreadState& ts) {
            result.exit_code = interp.RunMain(ts);
        };
        {
            std::unique_lock lock(m_mutex);
            TakeGilNow(main, 0);
            LaunchOs(main);
            m_running = main;
            main->turn.notify_one();
            m_all_done.wait(lock, [&] { return m_live_threads == 0; });
        }
        for (auto& t : m_threads)
            if (t->os.joinable())
                t->os.join();
        m_recorder.EndGroup(m_group, RecorderNs(m_end));
        result.outcome = Outcome();
        if (result.outcome.status == RunStatus::Stopped)
            result.exit_code = 130;
        if (result.outcome.status == RunStatus::Deadlocked)
            result.exit_code = 1;
        result.heap_used = interp.heap.Used();
        result.uncaught = interp.Uncaught();
        result.parts = PartOutcomes(result.outcome);
        result.end_order = m_end_order;
        result.contended_acquires = m_contended;
        result.lock_wait = Seconds(m_lock_wait);
        return result;
    }

    // ------------------------------------------------------------ Executor

    void SwitchPoint(ThreadState& ts) override
    {
        std::unique_lock lock(m_mutex);
        SimThread* self = Self(ts);
        const PausedAtSwitchPoint paused(self);
        Advance(self);
        if (InFinale(self))
            return;
        if (m_stop.StopRequested())
            BeginUnwind(Ending::Stopped);
        else if (m_now >= m_time_limit)
            BeginUnwind(Ending::OutOfTime);
        if (m_unwinding)
            UnwindSelf(self);
        // With a chooser every switch point comes here; where the executor's
        // own rules have nothing due, only the chooser may change the course.
        const bool offer = m_sim.chooser != nullptr && InProgramCode(ts);
        if (m_sim.pace && m_sim.chooser == nullptr && m_now < NaturalAttention(self)) {
            // Only the wall clock asked: keep time with it and go on.
            Pace(lock);
            if (m_stop.StopRequested())
                BeginUnwind(Ending::Stopped);
            if (m_unwinding)
                UnwindSelf(self);
            Continue(self);
            return;
        }
        if (m_sim.chooser != nullptr && m_now < NaturalAttention(self)) {
            if (offer && OfferPreemption(self))
                Reschedule(lock, self);
            return;
        }
        ProcessDue(); // a waiter's drop request may be due by now
        Domain& d = m_domains[size_t(self->domain)];
        if (HasGil() && d.holder == self && d.drop_request && HasGilWaiter(self->domain)) {
            // Forced switching: give the GIL to the longest waiter; it may ask
            // again only once the other has it.
            const Ps switched = GiveUpGil(self);
            ReleaseCore(self);
            BecomeGilWaiter(self, switched);
        } else if (offer && OfferPreemption(self)) {
            // The chooser has picked another thread to run next.
        } else if (self->slice_end <= m_now) {
            // 3.13t, or more threads than cores: another thread's turn on the core.
            Requeue(self);
        }
        Reschedule(lock, self);
    }

    double Now(ThreadState& ts) override { return Seconds(ts.clock_ps); }
    // Deterministic: the run starts at a fixed moment (2026-01-01 00:00 UTC).
    double WallTime(ThreadState& ts) override { return 1767225600.0 + Now(ts); }

    void Sleep(ThreadState& ts, double seconds) override
    {
        std::unique_lock lock(m_mutex);
        SimThread* self = Self(ts);
        Advance(self);
        CheckUnwind();
        const Ps duration = Ps(std::llround(seconds * 1e12));
        GiveUpGil(self);
        ReleaseCore(self);
        if (duration <= 0) {
            BecomeGilWaiter(self, m_now); // sleep(0): only the GIL is given up and asked for again
        } else {
            self->wait = Wait::Sleep;
            self->wake = m_now + duration + m_timer_slack + Exponential(m_timer_mean);
            Record(self, State::Sleeping, m_now, kNoLane, 0, m_recorder.InternLabel(CallSite(ts)), RealNs(duration));
        }
        Reschedule(lock, self);
    }

    std::unique_ptr<ExecLock> NewLock(ThreadState& ts) override
    {
        auto lock = std::make_unique<SimLock>();
        std::lock_guard guard(m_mutex);
        lock->id = ++m_lock_ids;
        lock->visible = MadeByProgram(ts);
        if (lock->visible)
            m_recorder.NameObject(lock->id, NameBeingMade(ts, "lock"));
        return lock;
    }

    bool Acquire(ThreadState& ts, ExecLock& exec_lock, bool blocking, double timeout, WaitKind) override
    {
        SimLock& l = static_cast<SimLock&>(exec_lock);
        std::unique_lock lock(m_mutex);
        SimThread* self = Self(ts);
        Advance(self);
        CheckUnwind();
        if (!l.locked) {
            Take(self, l);
            Continue(self);
            return true;
        }
        if (!blocking || timeout == 0)
            return false;
        // Contended: wait with the GIL released, then win it back.
        if (l.visible)
            ++m_contended;
        self->lock_since = m_now;
        l.waiters.push_back(self);
        self->lock = &l;
        self->timed_out = false;
        self->deadline = timeout < 0 ? kNever : m_now + Ps(std::llround(timeout * 1e12));
        GiveUpGil(self);
        ReleaseCore(self);
        self->wait = Wait::Lock;
        self->wake = self->deadline;
        self->waiting_in = CallSite(ts);
        // Blocked on a lock it holds itself, a thread waits for another to release it: a signal.
        const bool signal = l.holder == self;
        Record(self, signal ? State::WaitingSignal : State::WaitingLock, m_now,
               l.holder != nullptr && !signal ? l.holder->lane : kNoLane, l.visible ? l.id : 0,
               m_recorder.InternLabel(signal ? SignalWaitLabel(ts.frame, self->waiting_in) : self->waiting_in));
        Reschedule(lock, self);
        return !self->timed_out;
    }

    bool Release(ThreadState& ts, ExecLock& exec_lock) override
    {
        SimLock& l = static_cast<SimLock&>(exec_lock);
        std::unique_lock lock(m_mutex);
        SimThread* self = Self(ts);
        Advance(self);
        if (!l.locked)
            return false;
        l.locked = false;
        if (l.visible && l.holder != nullptr) {
            l.holder->locks_held = std::max(0, l.holder->locks_held - 1);
            Mark(self, MarkKind::LockReleased, m_now, 0, kNoLane, l.id, m_recorder.NextSeq());
            if (self->wait == Wait::None)
                Record(self, RunningState(self), m_now);
        }
        WakeLockWaiter(l);
        Continue(self);
        return true;
    }

    bool Locked(const ExecLock& exec_lock) const override
    {
        std::lock_guard guard(m_mutex);
        return static_cast<const SimLock&>(exec_lock).locked;
    }

    std::shared_ptr<ExecThread> Start(ThreadState& parent, ThreadStart start) override
    {
        std::unique_lock lock(m_mutex);
        SimThread* self = Self(parent);
        Advance(self);
        CheckUnwind();
        // The recorder's lanes are the run's thread limit (PYTHON.md): past
        // it the program gets CPython's error, which it may catch.
        if (m_recorder.LaneCount() >= Recorder::kMaxLanes) {
            lock.unlock();
            Raise(&parent, Types().RuntimeError, "can't start new thread");
        }
        const std::string lane_name =
            self->domain == 0 ? start.name : m_domain_names[size_t(self->domain)] + ": " + start.name;
        SimThread* child = NewThread(lane_name, self->domain, &parent.interp, start.daemon);
        child->ident = parent.interp.next_ident.fetch_add(1);
        child->body = std::move(start.body);
        BecomeGilWaiter(child, m_now + m_thread_create + Exponential(m_wake_mean));
        if (!LaunchOs(child)) {
            lock.unlock();
            Raise(&parent, Types().RuntimeError, "can't start new thread");
        }
        Continue(self);
        return std::make_shared<SimThreadHandle>(child);
    }

    bool Join(ThreadState& ts, ExecThread& thread, double timeout) override
    {
        SimThread* target = static_cast<SimThreadHandle&>(thread).Thread();
        std::unique_lock lock(m_mutex);
        SimThread* self = Self(ts);
        Advance(self);
        CheckUnwind();
        if (target->done.load()) {
            Mark(self, MarkKind::JoinReturned, m_now, 0, target->lane);
            return true;
        }
        if (timeout == 0)
            return false;
        target->joiners.push_back(self);
        self->joining = target;
        self->timed_out = false;
        self->deadline = timeout < 0 ? kNever : m_now + Ps(std::llround(timeout * 1e12));
        self->wake = self->deadline;
        GiveUpGil(self);
        ReleaseCore(self);
        self->wait = Wait::Join;
        Record(self, State::Joining, m_now, target->lane);
        Reschedule(lock, self);
        if (!self->timed_out)
            Mark(self, MarkKind::JoinReturned, m_now, 0, target->lane);
        return !self->timed_out;
    }

    std::shared_ptr<ExecThread> StartProcess(ThreadState& parent, ProcessStart start) override
    {
        std::unique_lock lock(m_mutex);
        SimThread* self = Self(parent);
        Advance(self);
        CheckUnwind();
        if (m_recorder.LaneCount() >= Recorder::kMaxLanes) {
            lock.unlock();
            Raise(&parent, Types().OSError, "[Errno 11] Resource temporarily unavailable"); // as a refused fork
        }
        const int domain = int(m_domains.size());
        m_domains.push_back(NewDomain());
        m_domain_names.push_back(start.name);
        RunSettings settings = parent.interp.settings;
        settings.seed = settings.seed * 1'000'003 + uint64_t(domain);
        m_interps.push_back(std::make_unique<Interpreter>(parent.interp.program, settings, parent.interp.heap, start.name));
        Interpreter* interp = m_interps.back().get();
        interp->pid = Interpreter::kMainPid + domain;
        SimThread* child = NewThread(start.name, domain, interp, false);
        child->ident = interp->pid; // as the live executor: a process's main thread goes by its pid
        auto body = std::move(start.body);
        child->exited = std::move(start.exited);
        child->body = [interp, body, child](ThreadState& ts) {
            const int code = interp->RunProcess(ts, body);
            if (child->exited)
                child->exited(ts, code);
        };
        // A process's main thread holds its own GIL from the start.
        const Ps at = m_now + m_thread_create + Exponential(m_wake_mean);
        if (HasGil()) {
            m_domains[size_t(domain)].holder = child;
            m_last_holder[domain] = child;
        }
        child->wait = Wait::Core;
        child->clock = at;
        child->wake = at;
        if (!LaunchOs(child)) {
            lock.unlock();
            Raise(&parent, Types().RuntimeError, "can't start new process");
        }
        Continue(self);
        return std::make_shared<SimThreadHandle>(child);
    }

    int Cores() const override { return m_sim.cores; }

    double SwitchInterval() const override
    {
        std::lock_guard guard(m_mutex);
        return m_domains.front().interval_seconds;
    }

    void SetSwitchInterval(double seconds) override
    {
        std::lock_guard guard(m_mutex);
        seconds = 1e-6 * double(uint64_t(1e6 * seconds));
        for (Domain& d : m_domains) {
            d.interval_seconds = seconds;
            d.interval = std::max<Ps>(kUs, Ps(std::llround(seconds * 1e12)));
        }
    }

    void Watched(ThreadState& ts, const std::string&, int64_t value, bool write) override
    {
        std::lock_guard guard(m_mutex);
        SimThread* self = Self(ts);
        Mark(self, write ? MarkKind::CounterWrite : MarkKind::CounterRead, ts.clock_ps, value);
    }

    void Write(ThreadState&, const std::string& text, bool to_stderr) override { m_output(text, to_stderr); }

    RunObservations Observe(ThreadState& ts) override
    {
        std::lock_guard lock(m_mutex);
        Advance(Self(ts));
        RunObservations o;
        for (const Part& part : m_parts)
            o.elapsed.emplace_back(part.name,
                                   Seconds((part.end >= 0 ? part.end : m_deadlock_at >= 0 ? m_deadlock_at : m_now) -
                                           part.start));
        o.ended = m_end_order;
        o.contended = m_contended;
        o.lock_wait = Seconds(m_lock_wait);
        o.gil_switches = m_gil_switches;
        o.deadlocked = m_ending == Ending::Deadlocked && m_unwinding;
        return o;
    }

    // The main thread reached a `# part:` comment: a new timeline group
    // begins now, with the main thread on a new lane in it.
    void PartStart(ThreadState& ts, int index) override
    {
        std::lock_guard lock(m_mutex);
        SimThread* self = Self(ts);
        if (self->index != 0 || index <= m_part_index || size_t(index) >= m_part_names.size())
            return;
        Advance(self);
        m_part_index = index;
        m_parts.back().end = m_now;
        Mark(self, MarkKind::End, m_now);
        Record(self, State::Done, m_now);
        m_recorder.EndGroup(m_group, RecorderNs(m_now));
        m_group = m_recorder.AddGroup(m_part_names[size_t(index)], std::string(ModelName(m_config.model)),
                                      m_config.time_scale, RecorderNs(m_now));
        m_parts.push_back(Part{m_part_names[size_t(index)], m_now, -1, m_gil_switches});
        self->lane = m_recorder.AddLane(m_group, self->name);
        self->part = int(m_parts.size()) - 1;
        ts.line_hint = &m_recorder.Lane(self->lane).current_line;
        Mark(self, MarkKind::Start, m_now);
        Record(self, RunningState(self), m_now);
        Continue(self);
    }

    // The body of a thread: on its own OS thread, once it is its turn.
    void ThreadMain(SimThread* t)
    {
        {
            std::unique_lock lock(m_mutex);
            t->turn.wait(lock, [&] { return m_running == t; });
        }
        bool unwound = false;
        {
            std::unique_lock lock(m_mutex);
            unwound = m_unwinding;
        }
        if (!unwound) {
            ThreadState ts(*t->interp, *this);
            ts.ident = t->ident;
            ts.exec_data = t;
            ts.clock_ps = t->clock;
            ts.flag_b = &m_stop.Flag();
            ts.line_hint = &m_recorder.Lane(t->lane).current_line;
            {
                std::lock_guard lock(m_mutex);
                t->ts = &ts;
                t->started = true;
                t->start_ps = t->clock;
                Mark(t, MarkKind::Start, t->clock);
                Record(t, State::Running, t->clock);
                ts.attention_ps = Attention(t);
            }
            HeapScope scope(t->interp->heap);
            try {
                t->body(ts);
            } catch (const Unwind&) {
            } catch (const RunStopped&) {
            } catch (const PyError&) {
            } catch (const HeapExhausted&) {
            }
            std::unique_lock lock(m_mutex);
            Advance(t);
            t->ts = nullptr;
            t->clock = ts.clock_ps;
            Finish(lock, t);
            return;
        }
        std::unique_lock lock(m_mutex);
        t->start_ps = t->end_ps = m_now;
        Finish(lock, t);
    }

private:
    enum class Ending { Stopped, OutOfTime, Deadlocked, ProgramEnded };

    Domain NewDomain() const
    {
        Domain d;
        d.interval_seconds = 1e-6 * double(int64_t(1e6 * m_config.switch_interval + 1e-9));
        d.interval = std::max<Ps>(kUs, Ps(std::llround(m_config.switch_interval * 1e12)));
        return d;
    }

    bool HasGil() const { return threadlab::HasGil(m_config.model); }
    double Seconds(Ps ps) const { return double(ps) / 1e12; }
    // Where virtual moment `at` lies on the recorder's clock: lesson time stretched by the scale.
    int64_t RecorderNs(Ps at) const { return m_origin_ns + RealNs(at); }
    int64_t RealNs(Ps lesson) const { return int64_t(std::llround(double(lesson) / 1000.0 * m_config.time_scale)); }
    static SimThread* Self(ThreadState& ts) { return static_cast<SimThread*>(ts.exec_data); }

    // The seed's noise: an exponential delay of the given mean.
    Ps Exponential(Ps mean)
    {
        const double u = double(m_rng() >> 11) * 0x1.0p-53; // [0, 1), the same on every machine
        return Ps(-std::log1p(-u) * double(mean));
    }

    SimThread* NewThread(std::string name, int domain, Interpreter* interp, bool daemon)
    {
        auto t = std::make_unique<SimThread>();
        t->index = int(m_threads.size());
        t->name = std::move(name);
        t->domain = domain;
        t->interp = interp;
        t->daemon = daemon;
        t->lane = m_recorder.AddLane(m_group, t->name, domain);
        t->part = int(m_parts.size()) - 1;
        t->clock = m_now;
        m_alive.push_back(t.get());
        m_threads.push_back(std::move(t));
        ++m_live_threads;
        return m_threads.back().get();
    }

    bool LaunchOs(SimThread* t)
    {
        try {
            t->os = std::thread(&SimExecutor::ThreadMain, this, t);
            return true;
        } catch (const std::system_error&) {
            --m_live_threads;
            t->done.store(true);
            t->wait = Wait::Done;
            m_alive.erase(std::find(m_alive.begin(), m_alive.end(), t));
            return false;
        }
    }

    // ------------------------------------------------------------ time

    // The running thread's clock is the run's now (under 3.13t the threads
    // on other cores may be a slice ahead).
    void Advance(SimThread* self)
    {
        if (self->ts != nullptr)
            self->clock = self->ts->clock_ps;
        m_now = self->clock;
    }

    // The running thread goes back to Python: it must come back here by the
    // next event (which what it just did may have changed).
    void Continue(SimThread* self)
    {
        if (self->ts != nullptr)
            self->ts->attention_ps = Attention(self);
    }

    // When the running thread must next come back here.
    Ps Attention(SimThread* self) const
    {
        if (m_sim.chooser != nullptr)
            return m_now; // every switch point may be a choice
        const Ps natural = NaturalAttention(self);
        return m_sim.pace ? std::min(natural, m_now + Ps(double(kPaceStep) / m_config.time_scale)) : natural;
    }

    // Paced: wait until the wall clock has caught up with virtual time (the
    // baton stays with this thread; a stop ends the wait at once).
    void Pace(std::unique_lock<std::mutex>& lock)
    {
        if (!m_sim.pace || m_unwinding)
            return;
        const int64_t target = m_wall_origin_ns + RealNs(m_now);
        lock.unlock();
        m_stop.SleepUntil(target);
        lock.lock();
    }

    // When the executor's own rules next have something to do.
    Ps NaturalAttention(SimThread* self) const
    {
        Ps at = NextEvent();
        if (self->slice_end < at)
            at = self->slice_end;
        at = std::min(at, m_time_limit);
        // A drop request already made: the holder honours it at its next switch point.
        if (HasGil() && m_domains[size_t(self->domain)].holder == self && m_domains[size_t(self->domain)].drop_request)
            at = m_now;
        return at;
    }

    Ps NextEvent() const
    {
        Ps at = kNever;
        for (SimThread* t : m_alive) {
            if (t->wait == Wait::Sleep || t->wait == Wait::Lock || t->wait == Wait::Join || t->wait == Wait::Core)
                at = std::min(at, t->wake);
            if (t->wait == Wait::Gil && HasGil()) {
                const Domain& d = m_domains[size_t(t->domain)];
                if (t->gil_since > m_now)
                    at = std::min(at, t->gil_since); // not waiting yet (a thread being created)
                else if (d.holder == nullptr)
                    at = std::min(at, m_now);
                else if (!d.drop_request)
                    at = std::min(at, t->interval_end);
            }
        }
        return at;
    }

    // Everything due by now: sleeps end, timeouts fire, wake-ups land, GIL
    // waiters ask for the drop.
    void ProcessDue()
    {
        for (bool changed = true; changed;) {
            changed = false;
            for (SimThread* t : m_alive) {
                if (t->wake > m_now)
                    continue;
                switch (t->wait) {
                case Wait::Sleep:
                    BecomeGilWaiter(t, t->wake);
                    changed = true;
                    break;
                case Wait::Lock: {
                    SimLock& l = *t->lock;
                    const bool woken = l.waking && l.waiters.front() == t;
                    if (woken && !l.locked) {
                        // Woken by a release and the lock still free: it is this thread's.
                        l.waiters.pop_front();
                        l.waking = false;
                        t->lock = nullptr;
                        const Ps at = t->wake;
                        if (l.visible)
                            m_lock_wait += at - t->lock_since;
                        Take(t, l, at);
                        BecomeGilWaiter(t, at);
                    } else if (t->deadline <= m_now) {
                        l.waiters.erase(std::find(l.waiters.begin(), l.waiters.end(), t));
                        if (woken) {
                            l.waking = false;
                            WakeLockWaiter(l);
                        }
                        t->lock = nullptr;
                        t->timed_out = true;
                        if (l.visible)
                            m_lock_wait += t->deadline - t->lock_since;
                        BecomeGilWaiter(t, t->deadline);
                    } else {
                        // Woken to find it taken again (the releaser came back first): wait on.
                        l.waking = false;
                        t->wake = t->deadline;
                    }
                    changed = true;
                    break;
                }
                case Wait::Join:
                    t->deadline = kNever;
                    if (t->joining != nullptr) {
                        auto& j = t->joining->joiners;
                        j.erase(std::remove(j.begin(), j.end(), t), j.end());
                        t->joining = nullptr;
                        t->timed_out = true;
                    }
                    BecomeGilWaiter(t, t->wake);
                    changed = true;
                    break;
                case Wait::Core:
                    GetCore(t, t->wake);
                    changed = true;
                    break;
                default: break;
                }
            }
            if (HasGil())
                for (SimThread* t : m_alive) {
                    if (t->wait != Wait::Gil || t->gil_since > m_now)
                        continue;
                    Domain& d = m_domains[size_t(t->domain)];
                    if (d.holder == nullptr) {
                        TakeGil(t, m_now);
                        changed = true;
                    } else if (t->interval_end <= m_now) {
                        // The timed wait of one interval ran out: with no switch meanwhile it
                        // asks for the drop; either way it waits another interval.
                        if (d.switches == t->gil_switches_seen)
                            d.drop_request = true;
                        t->gil_switches_seen = d.switches;
                        t->interval_end += d.interval + m_timer_slack + Exponential(m_timer_mean);
                        changed = true;
                    }
                }
        }
    }

    // ------------------------------------------------------------ the GIL and the cores

    // The GIL's waiters that have begun to wait, longest first.
    std::vector<SimThread*> ReadyGilWaiters(int domain) const
    {
        std::vector<SimThread*> ready;
        for (SimThread* t : m_alive)
            if (t->wait == Wait::Gil && t->domain == domain && t->gil_since <= m_now)
                ready.push_back(t);
        std::stable_sort(ready.begin(), ready.end(),
                         [](const SimThread* a, const SimThread* b) { return a->gil_since < b->gil_since; });
        return ready;
    }

    // At a switch point: may another thread run instead? With a GIL the
    // candidates are its waiters, without one the threads on the other cores.
    bool OfferPreemption(SimThread* self)
    {
        std::vector<SimThread*> others;
        if (HasGil()) {
            if (m_domains[size_t(self->domain)].holder != self)
                return false;
            others = ReadyGilWaiters(self->domain);
        } else {
            for (SimThread* t : m_alive)
                if (t->wait == Wait::None && t != self)
                    others.push_back(t);
        }
        if (others.empty())
            return false;
        ChoicePoint point;
        point.preemption = true;
        AddCandidate(point, self);
        for (SimThread* t : others)
            AddCandidate(point, t);
        m_recorder.SetVirtualNow(RecorderNs(m_now));
        const size_t choice = m_sim.chooser->Choose(point);
        if (choice == 0 || choice > others.size())
            return false;
        SimThread* next = others[choice - 1];
        if (HasGil()) {
            Domain& d = m_domains[size_t(self->domain)];
            d.holder = nullptr;
            d.drop_request = false;
            TakeGil(next, m_now);
            ReleaseCore(self);
            BecomeGilWaiter(self, m_now);
        } else {
            // Preempted without a GIL: as if the OS took its core, until the chosen
            // thread blocks or ends (at most kStallMax, so a spin-wait hands over).
            self->stalled_until = m_now + kStallMax;
            m_forced_next = next;
        }
        return true;
    }

    static void AddCandidate(ChoicePoint& point, const SimThread* t)
    {
        point.candidates.push_back(t->name);
        point.states.push_back(t->ts);
        point.at_switch_point.push_back(t->at_switch_point);
    }

    bool HasGilWaiter(int domain) const
    {
        for (SimThread* t : m_alive)
            if (t->wait == Wait::Gil && t->domain == domain && t->gil_since <= m_now)
                return true;
        return false;
    }

    void BecomeGilWaiter(SimThread* t, Ps since)
    {
        t->wake = kNever;
        t->deadline = kNever;
        if (!HasGil()) {
            // No GIL: straight to a core.
            t->wait = Wait::Core;
            t->wake = since;
            return;
        }
        Domain& d = m_domains[size_t(t->domain)];
        t->wait = Wait::Gil;
        t->gil_since = since;
        t->interval_end = since + d.interval + m_timer_slack + Exponential(m_timer_mean);
        t->gil_switches_seen = d.switches;
        Record(t, State::WaitingGil, since, d.holder ? d.holder->lane : kNoLane);
    }

    // The holder lets go (it blocks, ends, or honours a drop request); the
    // longest waiter takes the GIL once the OS has woken it.
    // Returns when the next holder takes it (now if nobody waits).
    Ps GiveUpGil(SimThread* self)
    {
        if (!HasGil())
            return m_now;
        Domain& d = m_domains[size_t(self->domain)];
        if (d.holder != self)
            return m_now;
        d.holder = nullptr;
        d.drop_request = false;
        std::vector<SimThread*> ready = ReadyGilWaiters(self->domain);
        if (ready.empty())
            return m_now;
        // Which of several waiters the condition variable wakes is up to the OS
        // (glibc's is not strictly first-come): drawn from the seed.
        SimThread* next = ready.size() > 1 && m_sim.chooser == nullptr ? ready[size_t(m_rng() % ready.size())]
                                                                       : ready.front();
        if (m_sim.chooser != nullptr && ready.size() > 1) {
            ChoicePoint point;
            for (SimThread* t : ready)
                AddCandidate(point, t);
            m_recorder.SetVirtualNow(RecorderNs(m_now));
            next = ready[std::min(m_sim.chooser->Choose(point), ready.size() - 1)];
        }
        const Ps at = m_now + m_wake_base + Exponential(m_wake_mean);
        TakeGil(next, at);
        return at;
    }

    void TakeGil(SimThread* t, Ps at)
    {
        Domain& d = m_domains[size_t(t->domain)];
        d.holder = t;
        d.drop_request = false;
        ++d.switches;
        ++m_gil_switches;
        // Those not waiting yet (a thread still being created) count from this switch on.
        for (SimThread* w : m_alive)
            if (w->wait == Wait::Gil && w->domain == t->domain && w->gil_since >= at)
                w->gil_switches_seen = d.switches;
        if (m_last_holder[t->domain] != nullptr && m_last_holder[t->domain] != t)
            Mark(t, MarkKind::GilTaken, at, 0, m_last_holder[t->domain]->lane, 0, m_recorder.NextSeq());
        m_last_holder[t->domain] = t;
        t->wait = Wait::Core;
        t->wake = at;
    }

    void TakeGilNow(SimThread* t, Ps at)
    {
        if (HasGil()) {
            Domain& d = m_domains[size_t(t->domain)];
            d.holder = t;
            m_last_holder[t->domain] = t;
        }
        t->wait = Wait::None;
        t->clock = at;
        t->slice_end = SliceEnd(at);
        ++m_on_cores;
    }

    // A thread that may run (it holds its GIL, or there is none) gets a core
    // when one is free; else it queues for one.
    void GetCore(SimThread* t, Ps at)
    {
        if (m_on_cores >= m_sim.cores) {
            t->wake = kNever; // queued: ReleaseCore hands it one
            if (std::find(m_core_queue.begin(), m_core_queue.end(), t) == m_core_queue.end())
                m_core_queue.push_back(t);
            return;
        }
        ++m_on_cores;
        t->wait = Wait::None;
        t->wake = kNever;
        t->clock = std::max(t->clock, at);
        t->slice_end = SliceEnd(t->clock);
        if (t->ts != nullptr)
            t->ts->clock_ps = t->clock;
        if (t->started)
            Record(t, RunningState(t), t->clock);
    }

    void ReleaseCore(SimThread* self)
    {
        if (self->wait != Wait::None)
            return;
        --m_on_cores;
        self->wait = Wait::Core; // callers set what it waits for next
        self->slice_end = kNever;
        if (!m_core_queue.empty()) {
            SimThread* next = m_core_queue.front();
            m_core_queue.pop_front();
            GetCore(next, m_now);
        }
    }

    // A thread that has had its slice goes to the back of the queue for a core.
    void Requeue(SimThread* self)
    {
        if (m_core_queue.empty()) {
            self->slice_end = SliceEnd(m_now);
            return;
        }
        ReleaseCore(self);
        self->wait = Wait::Core;
        self->wake = kNever;
        m_core_queue.push_back(self);
    }

    Ps SliceEnd(Ps from)
    {
        // Threads that run at once on other cores (no GIL, or another process's
        // GIL) take short turns on the one OS thread, so none runs ahead of the
        // others in virtual time and misses what they do meanwhile.
        if (!HasGil() || m_domains.size() > 1)
            return from + kUs / 2 + Exponential(kSliceMean);
        return m_on_cores + Ps(m_core_queue.size()) > m_sim.cores ? from + kOsTimeslice : kNever;
    }

    // ------------------------------------------------------------ locks

    void Take(SimThread* t, SimLock& l, Ps at = -1)
    {
        l.locked = true;
        l.holder = t;
        if (l.visible) {
            ++t->locks_held;
            t->held_lock = l.id;
            Mark(t, MarkKind::LockAcquired, at >= 0 ? at : m_now, 0, kNoLane, l.id, m_recorder.NextSeq());
            if (t->wait == Wait::None)
                Record(t, RunningState(t), at >= 0 ? at : m_now);
        }
    }

    // A release wakes the first waiter; it takes the lock when it runs, if
    // nobody (the releaser, say) has taken it again by then.
    void WakeLockWaiter(SimLock& l)
    {
        if (l.waiters.empty() || l.waking)
            return;
        SimThread* w = l.waiters.front();
        l.waking = true;
        w->wake = std::min(w->deadline, m_now + m_wake_base + Exponential(m_wake_mean));
    }

    // ------------------------------------------------------------ the schedule

    // `self` has done what it came for (blocked, yielded, ended): run whoever
    // is next, and return when it is `self`'s turn again.
    void Reschedule(std::unique_lock<std::mutex>& lock, SimThread* self)
    {
        SimThread* next = PickNext();
        if (next == nullptr) {
            // Threads remain and nothing can ever wake one: a deadlock. It
            // is seen a quarter of the run later, so the timeline shows the waits.
            m_deadlock = Describe();
            m_deadlock_at = m_now;
            m_now += std::max<Ps>(m_now / 4, kUs);
            BeginUnwind(Ending::Deadlocked);
            next = PickNext();
            if (next == nullptr)
                return;
        }
        if (next != self) {
            m_running = next;
            next->turn.notify_one();
            if (self->wait == Wait::Done)
                return;
            self->turn.wait(lock, [&] { return m_running == self; });
        }
        if (m_unwinding && self->started)
            UnwindSelf(self);
        m_now = self->clock;
        Pace(lock);
        if (m_stop.StopRequested() && self->started) {
            BeginUnwind(Ending::Stopped);
            throw Unwind{};
        }
        if (self->ts != nullptr) {
            self->ts->clock_ps = self->clock;
            self->ts->attention_ps = Attention(self);
        }
    }

    // Who runs next: the thread on a core furthest behind; when nobody can
    // run, time jumps to the next event. Null: nothing will ever run again.
    SimThread* PickNext()
    {
        for (;;) {
            if (m_unwinding) {
                for (SimThread* t : m_alive)
                    if (t->wait != Wait::Done)
                        return t;
                return nullptr;
            }
            ProcessDue();
            if (m_forced_next != nullptr) {
                SimThread* chosen = std::exchange(m_forced_next, nullptr);
                if (chosen->wait == Wait::None) {
                    if (chosen->stalled_until != 0) {
                        chosen->stalled_until = 0;
                        chosen->clock = std::max(chosen->clock, m_now);
                    }
                    m_now = std::max(m_now, chosen->clock);
                    return chosen;
                }
            }
            // A thread preempted by the chooser stays off while others can run.
            SimThread* best = nullptr;
            for (SimThread* t : m_alive)
                if (t->wait == Wait::None && t->stalled_until <= m_now && (best == nullptr || t->clock < best->clock))
                    best = t;
            if (best == nullptr)
                for (SimThread* t : m_alive)
                    if (t->wait == Wait::None && (best == nullptr || t->clock < best->clock))
                        best = t;
            if (best != nullptr) {
                if (best->stalled_until != 0) {
                    best->stalled_until = 0;
                    best->clock = std::max(best->clock, m_now); // it was off its core meanwhile
                }
                m_now = best->clock;
                return best;
            }
            const Ps at = NextEvent();
            if (at == kNever)
                return nullptr;
            m_now = std::max(m_now, at);
        }
    }

    void CheckUnwind()
    {
        if (m_stop.StopRequested())
            BeginUnwind(Ending::Stopped);
        if (m_unwinding)
            throw Unwind{};
    }

    // A deadlock unwinds the main thread's Python with ProgramDeadlocked, so
    // that its finale (a lesson's metrics) runs over the globals as they were
    // when every thread blocked; the other threads unwind after it.
    [[noreturn]] void UnwindSelf(SimThread* self)
    {
        if (m_ending == Ending::Deadlocked && self->index == 0 && !m_finale) {
            m_finale = true;
            // It wakes when the deadlock is seen, not where it blocked.
            self->clock = std::max(self->clock, m_unwind_at);
            if (self->ts != nullptr)
                self->ts->clock_ps = self->clock;
            throw ProgramDeadlocked{};
        }
        throw Unwind{};
    }

    // The main thread's finale after a deadlock runs alone, to its end.
    bool InFinale(const SimThread* self) const { return m_finale && self->index == 0; }

    void BeginUnwind(Ending why)
    {
        if (m_unwinding)
            return;
        m_unwinding = true;
        m_ending = why;
        m_unwind_at = m_now; // the threads unwound end here, not where they blocked
    }

    void Finish(std::unique_lock<std::mutex>& lock, SimThread* t)
    {
        t->end_ps = std::max({t->clock, m_now, m_unwind_at});
        m_end = std::max(m_end, t->end_ps);
        if (t->started) {
            Mark(t, MarkKind::End, t->end_ps);
            Record(t, State::Done, t->end_ps);
        }
        GiveUpGil(t);
        ReleaseCore(t);
        // A thread unwound while it waited leaves every queue it was in.
        m_core_queue.erase(std::remove(m_core_queue.begin(), m_core_queue.end(), t), m_core_queue.end());
        if (t->lock != nullptr) {
            auto& w = t->lock->waiters;
            w.erase(std::remove(w.begin(), w.end(), t), w.end());
            t->lock = nullptr;
        }
        if (t->joining != nullptr) {
            auto& j = t->joining->joiners;
            j.erase(std::remove(j.begin(), j.end(), t), j.end());
            t->joining = nullptr;
        }
        t->wait = Wait::Done;
        t->done.store(true);
        m_alive.erase(std::find(m_alive.begin(), m_alive.end(), t));
        if (t->index != 0 && t->started && t->domain == 0)
            m_end_order.push_back(t->name);
        for (SimThread* j : t->joiners) {
            j->joining = nullptr;
            BecomeGilWaiter(j, m_now + m_wake_base + Exponential(m_wake_mean));
        }
        t->joiners.clear();
        if (t->index == 0 && !m_unwinding)
            BeginUnwind(Ending::ProgramEnded); // daemon threads are abandoned, as at interpreter exit
        --m_live_threads;
        if (m_live_threads == 0) {
            m_running = nullptr;
            m_all_done.notify_all();
            return;
        }
        Reschedule(lock, t);
    }

    // ------------------------------------------------------------ recording

    State RunningState(const SimThread* t) const { return t->locks_held > 0 ? State::HoldingLock : State::Running; }

    void Record(SimThread* t, State s, Ps at, int32_t other = kNoLane, uint32_t object = 0, uint16_t label = 0,
                int64_t value = 0)
    {
        if (t->recorded == s && s != State::Sleeping && s != State::WaitingLock && s != State::WaitingSignal)
            return;
        t->recorded = s;
        if (s == State::HoldingLock && object == 0)
            object = t->held_lock;
        TraceEvent e;
        e.t_ns = RecorderNs(at);
        e.value = value;
        e.other = other;
        e.object = object;
        e.label = label;
        e.kind = EventKind::StateChange;
        e.code = uint8_t(s);
        Append(t, e);
    }

    void Mark(SimThread* t, MarkKind kind, Ps at, int64_t value = 0, int32_t other = kNoLane, uint32_t object = 0,
              uint32_t seq = 0)
    {
        TraceEvent e;
        e.t_ns = RecorderNs(at);
        e.value = value;
        e.other = other;
        e.object = object;
        e.seq = seq;
        e.kind = EventKind::Mark;
        e.code = uint8_t(kind);
        Append(t, e);
    }

    void Append(SimThread* t, const TraceEvent& e)
    {
        if (!m_recorder.Recording() && !(e.kind == EventKind::Mark && (e.code == uint8_t(MarkKind::Start) ||
                                                                        e.code == uint8_t(MarkKind::End))))
            return;
        m_recorder.Append(t->lane, e);
    }

    // "MainThread joins Thread-1; Thread-1 waits for a lock held by MainThread"
    std::string Describe() const
    {
        std::string text;
        for (SimThread* t : m_alive) {
            if (t->wait == Wait::Done)
                continue;
            if (!text.empty())
                text += "; ";
            if (t->wait == Wait::Join && t->joining != nullptr)
                text += t->name + " joins " + t->joining->name;
            else if (t->wait == Wait::Lock && t->lock != nullptr && !t->lock->visible && !t->waiting_in.empty())
                text += t->name + " waits in " + t->waiting_in; // a library's lock: an Event's, a Queue's
            else if (t->wait == Wait::Lock && t->lock != nullptr)
                text += t->name + " waits for a lock" +
                        (t->lock->holder != nullptr ? " held by " + t->lock->holder->name : std::string());
            else
                text += t->name + " waits";
        }
        return "every thread is blocked with nothing left to wake it: " + text;
    }

    RunOutcome Outcome() const
    {
        RunOutcome outcome;
        outcome.name = m_run_name;
        for (const auto& t : m_threads)
            outcome.threads.push_back(ThreadSummary{t->name, Seconds(t->start_ps), Seconds(t->end_ps), {}});
        outcome.elapsed = outcome.threads.front().end - outcome.threads.front().start;
        outcome.gil_switches = m_gil_switches;
        switch (m_ending) {
        case Ending::Stopped: outcome.status = RunStatus::Stopped; break;
        case Ending::OutOfTime:
            outcome.status = RunStatus::Stopped;
            outcome.failure = fmt::format("it ran past its limit of {:g} s of lesson time", m_sim.time_limit);
            break;
        case Ending::Deadlocked:
            outcome.status = RunStatus::Deadlocked;
            outcome.failure = m_deadlock;
            break;
        case Ending::ProgramEnded: outcome.status = RunStatus::Finished; break;
        }
        return outcome;
    }

    // Each part: its threads (MainThread first), their times from its start.
    std::vector<RunOutcome> PartOutcomes(const RunOutcome& whole) const
    {
        std::vector<RunOutcome> parts;
        for (size_t p = 0; p < m_parts.size(); ++p) {
            const Part& part = m_parts[p];
            const Ps end = part.end >= 0 ? part.end : m_threads.front()->end_ps;
            const uint64_t switches_end = p + 1 < m_parts.size() ? m_parts[p + 1].gil_switches_before : m_gil_switches;
            RunOutcome o;
            o.name = part.name;
            o.status = whole.status;
            o.failure = whole.failure;
            o.elapsed = Seconds(end - part.start);
            o.gil_switches = switches_end - part.gil_switches_before;
            o.threads.push_back(ThreadSummary{"MainThread", 0.0, o.elapsed, {}});
            for (const auto& t : m_threads)
                if (t->index != 0 && t->part == int(p))
                    o.threads.push_back(ThreadSummary{t->name, Seconds(t->start_ps - part.start),
                                                      Seconds(t->end_ps - part.start), {}});
            parts.push_back(std::move(o));
        }
        return parts;
    }

    // Preemptions are offered in the program's own code only: threadlab's
    // library (threading, queue) is taken as correct, as CHESS takes its
    // synchronisation primitives, which keeps the bounded space small.
    static bool InProgramCode(ThreadState& ts)
    {
        const Frame* f = ts.frame;
        return f != nullptr && f->code->module != nullptr && !f->code->module->library;
    }

    static bool MadeByProgram(ThreadState& ts)
    {
        const Frame* f = ts.frame;
        return f == nullptr || f->code->module == nullptr || !f->code->module->library;
    }

    const RunConfig m_config;
    const SimSettings m_sim;
    Recorder& m_recorder;
    StopFlag& m_stop;
    const OutputFn& m_output;
    const std::string m_run_name;
    std::mt19937_64 m_rng;

    mutable std::mutex m_mutex;
    std::condition_variable m_all_done;
    SimThread* m_running = nullptr;
    std::vector<std::unique_ptr<SimThread>> m_threads;
    // Those not yet done, in the order they were made (the scans' ties go
    // the same way): a program that starts thousands of short threads is
    // scheduled among the few still alive, not all it ever made.
    std::vector<SimThread*> m_alive;
    int m_live_threads = 0;
    std::vector<Domain> m_domains;
    std::vector<std::string> m_domain_names{""};
    std::map<int, SimThread*> m_last_holder;
    std::vector<std::unique_ptr<Interpreter>> m_interps;
    std::deque<SimThread*> m_core_queue;
    int m_on_cores = 0;
    Ps m_now = 0;
    Ps m_end = 0;
    uint32_t m_lock_ids = 0;
    uint64_t m_gil_switches = 0;
    int m_group = -1;
    struct Part {
        std::string name;
        Ps start = 0;
        Ps end = -1; // -1: to the end of the program
        uint64_t gil_switches_before = 0;
    };
    std::vector<std::string> m_part_names; // the program's
    std::vector<Part> m_parts;             // as they began
    int m_part_index = 0;
    std::vector<std::string> m_end_order;
    int64_t m_contended = 0;
    Ps m_lock_wait = 0;
    int64_t m_origin_ns = 0;
    bool m_unwinding = false;
    bool m_finale = false; // the main thread runs its finale after a deadlock
    Ps m_unwind_at = 0;
    SimThread* m_forced_next = nullptr; // 3.13t: the chooser's pick runs next
    int64_t m_wall_origin_ns = 0;       // paced: when the run began, on the wall clock
    Ps m_wake_base = kWakeBase, m_wake_mean = kWakeMean, m_timer_slack = kTimerSlack, m_timer_mean = kTimerMean,
       m_thread_create = kThreadCreate;
    Ending m_ending = Ending::ProgramEnded;
    Ps m_time_limit = kNever; // SimSettings::time_limit
    std::string m_deadlock;
    Ps m_deadlock_at = -1; // when the last thread blocked (the run ends a little later)
};

} // namespace

ProgramRun RunSimulated(const Program& program, const RunSettings& settings, const RunConfig& config,
                        const SimSettings& sim, Recorder& recorder, StopFlag& stop, const OutputFn& output,
                        std::string run_name)
{
    RunSettings s = settings;
    s.time_scale = 1.0; // the interpreter's costs and clock are in lesson time; the executor stretches the record
    s.simulated = true;
    s.seeded = true;
    s.seed = sim.seed;
    Interpreter interp(program, s);
    SimExecutor exec(config, sim, recorder, stop, output, std::move(run_name));
    return exec.Run(interp);
}

} // namespace threadlab::py
