#include "interp.hpp"

#include "builtins_impl.hpp"
#include "compiler.hpp"
#include "containers.hpp"
#include "cost_model.hpp"
#include "format.hpp"
#include "modules.hpp"

#include <cmath>

namespace threadlab::py {

// ---------------------------------------------------------------- frames

int Frame::Line() const
{
    if (code == nullptr || code->lines.empty())
        return 0;
    const int at = pc > 0 ? pc - 1 : 0;
    const int line = code->lines[size_t(std::min<int>(at, int(code->lines.size()) - 1))];
    return line > 0 ? line : last_line;
}

ThreadState::ThreadState(Interpreter& i, Executor& e) : interp(i), exec(e) {}

ThreadState::~ThreadState()
{
    for (Frame* f : m_free_frames)
        delete f;
    FlushRegistrations();
}

Frame* ThreadState::NewFrame(const Code* code, int extra_stack)
{
    Frame* f;
    if (!m_free_frames.empty()) {
        f = m_free_frames.back();
        m_free_frames.pop_back();
    } else {
        f = new Frame();
    }
    f->code = code;
    f->func = nullptr;
    f->module = nullptr;
    f->locals = nullptr;
    f->back = nullptr;
    f->pc = 0;
    f->sp = 0;
    f->nlocalsplus = code->NumLocalsPlus();
    f->slots.assign(size_t(f->nlocalsplus + code->stacksize + extra_stack), Value::Null());
    f->entry = false;
    f->gen = nullptr;
    f->kwnames = nullptr;
    f->last_line = code->firstlineno;
    return f;
}

void ThreadState::FreeFrame(Frame* f)
{
    if (f->gen != nullptr)
        return; // a generator's frame belongs to the generator
    if (m_free_frames.size() < 64)
        m_free_frames.push_back(f);
    else
        delete f;
}

// ---------------------------------------------------------------- the interpreter

Interpreter::Interpreter(const Program& p, RunSettings s)
    : program(p), settings(std::move(s)), model(settings.model), heap(settings.heap_bound), process_name("MainProcess")
{
    Init();
}

Interpreter::Interpreter(const Program& p, RunSettings s, Heap& budget, std::string name)
    : program(p), settings(std::move(s)), model(settings.model), heap(budget), process_name(std::move(name))
{
    Init();
}

void Interpreter::Init()
{
    // Each model is a column of the opcode table (opcodes.def).
    for (int op = 0; op < kOpCount; ++op) {
        const OpInfo& info = Info(Op(op));
        const Switch rule = model == Model::Py39 ? info.py39 : info.py312;
        switch_after[op] = rule == Switch::Always || rule == Switch::UnlessExactBool ||
                           (settings.simulated && model == Model::Py313t && info.shared);
        const double ns = settings.charge_costs ? InstructionCostNs(model, Op(op)) : 0.0;
        cost_ps[op] = int64_t(std::llround(ns * settings.time_scale * 1000.0));
    }
    switch_after[int(Op::CALL)] = switch_after[int(Op::CALL_FUNCTION_EX)] = true;
    no_switch_mask = model == Model::Py39 ? kNoSwitch39 : 0;
    switch_after_native_call = true;
    switch_after_python_call = model == Model::Py39;
    exact_bool_skips = model == Model::Py39;
    native_call_cost_ps =
        settings.charge_costs ? int64_t(std::llround(NativeCallCostNs(model) * settings.time_scale * 1000.0)) : 0;
}

Interpreter::~Interpreter() = default;

Module* Interpreter::NewModule(const ModuleInfo& info, const std::string& name)
{
    Module* m = New<Module>(Types().module, name, &info.globals);
    m->Set("__name__", StrValue(name));
    m->Set("__file__", StrValue(info.filename));
    m->Set("__doc__", Value::None());
    if (&info == program.Find(program.main)) {
        m->watched.reset(new bool[m->nslots]());
        for (const std::string& name : settings.watch) {
            const int slot = m->FindSlot(name);
            if (slot >= 0)
                m->watched[size_t(slot)] = true;
        }
    }
    return m;
}

Module* Interpreter::FindLoaded(std::string_view name)
{
    std::lock_guard lock(m_modules_mutex);
    auto it = m_modules.find(name);
    return it == m_modules.end() ? nullptr : it->second;
}

void Interpreter::RunModuleCode(ThreadState& ts, Module* module, const ModuleInfo& info)
{
    Frame* frame = ts.NewFrame(info.code);
    frame->module = module;
    RunFrame(ts, frame);
}

Module* Interpreter::Import(ThreadState& ts, std::string_view name)
{
    if (Module* m = FindLoaded(name))
        return m;
    // A dotted name imports its parents first and becomes their attribute.
    Module* parent = nullptr;
    const size_t dot = name.rfind('.');
    if (dot != std::string_view::npos)
        parent = Import(ts, name.substr(0, dot));
    Module* module = nullptr;
    const ModuleInfo* info = program.Find(name);
    if (IsNativeModule(name)) {
        module = MakeNativeModule(ts, name);
        std::lock_guard lock(m_modules_mutex);
        m_modules[std::string(name)] = module;
    } else if (info != nullptr) {
        module = NewModule(*info, info->name);
        {
            std::lock_guard lock(m_modules_mutex);
            m_modules[std::string(name)] = module;
        }
        try {
            RunModuleCode(ts, module, *info);
        } catch (...) {
            std::lock_guard lock(m_modules_mutex);
            m_modules.erase(std::string(name));
            throw;
        }
    } else if (!LibrarySource(name).empty() || name == "concurrent") {
        // A package with no code of its own.
        static const ModuleLayout kEmptyLayout;
        module = New<Module>(Types().module, std::string(name), &kEmptyLayout);
        module->Set("__name__", StrValue(name));
        std::lock_guard lock(m_modules_mutex);
        m_modules[std::string(name)] = module;
    } else {
        RaiseModuleNotFound(&ts, name);
    }
    if (parent != nullptr)
        parent->Set(name.substr(dot + 1), Value::Obj(module));
    return module;
}

int Interpreter::RunMain(ThreadState& ts)
{
    const auto run = [&] {
        const ModuleInfo* info = program.Find(program.main);
        builtins = Import(ts, "builtins");
        main = NewModule(*info, "__main__");
        {
            std::lock_guard lock(m_modules_mutex);
            m_modules["__main__"] = main;
        }
        RunModuleCode(ts, main, *info);
    };
    int exit_code = 1; // a deadlocked program's: the executor says why in the outcome
    try {
        exit_code = RunAndFinish(ts, run);
    } catch (const ProgramDeadlocked&) {
    }
    if (settings.finale)
        settings.finale(ts);
    return exit_code;
}

int Interpreter::RunProcess(ThreadState& ts, const std::function<void(ThreadState&)>& body)
{
    return RunAndFinish(ts, [&] {
        const ModuleInfo* info = program.Find(program.main);
        builtins = Import(ts, "builtins");
        main = NewModule(*info, "__mp_main__");
        {
            // Pickled references to __main__ find the same module, as spawn's.
            std::lock_guard lock(m_modules_mutex);
            m_modules["__main__"] = main;
            m_modules["__mp_main__"] = main;
        }
        bootstrapping = true;
        try {
            RunModuleCode(ts, main, *info);
        } catch (...) {
            bootstrapping = false;
            throw;
        }
        bootstrapping = false;
        body(ts);
    });
}

int Interpreter::RunAndFinish(ThreadState& ts, const std::function<void()>& body)
{
    int exit_code = 0;
    try {
        body();
    } catch (const PyError& e) {
        exit_code = ExitCodeFor(ts, e.exc);
    } catch (const HeapExhausted&) {
        PrintException(ts, memory_error);
        exit_code = 1;
    }
    // As CPython's finalisation: wait for every non-daemon thread.
    if (Module* threading = FindLoaded("threading")) {
        try {
            const Value shutdown = threading->Get("_shutdown");
            if (!shutdown.IsNull())
                Call(ts, shutdown, {});
        } catch (const PyError& e) {
            PrintException(ts, e.exc);
        }
    }
    return exit_code;
}

namespace {
std::string ExceptionLine(ThreadState& ts, Value exc);
} // namespace

int Interpreter::ExitCodeFor(ThreadState& ts, Value exc)
{
    // SystemExit: its code is the exit status (None 0, an int itself, else printed and 1).
    if (IsInstance(exc, Types().SystemExit)) {
        ExceptionObject* e = AsException(exc);
        const Value code = e->args->Size() == 0 ? Value::None() : e->args->items[0];
        if (code.IsNone())
            return 0;
        if (IsInt(code))
            return int(IntValue(code) & 0xFF);
        ts.exec.Write(ts, ToStr(ts, code) + "\n", true);
        return 1;
    }
    NoteUncaught(ts, exc, "MainThread");
    PrintException(ts, exc);
    return 1;
}

void Interpreter::NoteUncaught(ThreadState& ts, Value exc, std::string thread)
{
    UncaughtError error;
    error.thread = std::move(thread);
    error.message = ExceptionLine(ts, exc);
    error.assertion = IsInstance(exc, Types().AssertionError);
    if (const ExceptionObject* e = AsException(exc))
        for (const TracebackEntry& entry : e->traceback)
            if (entry.code->module != nullptr && !entry.code->module->library) {
                error.line = entry.line;
                break;
            }
    std::lock_guard lock(m_uncaught_mutex);
    m_uncaught.push_back(std::move(error));
}

std::vector<UncaughtError> Interpreter::Uncaught() const
{
    std::lock_guard lock(m_uncaught_mutex);
    return m_uncaught;
}

Module* Interpreter::RunOverMain(ThreadState& ts, const ModuleInfo& info,
                                 const std::vector<std::pair<std::string, Value>>& extra)
{
    Module* module = NewModule(info, "__check__");
    for (const Str* name : info.globals.names) {
        const Value v = main->Get(name->View());
        if (!v.IsNull())
            module->Set(name->View(), v);
    }
    for (const auto& [name, value] : extra)
        if (info.globals.Find(name) >= 0)
            module->Set(name, value);
    RunModuleCode(ts, module, info);
    return module;
}

// ---------------------------------------------------------------- tracebacks

namespace {

std::string Strip(const std::string& s)
{
    const size_t a = s.find_first_not_of(" \t");
    if (a == std::string::npos)
        return {};
    const size_t b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}

std::string ExceptionLine(ThreadState& ts, Value exc)
{
    const Type* type = TypeOf(exc);
    std::string name = type->qualname ? std::string(type->qualname->View()) : type->name;
    if (type->module != "builtins" && type->module != "__main__")
        name = type->module + "." + name;
    std::string text;
    try {
        text = ToStr(ts, exc);
    } catch (const PyError&) {
        text = "<exception str() failed>";
    }
    return text.empty() ? name : name + ": " + text;
}

} // namespace

std::string Interpreter::FormatException(ThreadState& ts, Value exc)
{
    std::string out;
    ExceptionObject* e = AsException(exc);
    if (e != nullptr) {
        if (!e->cause.IsNone() && AsException(e->cause) != nullptr) {
            out += FormatException(ts, e->cause);
            out += "\nThe above exception was the direct cause of the following exception:\n\n";
        } else if (!e->suppress_context && !e->context.IsNone() && AsException(e->context) != nullptr &&
                   e->context != exc) {
            out += FormatException(ts, e->context);
            out += "\nDuring handling of the above exception, another exception occurred:\n\n";
        }
        if (!e->traceback.empty()) {
            out += "Traceback (most recent call last):\n";
            // As CPython: after three entries alike (a recursion), one line says how many more there were.
            constexpr int kRecursiveCutoff = 3;
            const auto repeated = [&](int count) {
                if (count > kRecursiveCutoff) {
                    const int more = count - kRecursiveCutoff;
                    out += "  [Previous line repeated " + std::to_string(more) + " more time" + (more > 1 ? "s" : "") +
                           "]\n";
                }
            };
            const TracebackEntry* last = nullptr;
            int count = 0;
            for (auto it = e->traceback.rbegin(); it != e->traceback.rend(); ++it) {
                const Code* code = it->code;
                const ModuleInfo* mod = code->module;
                if (last == nullptr || last->code->module != mod || last->line != it->line ||
                    last->code->name != code->name) {
                    repeated(count);
                    count = 0;
                }
                last = &*it;
                if (++count > kRecursiveCutoff)
                    continue;
                out += "  File \"" + (mod ? mod->filename : std::string("<unknown>")) + "\", line " +
                       std::to_string(it->line) + ", in " + code->name + "\n";
                if (mod != nullptr && it->line >= 1 && size_t(it->line) <= mod->lines.size()) {
                    const std::string src = Strip(mod->lines[size_t(it->line) - 1]);
                    if (!src.empty())
                        out += "    " + src + "\n";
                }
            }
            repeated(count);
        }
    }
    out += ExceptionLine(ts, exc) + "\n";
    return out;
}

void Interpreter::PrintException(ThreadState& ts, Value exc)
{
    std::string text;
    try {
        text = FormatException(ts, exc);
    } catch (...) {
        text = "<exception that could not be printed>\n";
    }
    ts.exec.Write(ts, text, true);
}

} // namespace threadlab::py
