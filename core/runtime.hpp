#pragma once
// Emulated Python threads on real OS threads.
//
// Design notes
// - A Runtime is one run of a scenario ("sequential", "threaded") under one
//   interpreter model. Run() executes the scenario's main function as
//   MainThread on the calling OS thread; Thread::Start creates more threads,
//   each on an OS thread of its own from the shared pool (os_thread_pool.hpp).
// - Thread is the handle a scenario gets for the thread that is running it,
//   like the code of one Python thread: Sleep, Work, Increment, Start, Join.
//   Every call is a point where the model may act (release the GIL, switch).
// - GIL models: a thread holds the GIL whenever it runs Python. Sleep, a
//   blocked acquire, join and start's handshake release it and win it back
//   after (recorded as waiting for the GIL). Free-threaded: no GIL at all.
//   An emulated process (ProcessPoolExecutor's workers) has a GIL of its
//   own, shared by the threads it starts.
// - Recording: each thread writes only its own lane, so recording is a
//   couple of stores. A lane has an event budget; past it the lane records
//   State::Unrecorded and then only its end, so a huge run cannot eat memory.
// - Stop: every wait polls the StopFlag (stop.hpp) and every step checks it;
//   a stopped thread unwinds its scenario with RunStopped, releases the GIL
//   and ends. Run() always waits until every OS thread it used has left the
//   run's code before it returns.
// - Failure (a thread that cannot be created, an engine error) stops the
//   run and is reported as RunStatus::Failed with the reason.
// - Lifetimes: anything a scenario shares between threads (a Lock, a
//   counter, a list of jobs) must outlive Run(): declare it outside the main
//   function. A stopped MainThread unwinds its own frame while the other
//   threads may still be leaving theirs.
#include "counter.hpp"
#include "model.hpp"
#include "recorder.hpp"
#include "stop.hpp"
#include "wait_census.hpp"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace threadlab {

class Gil;
class Runtime;
class Thread;

using ThreadFn = std::function<void(Thread&)>;

// An exception a Python program would see (RuntimeError and friends).
struct PythonError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Deadlocked: every thread waited with nothing left to wake it (a live run
// sees it with a WaitCensus, a simulated one by its own schedule).
enum class RunStatus { Finished, Stopped, Failed, Deadlocked };
std::string_view RunStatusName(RunStatus status);

struct ThreadSummary {
    std::string name;
    double start = 0; // lesson seconds since the run began
    double end = 0;
    std::string error; // an exception that escaped the thread, if any
};

struct RunOutcome {
    std::string name;
    RunStatus status = RunStatus::Finished;
    std::string failure; // why, when Failed
    double elapsed = 0;  // MainThread's start to end, lesson seconds
    std::vector<ThreadSummary> threads;
    uint64_t gil_switches = 0;
    uint64_t split_increments = 0; // switches that fell between a counter's load and store
    std::vector<int64_t> handoff_latencies_ns; // GIL drop request → new holder running (real ns)
};

// Internal per-thread bookkeeping shared by the thread and its joiners.
// A new emulated process (SpawnProcess-`number`, from 1) and its GIL, null
// when free-threaded; number 0: a thread of its starter's process.
struct ChildProcess {
    int number = 0;
    Gil* gil = nullptr;
};

struct ThreadRecord {
    std::string name;
    int index = 0;     // in the order threads were made: MainThread is 0
    bool main = false; // the run's main thread
    int process = 0;   // the emulated process it belongs to (LaneInfo::process)
    int32_t lane = kNoLane;
    int part = 0; // the part of the run it was started in (Runtime::BeginPart)
    std::mutex mutex;
    std::condition_variable changed;
    bool started = false; // guarded by mutex
    bool done = false;    // guarded by mutex
    int64_t start_ns = 0; // recorder clock; written by the thread before `started`
    int64_t end_ns = 0;   // written by the thread before `done`
    std::string error;    // written by the thread before `done`
    // Locks this thread acquired and nobody has released yet. Atomic because
    // a Lock is not owned: another thread may release it.
    std::atomic<int> locks_held{0};
    // The GIL this thread's interpreter has: the run's, or its emulated
    // process's own (null when free-threaded). Set before the thread starts.
    Gil* gil = nullptr;
    bool launching = false; // counted by the lesson clock as on its way to the GIL until it begins
    // Threads joining it, and those its end woke that the lesson clock counts
    // as on their way to the GIL (guarded by mutex).
    int joiners = 0, joiners_woken = 0;
};

// For tests: after `count` more threads are created, creating one fails as
// if the OS had refused (EAGAIN), until called again with -1.
void SetThreadCreationLimitForTesting(int count);

class ThreadHandle {
public:
    ThreadHandle() = default;
    explicit ThreadHandle(ThreadRecord* record) : m_record(record) {}
    const std::string& Name() const { return m_record->name; }
    int32_t Lane() const { return m_record->lane; }
    bool IsAlive() const;   // it has begun and not ended
    bool HasEnded() const;  // false too while it has not begun
    ThreadRecord* Record() const { return m_record; }

private:
    ThreadRecord* m_record = nullptr;
};

class Runtime {
public:
    Runtime(const RunConfig& config, Recorder& recorder, StopFlag& stop, std::string run_name);
    ~Runtime();
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    // Runs `main` as MainThread, then waits for every thread it started.
    RunOutcome Run(const ThreadFn& main);

    const RunConfig& Config() const { return m_config; }
    Recorder& Rec() { return m_recorder; }
    const StopFlag& Stop() const { return m_stop; }
    WaitCensus& Census() { return m_census; }
    int Group() const { return m_group; }

    // Ends the run as Failed with `reason` (the first reason wins).
    void Fail(std::string reason);
    // After the main thread is done: stops the threads still running (the
    // program's daemon threads), as the interpreter's exit abandons them.
    // The run still counts as finished.
    void EndDaemonThreads();

    // The program's next part begins (a `# part:` comment): from now on a new
    // group, with `main` (the main thread, calling) on a new lane in it and
    // the threads it starts there. The clock the program reads goes on.
    void BeginPart(Thread& main, std::string name);
    // After Run: each part's outcome, its threads' times from its own start
    // (one entry, the whole run, when there were no parts).
    std::vector<RunOutcome> PartOutcomes(const RunOutcome& whole) const;
    // While the main thread runs: each part's lesson seconds so far, and the
    // threads other than MainThread that have ended, in the order they did.
    std::vector<std::pair<std::string, double>> PartTimes() const;
    std::vector<std::string> EndedInOrder() const;

    // A GIL for a new emulated process (null when free-threaded): each
    // process has its own, as each CPython process does. Lives until the run ends.
    Gil* NewProcessGil();

    // OS threads a run leaves parked for the next: enough for every lesson's
    // default run (threaded-export starts 30), few enough to cost nothing
    // (their stacks are reserved, hardly touched).
    static constexpr int kParkedAfterRun = 32;

    // Per-lane event budget (see design notes).
    static constexpr uint32_t kLaneEventBudget = 1'000'000;

private:
    friend class Thread;
    ThreadRecord& NewThread(std::string name, int process = 0);
    void ThreadMain(ThreadRecord& record, ThreadFn fn);
    void LaunchOsThread(ThreadRecord& record, ThreadFn fn); // may throw std::system_error
    void WaitForOsThreads();
    double LessonSeconds(int64_t recorder_ns) const;

    RunConfig m_config;
    Recorder& m_recorder;
    StopFlag& m_stop;
    std::string m_name;
    int m_group = -1;       // the current part's
    int m_first_group = -1; // the run's clock counts from its origin
    struct Part {
        std::string name;
        int64_t start_ns = 0, end_ns = -1;
        uint64_t gil_switches_before = 0;
        // Its length as the program measures time (LessonClock::Settled).
        int64_t settled_start_ns = 0, settled_end_ns = -1;
    };
    std::vector<Part> m_parts; // guarded by m_threads_mutex
    std::unique_ptr<Gil> m_gil; // null when free-threaded
    std::vector<std::unique_ptr<Gil>> m_process_gils; // guarded by m_threads_mutex
    uint64_t m_step_iterations = 1;
    uint64_t m_increment_half_iterations = 1; // half of one `counter += 1`
    std::atomic<uint64_t> m_split_increments{0};
    std::atomic<bool> m_ending_daemons{false};
    WaitCensus m_census;

    std::mutex m_threads_mutex;
    std::vector<std::unique_ptr<ThreadRecord>> m_threads; // [0] is MainThread
    // The pool's threads running this run's code. Shared with each of them,
    // so the last one's notify cannot outlive the Runtime it wakes.
    struct OsJobs {
        std::mutex mutex;
        std::condition_variable none_left;
        int running = 0;
    };
    std::shared_ptr<OsJobs> m_os_jobs = std::make_shared<OsJobs>();
    std::string m_failure; // guarded by m_threads_mutex
};

class Thread {
public:
    Thread(Runtime& runtime, ThreadRecord& record);
    Thread(const Thread&) = delete;
    Thread& operator=(const Thread&) = delete;

    // The thread running the calling code (nullptr outside a run).
    static Thread* Current();

    const std::string& Name() const { return m_record.name; }
    int32_t Lane() const { return m_record.lane; }
    Runtime& Rt() { return m_runtime; }
    double Now() const; // lesson seconds since the run began

    // time.sleep(seconds); `why` labels the span ("a file write").
    void Sleep(double seconds, std::string_view why = {});
    // `steps` bytecode-sized steps of pure-Python work (a loop's iterations).
    void Work(int64_t steps);
    // The statement `counter += 1`: on 3.9 a switch point between its load
    // and its store, on 3.10+ none. A loop around it calls SwitchPoint()
    // for its back-edge, as Python checks there.
    void Increment(SharedCounter& counter);
    // threading.Thread(name=…, target=fn).start(): returns once the child runs.
    // With a `process` numbered, the child is the main thread of that
    // emulated process, which has its own GIL (Runtime::NewProcessGil).
    ThreadHandle Start(std::string name, ThreadFn fn, ChildProcess process = {});
    // _thread.start_joinable_thread: returns at once, as CPython's does (the
    // interpreter's threading.py then waits on the thread's Event itself).
    // When the OS refuses the thread it throws ThreadRefused, as CPython
    // raises RuntimeError, and the run goes on.
    ThreadHandle StartWithoutWaiting(std::string name, ThreadFn fn, ChildProcess process = {});
    // Thread.join(timeout); timeout < 0 waits for ever. True if it ended.
    bool Join(const ThreadHandle& thread, double timeout = -1);
    // A loop back-edge or function entry: where any GIL model may switch.
    void SwitchPoint();
    // Tells the window which listing line this thread is on.
    void At(int line) { m_lane_info->current_line.store(line, std::memory_order_relaxed); }
    std::atomic<int>& LineHint() { return m_lane_info->current_line; }
    // Burns `ns` real nanoseconds of CPU work (an interpreter's instructions).
    void BurnNs(int64_t ns);
    Gil* GilOf() const { return m_gil; }
    int64_t CpuNsWhenBegun() const { return m_cpu_when_begun; } // ThreadCpuNs once it first held the GIL
    // An interpreter's calls as this thread is about to give the GIL up for
    // a wait (a sleep, a lock, a join) and once it has it back, with or
    // without a GIL model: it tells its own work from the wait's.
    struct GilHooks {
        void (*releasing)(void* context) = nullptr;
        void (*taken)(void* context) = nullptr;
        void* context = nullptr;
    };
    void SetGilHooks(GilHooks hooks) { m_gil_hooks = hooks; }
    bool HasGilNow() const { return m_has_gil; }
    uint64_t GilReacquires() const { return m_gil_reacquires; } // grows each time it wins the GIL back

    // For synchronisation primitives (sync.hpp).
    void SetState(State state, int32_t other = kNoLane, uint32_t object = 0, uint16_t label = 0,
                  int64_t value = 0, int64_t t = -1);
    void AddMark(MarkKind kind, int64_t value = 0, int32_t other = kNoLane, uint32_t object = 0,
                 uint32_t seq = 0, uint16_t label = 0);
    void ReleaseGil();
    void TakeGil();
    State RunningState() const
    {
        return m_record.locks_held.load(std::memory_order_relaxed) > 0 ? State::HoldingLock : State::Running;
    }
    ThreadRecord& Record() { return m_record; }
    // A new part: the lane so far ends at `t`, the new one (Record().lane) begins.
    void EndLane(int64_t t);
    void BeginLane(int64_t t);
    State CurrentState() const { return m_state; }
    int64_t Ns(double lesson_seconds) const; // lesson seconds → real nanoseconds

private:
    friend class Runtime;
    // `refusal_throws`: the OS refusing a thread throws ThreadRefused (the
    // program's to handle) instead of failing the run.
    ThreadRecord& LaunchChild(std::string name, ThreadFn fn, ChildProcess process, bool refusal_throws);
    void Begin();
    void Finish();
    void YieldGil();
    void Append(const TraceEvent& event);
    void Burn(uint64_t iterations);

    Runtime& m_runtime;
    ThreadRecord& m_record;
    LaneInfo* m_lane_info; // changes when a new part begins (Runtime::BeginPart)
    Gil* m_gil;
    const bool m_recording;
    bool m_has_gil = false;
    State m_state = State::Running;
    uint32_t m_events = 0;
    uint64_t m_gil_reacquires = 0;
    int64_t m_cpu_when_begun = 0;
    GilHooks m_gil_hooks;
    uint64_t m_increments = 0;
    uint64_t m_reacquires_at_recorded_write = UINT64_MAX;
    uint64_t m_burn_state = 1; // the CPU work's dependent chain (work.hpp)
    Thread* m_previous_current = nullptr;
};

} // namespace threadlab
