#pragma once
// One run of a program: the Interpreter (modules, builtins, the heap, the
// model) and a ThreadState per Python thread (its frames, the exception it
// is handling, its clock).
//
// Design notes
// - Frames: Python-to-Python calls push a Frame and go on in the same eval
//   loop; only a call from native code back into Python (a key function, a
//   generator driven by list(), __repr__ …) starts a nested loop. Every
//   frame counts toward the recursion limit.
// - A thread's clock (`clock_ps`) is the run's notion of how much CPU time
//   the thread has used, in real picoseconds at the run's time scale: each
//   instruction adds its model cost. `attention_ps` is when the executor
//   next wants to hear from it.
#include "../model.hpp"
#include "code.hpp"
#include "executor.hpp"
#include "objects.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace threadlab::py {

// A Python exception travelling through C++: the exception object.
struct PyError {
    Value exc;
};

// A call returning to native code instead of continuing in the loop.
inline constexpr int kMaxDepth = 1000;

struct Frame {
    const Code* code = nullptr;
    Function* func = nullptr;
    Module* module = nullptr;
    Dict* locals = nullptr; // a class body's namespace (LOAD_NAME / STORE_NAME)
    Frame* back = nullptr;
    int pc = 0;             // next instruction
    int sp = 0;             // stack height above stack_base
    std::vector<Value> slots; // localsplus, then the value stack
    int nlocalsplus = 0;
    bool entry = false;     // returning from it leaves the eval loop that runs it
    Generator* gen = nullptr; // the generator this frame belongs to
    const Tuple* kwnames = nullptr; // from KW_NAMES, for the next CALL
    Value pending_throw = Value::Null(); // gen.throw(): raised where the generator resumes
    int last_line = 0;
    Value* Locals() { return slots.data(); }
    Value* Stack() { return slots.data() + nlocalsplus; }
    int Line() const;
};

struct RunSettings {
    Model model = Model::Py312;
    double time_scale = 1.0;
    int64_t heap_bound = int64_t(1) << 30; // 1 GiB
    std::vector<std::string> watch;        // watched global names of the main module
    std::vector<std::string> argv;
    uint64_t seed = 0;
    bool seeded = false;
    // Instructions cost their model's time (live runs burn it). Off: the VM
    // runs at its own speed, for measuring that speed.
    bool charge_costs = true;
    // On the simulated executor: under 3.13t every instruction that touches
    // shared state is a point where threads interleave.
    bool simulated = false;
    // Runs on the main thread once the program and its threads have ended
    // normally (the explorer's check, a lesson's metrics): it sees the final
    // globals through Interpreter::EvalOverMain.
    std::function<void(ThreadState&)> finale;
};

inline constexpr int64_t kDefaultHeapBound = int64_t(1) << 30;

class Interpreter;

// An exception no handler caught, in any thread: how a schedule fails.
struct UncaughtError {
    std::string thread;
    std::string message; // CPython's last traceback line: "AssertionError: lost an update"
    bool assertion = false;
    int line = 0; // the innermost line of the program's own code, 0 if none
};

class ThreadState {
public:
    ThreadState(Interpreter& interp, Executor& exec);
    ~ThreadState();
    ThreadState(const ThreadState&) = delete;
    ThreadState& operator=(const ThreadState&) = delete;

    Interpreter& interp;
    Executor& exec;
    Frame* frame = nullptr;
    int depth = 0;
    Value exc_info = Value::None(); // the exception being handled
    int64_t ident = 0;
    Value thread_object = Value::None(); // threading.Thread for this thread, set by threading.py

    // Time and attention (see the design notes above), in picoseconds of
    // real time at the run's time scale (fractions of a nanosecond add up).
    int64_t clock_ps = 0;
    int64_t attention_ps = INT64_MAX;
    const std::atomic<bool>* flag_a = nullptr; // e.g. the GIL's drop request
    const std::atomic<bool>* flag_b = nullptr; // e.g. the run's stop flag
    std::atomic<int>* line_hint = nullptr;     // the lane's "current line"
    void* exec_data = nullptr;                 // the executor's own per-thread record

    bool Attention() const
    {
        return clock_ps >= attention_ps || (flag_a && flag_a->load(std::memory_order_relaxed)) ||
               (flag_b && flag_b->load(std::memory_order_relaxed));
    }

    Frame* NewFrame(const Code* code, int extra_stack = 0);
    void FreeFrame(Frame* f);

private:
    std::vector<Frame*> m_free_frames;
};

class Interpreter {
public:
    Interpreter(const Program& program, RunSettings settings);
    // An emulated process's interpreter: its own modules and objects, its
    // allocations charged to `budget` (the run's heap).
    Interpreter(const Program& program, RunSettings settings, Heap& budget, std::string process_name);
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;

    const Program& program;
    const RunSettings settings;
    const Model model;
    Heap heap;
    Module* builtins = nullptr;
    Module* main = nullptr;

    // Runs the main module on `ts` (the main thread). Returns the exit code
    // python3 would give: 0, or 1 after an uncaught exception (printed).
    int RunMain(ThreadState& ts);
    // An emulated process's main thread: imports the main module as
    // __mp_main__ (so its `if __name__ == "__main__":` block does not run, as
    // under CPython's spawn start method), then runs `body`. Returns the
    // process's exit code.
    int RunProcess(ThreadState& ts, const std::function<void(ThreadState&)>& body);

    const std::string process_name; // "MainProcess", or the emulated process's
    static constexpr int64_t kMainPid = 1000;
    int64_t pid = kMainPid; // its emulated process id (set before it runs)
    bool bootstrapping = false;     // importing __mp_main__: starting a process now is an error

    // import: the module, executed on first use.
    Module* Import(ThreadState& ts, std::string_view name);
    Module* FindLoaded(std::string_view name);

    // Prints an exception with its traceback (to the program's stderr).
    void PrintException(ThreadState& ts, Value exc);
    std::string FormatException(ThreadState& ts, Value exc);
    // The exit status python3 gives for an uncaught exception (printing it).
    int ExitCodeFor(ThreadState& ts, Value exc);
    // Every uncaught exception is noted, for whoever judges the run.
    void NoteUncaught(ThreadState& ts, Value exc, std::string thread);
    std::vector<UncaughtError> Uncaught() const;
    // Runs separately compiled module code (the explorer's check, a lesson's
    // metrics) in a module of its own that sees __main__'s final globals and
    // `extra` (the run's observations); returns that module.
    Module* RunOverMain(ThreadState& ts, const ModuleInfo& info,
                        const std::vector<std::pair<std::string, Value>>& extra = {});

    // Where a switch may happen after `op` under this run's model.
    bool switch_after[256] = {};
    uint8_t no_switch_mask = 0;      // kNoSwitch39 under 3.9
    bool switch_after_native_call = false;
    bool switch_after_python_call = false; // 3.9 checks when a Python callee returns
    bool exact_bool_skips = false;         // 3.9's POP_JUMP_IF_* fast path
    int64_t cost_ps[256] = {};             // per instruction, at the run's time scale
    int64_t native_call_cost_ps = 0;       // a call into a builtin, beyond its CALL

    std::atomic<int64_t> next_ident{1};
    // Exceptions made once: raising MemoryError must not allocate.
    Value memory_error = Value::Null();
    Value recursion_message = Value::Null();

private:
    void Init();
    // Runs `body` with python3's handling of what escapes it, then waits for
    // the non-daemon threads as interpreter exit does.
    int RunAndFinish(ThreadState& ts, const std::function<void()>& body);
    Module* NewModule(const ModuleInfo& info, const std::string& name);
    void RunModuleCode(ThreadState& ts, Module* module, const ModuleInfo& info);
    std::mutex m_modules_mutex;
    std::map<std::string, Module*, std::less<>> m_modules;
    mutable std::mutex m_uncaught_mutex;
    std::vector<UncaughtError> m_uncaught;
};

// Runs `code` as a new frame on `ts`'s stack until it returns; used by
// module execution and every call from native code into Python.
Value RunFrame(ThreadState& ts, Frame* frame);

} // namespace threadlab::py
