#pragma once
// Executor: the one scheduling interface the VM drives. The live executor
// runs every Python thread on its own OS thread with the real emulated GIL
// and real sleeps; a simulated executor runs the same VM on a virtual
// clock, and step mode and the explorer choose who runs next through the
// same calls.
//
// Design notes
// - The VM decides *where* a thread may be switched out (the model's table,
//   opcodes.def); the executor decides *whether* it is, and what time it
//   is. At each allowed point the VM calls SwitchPoint only when the
//   thread's attention is up (ThreadState::Attention): its clock passed the
//   executor's next deadline, or the executor raised the thread's flag
//   (a GIL drop request, a stop).
// - Time: every instruction adds its model cost to the thread's clock, in
//   real nanoseconds at the run's time scale. The live executor burns CPU
//   until the thread's CPU time catches up with its clock; a simulated one
//   simply takes the clock as the time.
// - Blocking: sleep, a contended acquire and join go through the executor,
//   which releases the GIL while waiting and wins it back after (GIL.md).
//   They throw RunStopped when the run is stopped.
// - Processes: StartProcess makes another interpreter of the same program
//   with a GIL of its own; values reach it only as copies (portable.hpp).
// - Everything the executor records (spans, marks) is its own business; the
//   VM only reports what it alone knows: the line a thread is on (through
//   ThreadState::line_hint) and reads and writes of watched globals.
#include "../stop.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>
#include <string>

namespace threadlab::py {

class ThreadState;
class Value;

// An emulated lock (`_thread.lock`), owned by the executor that made it.
class ExecLock {
public:
    virtual ~ExecLock() = default;
};

// A started Python thread, as its joiners see it.
class ExecThread {
public:
    virtual ~ExecThread() = default;
    virtual bool Done() const = 0;
    virtual int64_t Ident() const = 0;
};

struct ThreadStart {
    std::string name;
    bool daemon = false;
    // Runs the thread's Python code on the new thread's ThreadState.
    std::function<void(ThreadState&)> body;
};

// An emulated process (ProcessPoolExecutor's worker): a new interpreter of
// the same program with its own GIL, whose main thread imports the main
// module as __mp_main__ and then runs `body`.
struct ProcessStart {
    std::string name; // "SpawnProcess-1"
    std::function<void(ThreadState&)> body;
    // Called on the process's main thread when it is over, with its exit code.
    std::function<void(ThreadState&, int exit_code)> exited;
};

// What kind of wait a blocked acquire is, so the timeline can say so.
enum class WaitKind : uint8_t { Lock, Join, Queue, Event, Condition, Semaphore };

struct RunObservations {
    std::vector<std::pair<std::string, double>> elapsed; // per part, lesson seconds
    std::vector<std::string> ended;                      // threads other than MainThread, in the order they ended
    int64_t contended = 0;                               // acquires of the program's locks that had to wait
    double lock_wait = 0;                                // seconds spent waiting in them, summed
    uint64_t gil_switches = 0;
    bool deadlocked = false; // every thread blocked for ever: the program did not end
};

// Thrown to the main thread when every thread is blocked for ever, by
// either executor. It unwinds the main module's Python without running its
// handlers; the finale then runs over the globals as they were, and the
// run ends deadlocked.
using ProgramDeadlocked = threadlab::RunDeadlocked;

class Executor {
public:
    virtual ~Executor() = default;

    // A point where the model allows a switch and the thread's attention is
    // up: burn owed time, hand the GIL over, or stop (throws RunStopped).
    virtual void SwitchPoint(ThreadState& ts) = 0;

    // time.monotonic()/perf_counter(): lesson seconds since the run began.
    virtual double Now(ThreadState& ts) = 0;
    // time.time(): seconds since the epoch.
    virtual double WallTime(ThreadState& ts) = 0;
    virtual void Sleep(ThreadState& ts, double seconds) = 0;

    // A lock made by the program (not the library) shows who holds it.
    virtual std::unique_ptr<ExecLock> NewLock(ThreadState& ts) = 0;
    // lock.acquire(blocking, timeout); timeout < 0: for ever. True if taken.
    virtual bool Acquire(ThreadState& ts, ExecLock& lock, bool blocking, double timeout, WaitKind kind) = 0;
    // lock.release(): false if it was not locked (the caller raises).
    virtual bool Release(ThreadState& ts, ExecLock& lock) = 0;
    virtual bool Locked(const ExecLock& lock) const = 0;

    // _thread.start_joinable_thread. Throws (as RuntimeError "can't start
    // new thread") when the thread cannot be made.
    virtual std::shared_ptr<ExecThread> Start(ThreadState& parent, ThreadStart start) = 0;
    virtual bool Join(ThreadState& ts, ExecThread& thread, double timeout) = 0;
    // A new emulated process; joined like a thread. Throws as Start does.
    virtual std::shared_ptr<ExecThread> StartProcess(ThreadState& parent, ProcessStart start) = 0;
    // The cores a program sees (os.cpu_count(), a process pool's default size).
    virtual int Cores() const = 0;

    virtual double SwitchInterval() const = 0;
    virtual void SetSwitchInterval(double seconds) = 0;

    // A read or write of a watched global (the counter of the race lessons).
    virtual void Watched(ThreadState& ts, const std::string& name, int64_t value, bool write) = 0;

    // The program's output (print), in order, from any thread.
    virtual void Write(ThreadState& ts, const std::string& text, bool to_stderr) = 0;
    // What the run has observed so far, for a lesson's metrics (asked on the
    // main thread once the program has ended).
    virtual RunObservations Observe(ThreadState&) { return {}; }
    // The main module reached the `# part:` comment of part `index` (0-based
    // into Program::parts): from here on its time and threads are that part's.
    virtual void PartStart(ThreadState&, int /*index*/) {}
};

} // namespace threadlab::py
