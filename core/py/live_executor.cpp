// The live executor.
//
// Design notes
// - Each Python thread is a runtime Thread (core/runtime.hpp) on its own OS
//   thread, with a ThreadState made on that OS thread. The runtime owns the
//   GIL, the recording of every state change and thread start and join; this
//   file maps the VM's requests onto it.
// - Time: a thread's clock (ThreadState::clock_ps) grows by each
//   instruction's model cost. At a switch point whose attention is up, the
//   thread burns CPU until its own CPU time (CLOCK_THREAD_CPUTIME_ID)
//   catches up with its clock, then lets the runtime hand the GIL over if
//   asked. A thread the OS keeps off the CPU really falls behind, as a live
//   run should.
// - Where the VM (or the engine around it: starting a thread, naming a
//   wait) used more CPU than the model's cost, the difference is forgiven
//   and the lesson clock (core/lesson_clock.hpp) stands still for it, so
//   lesson time does not depend on the time scale. Threads side by side
//   (free-threaded, processes) share the stands made while they ran. The
//   CPU counted is only what the thread used holding the GIL (from taking
//   it to giving it up, through the thread's GIL hooks): a wait's own CPU
//   is nobody's lesson time.
// - Attention fires every burn quantum (1/50 of the switch interval, at
//   least 10 µs real, times the scale below 1), on a GIL drop request, and on stop.
// - Locks: a `_thread.lock` is a runtime Lock; the locks the library makes
//   for itself (Condition's waiters, Event's condition) do not paint their
//   holder's lane, but a wait on them is drawn, labelled with the program's
//   own call that waits (`done.wait()`), found on the frame stack.
#include "live_executor.hpp"
#include "wait_reason.hpp"

#include "../clock.hpp"
#include "../gil.hpp"
#include "../sync.hpp"
#include "builtins_impl.hpp"
#include "thread_place.hpp"
#include "vm.hpp"

#include <chrono>
#include <ctime>
#include <mutex>
#include <thread>
#include <vector>

namespace threadlab::py {

namespace {

class LiveLock final : public ExecLock {
public:
    Lock lock;
};

class LiveThread final : public ExecThread {
public:
    bool Done() const override { return handle.HasEnded(); }
    int64_t Ident() const override { return ident.load(); }
    ThreadHandle handle;
    std::atomic<int64_t> ident{0};
    std::atomic<bool> started{false};
};

// What the executor keeps per Python thread.
struct LiveThreadData {
    LiveThreadData() = default;
    LiveThreadData(const LiveThreadData&) = delete;
    LiveThreadData& operator=(const LiveThreadData&) = delete;
    // Its thread's GIL hooks point here: they go first (a stop unwinds past Attach's caller).
    ~LiveThreadData()
    {
        if (thread != nullptr)
            thread->SetGilHooks({});
    }
    Thread* thread = nullptr;
    ThreadState* ts = nullptr;
    LessonClock* lesson_clock = nullptr;
    int64_t cpu_anchor_ns = 0;
    int64_t clock_anchor_ps = 0;
    int64_t lag_anchor_ns = 0; // the lesson clock's SettledLag() when counting began
    // Since its last switch point, if it has only computed since (0: it may have blocked).
    int64_t running_since_wall = 0;
    int64_t running_since_cpu = 0;
};

class LiveExecutor final : public Executor {
public:
    LiveExecutor(Runtime& runtime, const RunConfig& config, const OutputFn& output, std::string lane_prefix = {},
                 LiveExecutor* root = nullptr)
        : m_runtime(runtime), m_config(config), m_output(output),
          m_wall_origin(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count()),
          m_lane_prefix(std::move(lane_prefix)), m_root(root != nullptr ? *root : *this)
    {
        m_switch_interval.store(config.switch_interval);
    }

    // Makes `ts` the VM side of runtime thread `t` (on t's own OS thread).
    void Attach(ThreadState& ts, Thread& t, LiveThreadData& data)
    {
        data.thread = &t;
        data.ts = &ts;
        // From when it took the GIL: what the engine did since (a new
        // thread's set-up) is overhead the first Spend forgives.
        data.lesson_clock = &m_runtime.Rec().Clock();
        data.cpu_anchor_ns = t.CpuNsWhenBegun();
        data.clock_anchor_ps = ts.clock_ps;
        data.lag_anchor_ns = data.lesson_clock->SettledLag();
        ts.exec_data = &data;
        ts.line_hint = &t.LineHint();
        ts.flag_a = t.GilOf() ? &t.GilOf()->DropRequestFlag() : nullptr;
        ts.flag_b = &m_runtime.Stop().Flag();
        ts.attention_ps = ts.clock_ps + QuantumPs();
        SetLockObjects(!HasGil(m_config.model));
        // What the engine does while the thread still holds the GIL before a
        // wait (naming the wait, recording it) is overhead, forgiven as the
        // GIL goes; the CPU the wait itself uses (polling, winning the GIL
        // back) is neither the model's nor overhead: counting starts anew.
        t.SetGilHooks({[](void* c) {
                           auto& d = *static_cast<LiveThreadData*>(c);
                           static_cast<LiveExecutor&>(d.ts->exec).Forgive(*d.ts, d);
                       },
                       [](void* c) {
                           auto& d = *static_cast<LiveThreadData*>(c);
                           Reanchor(*d.ts, d, ThreadCpuNs());
                       },
                       &data});
    }

    void SwitchPoint(ThreadState& ts) override
    {
        LiveThreadData& d = Data(ts);
        Spend(ts, d);
        if (d.running_since_wall != 0) {
            // From the last switch point to this one the thread only computed:
            // the machine owed it all that wall time as CPU time.
            m_root.m_running_wall_ns.fetch_add(NowNs() - d.running_since_wall, std::memory_order_relaxed);
            m_root.m_running_cpu_ns.fetch_add(ThreadCpuNs() - d.running_since_cpu, std::memory_order_relaxed);
        }
        const uint64_t reacquires = d.thread->GilReacquires();
        d.thread->SwitchPoint(); // stop, or hand the GIL over if asked
        d.running_since_wall = NowNs();
        d.running_since_cpu = ThreadCpuNs();
        if (d.thread->GilReacquires() != reacquires) // it waited for the GIL: count anew from here
            Reanchor(ts, d, d.running_since_cpu);
        ts.attention_ps = ts.clock_ps + QuantumPs();
    }

    // Before a call that may block: the time owed is spent (or forgiven)
    // first, and what follows until the next switch point is not all computing.
    // (The GIL hooks set in Attach then forgive the engine's work up to the
    // wait and start counting anew after it.)
    void BeforeBlocking(ThreadState& ts, LiveThreadData& d)
    {
        d.running_since_wall = 0;
        Spend(ts, d);
    }
    static void Reanchor(ThreadState& ts, LiveThreadData& d, int64_t cpu_ns)
    {
        d.cpu_anchor_ns = cpu_ns;
        d.clock_anchor_ps = ts.clock_ps;
        d.lag_anchor_ns = d.lesson_clock->SettledLag();
    }

    // What the thread owes the clock so far counts before it reads it.
    double Now(ThreadState& ts) override
    {
        LiveThreadData& d = Data(ts);
        Forgive(ts, d);
        return d.thread->Now();
    }
    RunObservations Observe(ThreadState&) override
    {
        RunObservations o;
        o.elapsed = m_runtime.PartTimes();
        o.ended = m_runtime.EndedInOrder();
        std::lock_guard lock(m_locks_mutex);
        for (const LiveLock* l : m_program_locks) {
            o.contended += l->lock.ContendedCount();
            o.lock_wait += l->lock.WaitSeconds(m_config.time_scale);
        }
        o.deadlocked = m_runtime.Census().Deadlocked();
        return o;
    }

    // The main thread reached a `# part:` comment (parts of emulated processes are not the run's).
    void PartStart(ThreadState& ts, int index) override
    {
        LiveThreadData& d = Data(ts);
        if (d.thread != m_main || index <= m_part || size_t(index) >= ts.interp.program.parts.size())
            return;
        m_part = index;
        Spend(ts, d); // what it owes counts in the part that ends
        m_runtime.BeginPart(*d.thread, ts.interp.program.parts[size_t(index)]);
        ts.line_hint = &d.thread->LineHint();
    }

    void SetMain(Thread* main) { m_main = main; }
    double WallTime(ThreadState& ts) override { return m_wall_origin + Now(ts); }

    void Sleep(ThreadState& ts, double seconds) override
    {
        LiveThreadData& d = Data(ts);
        BeforeBlocking(ts, d);
        d.thread->Sleep(seconds, CallSite(ts));
    }

    std::unique_ptr<ExecLock> NewLock(ThreadState& ts) override
    {
        auto lock = std::make_unique<LiveLock>();
        lock->lock.SetVisible(MadeByProgram(ts));
        if (MadeByProgram(ts)) {
            m_runtime.Rec().NameObject(lock->lock.Id(), NameBeingMade(ts, "lock"));
            std::lock_guard guard(m_locks_mutex);
            m_program_locks.push_back(lock.get()); // the run's objects outlive its finale
        }
        return lock;
    }

    bool Acquire(ThreadState& ts, ExecLock& lock, bool blocking, double timeout, WaitKind) override
    {
        LiveThreadData& d = Data(ts);
        BeforeBlocking(ts, d);
        LiveLock& l = static_cast<LiveLock&>(lock);
        // Made only for a wait (most acquires do not wait). A lock the waiter holds
        // itself only another thread can release: the wait is for a signal.
        auto label = [&](bool signal) {
            const std::string call_site = CallSite(ts);
            return m_runtime.Rec().InternLabel(signal ? SignalWaitLabel(ts.frame, call_site) : call_site);
        };
        return l.lock.AcquireWithSwitch(*d.thread, blocking ? timeout : 0, false, label);
    }

    bool Release(ThreadState& ts, ExecLock& lock) override
    {
        try {
            static_cast<LiveLock&>(lock).lock.ReleaseWithoutSwitch(*Data(ts).thread);
            return true;
        } catch (const PythonError&) {
            return false;
        }
    }

    bool Locked(const ExecLock& lock) const override { return static_cast<const LiveLock&>(lock).lock.Locked(); }

    std::shared_ptr<ExecThread> Start(ThreadState& parent, ThreadStart start) override
    {
        // The recorder's lanes are the run's thread limit (PYTHON.md): past
        // it the program gets CPython's error, which it may catch.
        if (m_runtime.Rec().LaneCount() >= Recorder::kMaxLanes)
            Raise(&parent, Types().RuntimeError, "can't start new thread");
        LiveThreadData& d = Data(parent);
        BeforeBlocking(parent, d); // what launching costs stays to be forgiven
        auto record = std::make_shared<LiveThread>();
        Interpreter& interp = parent.interp;
        const int64_t ident = interp.next_ident.fetch_add(1);
        record->ident.store(ident);
        std::function<void(ThreadState&)> body = std::move(start.body);
        record->started.store(true);
        try {
            record->handle = d.thread->StartWithoutWaiting(m_lane_prefix + start.name, [this, &interp, ident, body](Thread& child) {
                ThreadState ts(interp, *this);
                ts.ident = ident;
                LiveThreadData data;
                Attach(ts, child, data);
                HeapScope scope(interp.heap);
                body(ts);
                Spend(ts, data);
            });
        } catch (const ThreadRefused&) {
            Raise(&parent, Types().RuntimeError, "can't start new thread"); // as CPython when the OS says no
        }
        return record;
    }

    std::shared_ptr<ExecThread> StartProcess(ThreadState& parent, ProcessStart start) override
    {
        if (m_runtime.Rec().LaneCount() >= Recorder::kMaxLanes)
            Raise(&parent, Types().OSError, "[Errno 11] Resource temporarily unavailable"); // as a refused fork
        LiveThreadData& d = Data(parent);
        BeforeBlocking(parent, d); // what launching costs stays to be forgiven
        // The process's interpreter and executor live until the run ends: a
        // daemon thread of it may outlive its main thread.
        Gil* gil = m_runtime.NewProcessGil();
        Interpreter* interp;
        LiveExecutor* exec;
        uint64_t number;
        {
            std::lock_guard lock(m_root.m_processes_mutex);
            number = uint64_t(m_root.m_processes.size() + 1);
            RunSettings settings = parent.interp.settings;
            settings.seed = settings.seed * 1'000'003 + number; // a process's random is its own
            m_root.m_processes.push_back(Process{
                std::make_unique<Interpreter>(parent.interp.program, settings, parent.interp.heap, start.name),
                std::make_unique<LiveExecutor>(m_runtime, m_config, m_output, start.name + ": ", &m_root)});
            interp = m_root.m_processes.back().interp.get();
            exec = m_root.m_processes.back().exec.get();
        }
        exec->SetGil(gil);
        interp->pid = Interpreter::kMainPid + int64_t(number); // numbered across the run, as pids are
        auto record = std::make_shared<LiveThread>();
        record->ident.store(interp->pid);
        record->started.store(true);
        std::string lane = start.name; // before `start` moves into the thread
        record->handle = d.thread->Start(
            std::move(lane),
            [exec, interp, start = std::move(start)](Thread& child) {
                ThreadState ts(*interp, *exec);
                ts.ident = interp->next_ident.fetch_add(1);
                LiveThreadData data;
                exec->Attach(ts, child, data);
                HeapScope scope(interp->heap);
                const int code = interp->RunProcess(ts, start.body);
                exec->Spend(ts, data);
                if (start.exited)
                    start.exited(ts, code);
            },
            ChildProcess{int(number), gil});
        return record;
    }

    int Cores() const override { return int(std::max(1u, std::thread::hardware_concurrency())); }

    bool Join(ThreadState& ts, ExecThread& thread, double timeout) override
    {
        LiveThreadData& d = Data(ts);
        BeforeBlocking(ts, d);
        return d.thread->Join(static_cast<LiveThread&>(thread).handle, timeout);
    }

    // CPython keeps the interval in whole microseconds.
    double SwitchInterval() const override { return 1e-6 * double(int64_t(1e6 * m_switch_interval.load() + 1e-9)); }

    void SetSwitchInterval(double seconds) override
    {
        seconds = 1e-6 * double(uint64_t(1e6 * seconds));
        m_switch_interval.store(seconds);
        if (Gil* gil = m_runtime_gil)
            gil->SetInterval(std::max<int64_t>(1000, int64_t(seconds * m_config.time_scale * 1e9)));
    }

    void Watched(ThreadState& ts, const std::string&, int64_t value, bool write) override
    {
        Data(ts).thread->AddMark(write ? MarkKind::CounterWrite : MarkKind::CounterRead, value);
    }

    void Write(ThreadState&, const std::string& text, bool to_stderr) override
    {
        std::lock_guard lock(m_root.m_output_mutex);
        m_output(text, to_stderr);
    }

    void SetGil(Gil* gil) { m_runtime_gil = gil; }

    // Burns CPU until the thread's CPU time catches up with its clock. A
    // thread whose VM took longer than the model says is forgiven the
    // difference, and the lesson clock stands still for it: that is the
    // engine's overhead, not the lesson's time.
    void Spend(ThreadState& ts, LiveThreadData& d)
    {
        const int64_t behind_ns = Forgive(ts, d);
        if (behind_ns < 0)
            d.thread->BurnNs(-behind_ns);
    }

    // Forgives what the thread's CPU time is ahead of its clock; returns how
    // far it is behind instead (negative: time to burn), or 0.
    int64_t Forgive(ThreadState& ts, LiveThreadData& d)
    {
        if (!ts.interp.settings.charge_costs) // no model (the benches' raw VM): its own speed is the time
            return 0;
        const int64_t owed_ns = (ts.clock_ps - d.clock_anchor_ps) / 1000;
        const int64_t spent_ns = ThreadCpuNs() - d.cpu_anchor_ns;
        if (owed_ns < spent_ns) {
            d.clock_anchor_ps -= (spent_ns - owed_ns) * 1000;
            d.lag_anchor_ns = d.lesson_clock->StandStill(spent_ns - owed_ns, d.lag_anchor_ns);
            return 0;
        }
        return spent_ns - owed_ns;
    }

    // The share of the wall time its threads spent computing that the
    // machine gave them as CPU time; -1 when they hardly computed.
    double CpuShare() const
    {
        const int64_t wall = m_running_wall_ns.load();
        if (wall < 5'000'000) // under 5 ms of computing says nothing
            return -1;
        return std::min(1.0, double(m_running_cpu_ns.load()) / double(wall));
    }

private:
    static LiveThreadData& Data(ThreadState& ts) { return *static_cast<LiveThreadData*>(ts.exec_data); }

    Thread* m_main = nullptr;
    int m_part = 0; // touched by the main thread only
    std::atomic<int64_t> m_running_wall_ns{0}, m_running_cpu_ns{0}; // the root executor's, for every process
    std::mutex m_locks_mutex;
    std::vector<const LiveLock*> m_program_locks;

    // Below scale 1 the VM is slower than the model's scaled cost, so the
    // quantum shrinks with the scale: a thread behind is forgiven (and the
    // lesson clock stands still) about every 10 real microseconds or more,
    // close to where the overhead was, and the CPU-time reads cost a few
    // per cent at most.
    int64_t QuantumPs() const
    {
        const double interval_real_ns = m_switch_interval.load() * m_config.time_scale * 1e9;
        return int64_t(std::max(10'000.0, interval_real_ns / 50.0) * std::min(1.0, m_config.time_scale) * 1000.0);
    }

    static bool MadeByProgram(ThreadState& ts)
    {
        const Frame* f = ts.frame;
        return f == nullptr || f->code->module == nullptr || !f->code->module->library;
    }

    Runtime& m_runtime;
    const RunConfig m_config;
    const OutputFn& m_output;
    const double m_wall_origin;
    std::atomic<double> m_switch_interval{0.005};
    Gil* m_runtime_gil = nullptr;
    std::mutex m_output_mutex;
    const std::string m_lane_prefix; // a process's threads: "SpawnProcess-1: "
    // The main process's executor owns every emulated process and prints for all.
    LiveExecutor& m_root;
    struct Process {
        std::unique_ptr<Interpreter> interp;
        std::unique_ptr<LiveExecutor> exec;
    };
    std::mutex m_processes_mutex;
    std::vector<Process> m_processes;
};

} // namespace

ProgramRun RunLive(const Program& program, const RunSettings& settings, const RunConfig& config, Recorder& recorder,
                   StopFlag& stop, const OutputFn& output, std::string run_name)
{
    ProgramRun result;
    bool ended_daemons = false;
    Interpreter interp(program, settings);
    Runtime runtime(config, recorder, stop, program.parts.empty() ? std::move(run_name) : program.parts.front());
    LiveExecutor exec(runtime, config, output);
    result.outcome = runtime.Run([&](Thread& main) {
        ThreadState ts(interp, exec);
        ts.ident = interp.next_ident.fetch_add(1);
        LiveThreadData data;
        exec.Attach(ts, main, data);
        exec.SetGil(main.GilOf());
        exec.SetMain(&main);
        HeapScope scope(interp.heap);
        result.exit_code = interp.RunMain(ts);
        exec.Spend(ts, data);
        ended_daemons = !stop.StopRequested();
        runtime.EndDaemonThreads();
    });
    // Ending the daemon threads raised the caller's stop flag; the run itself was not stopped.
    if (ended_daemons && result.outcome.status != RunStatus::Stopped)
        stop.Reset();
    result.heap_used = interp.heap.Used();
    if (result.outcome.status == RunStatus::Stopped)
        result.exit_code = 130;
    result.uncaught = interp.Uncaught();
    result.cpu_share = exec.CpuShare();
    result.parts = runtime.PartOutcomes(result.outcome);
    result.end_order = runtime.EndedInOrder();
    return result;
}

} // namespace threadlab::py
