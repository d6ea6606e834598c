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
//   asked. Waiting costs no CPU, so waits need no bookkeeping; a thread the
//   OS keeps off the CPU really falls behind, as a live run should. The VM
//   cannot run faster than it does: where it is slower than the model, a
//   run takes longer than the model says (a floor at small time scales).
// - Attention fires every burn quantum (1/50 of the switch interval, at
//   least 2 µs real), on a GIL drop request, and on stop.
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

int64_t ThreadCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return int64_t(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

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
    Thread* thread = nullptr;
    int64_t cpu_anchor_ns = 0;
    int64_t clock_anchor_ps = 0;
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
        data.cpu_anchor_ns = ThreadCpuNs();
        data.clock_anchor_ps = ts.clock_ps;
        ts.exec_data = &data;
        ts.line_hint = &t.LineHint();
        ts.flag_a = t.GilOf() ? &t.GilOf()->DropRequestFlag() : nullptr;
        ts.flag_b = &m_runtime.Stop().Flag();
        ts.attention_ps = ts.clock_ps + QuantumPs();
        SetLockObjects(!HasGil(m_config.model));
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
        d.thread->SwitchPoint(); // stop, or hand the GIL over if asked
        d.running_since_wall = NowNs();
        d.running_since_cpu = ThreadCpuNs();
        ts.attention_ps = ts.clock_ps + QuantumPs();
    }

    // A call that may block: what follows it until the next switch point is not all computing.
    static void MayBlock(ThreadState& ts) { Data(ts).running_since_wall = 0; }

    double Now(ThreadState& ts) override { return Data(ts).thread->Now(); }
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
        Spend(ts, d);
        m_runtime.BeginPart(*d.thread, ts.interp.program.parts[size_t(index)]);
        ts.line_hint = &d.thread->LineHint();
    }

    void SetMain(Thread* main) { m_main = main; }
    double WallTime(ThreadState& ts) override { return m_wall_origin + Now(ts); }

    void Sleep(ThreadState& ts, double seconds) override
    {
        LiveThreadData& d = Data(ts);
        MayBlock(ts);
        Spend(ts, d);
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
        MayBlock(ts);
        Spend(ts, d);
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
        LiveThreadData& d = Data(parent);
        MayBlock(parent);
        Spend(parent, d);
        auto record = std::make_shared<LiveThread>();
        Interpreter& interp = parent.interp;
        const int64_t ident = interp.next_ident.fetch_add(1);
        record->ident.store(ident);
        std::function<void(ThreadState&)> body = std::move(start.body);
        record->started.store(true);
        record->handle = d.thread->StartWithoutWaiting(m_lane_prefix + start.name, [this, &interp, ident, body](Thread& child) {
            ThreadState ts(interp, *this);
            ts.ident = ident;
            LiveThreadData data;
            Attach(ts, child, data);
            HeapScope scope(interp.heap);
            body(ts);
            Spend(ts, data);
        });
        return record;
    }

    std::shared_ptr<ExecThread> StartProcess(ThreadState& parent, ProcessStart start) override
    {
        LiveThreadData& d = Data(parent);
        MayBlock(parent);
        Spend(parent, d);
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
            gil);
        return record;
    }

    int Cores() const override { return int(std::max(1u, std::thread::hardware_concurrency())); }

    bool Join(ThreadState& ts, ExecThread& thread, double timeout) override
    {
        LiveThreadData& d = Data(ts);
        MayBlock(ts);
        Spend(ts, d);
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

    // Burns CPU until the thread's CPU time catches up with its clock.
    void Spend(ThreadState& ts, LiveThreadData& d)
    {
        const int64_t owed_ns = (ts.clock_ps - d.clock_anchor_ps) / 1000;
        const int64_t spent_ns = ThreadCpuNs() - d.cpu_anchor_ns;
        if (owed_ns <= spent_ns)
            return;
        d.thread->BurnNs(owed_ns - spent_ns);
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

    int64_t QuantumPs() const
    {
        const double interval_real_ns = m_switch_interval.load() * m_config.time_scale * 1e9;
        return int64_t(std::max(2000.0, interval_real_ns / 50.0) * 1000.0);
    }

    // The program's own call the thread is in: the line of the innermost
    // frame that is not threadlab's library ("done.wait()").
    static std::string CallSite(ThreadState& ts)
    {
        for (const Frame* f = ts.frame; f != nullptr; f = f->back) {
            const ModuleInfo* m = f->code->module;
            if (m == nullptr || m->library)
                continue;
            const int line = f->Line();
            if (line >= 1 && size_t(line) <= m->lines.size()) {
                std::string text = m->lines[size_t(line) - 1];
                const size_t a = text.find_first_not_of(" \t");
                text = a == std::string::npos ? std::string() : text.substr(a);
                if (text.size() > 48)
                    text = text.substr(0, 45) + "...";
                return text;
            }
            return {};
        }
        return {};
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
