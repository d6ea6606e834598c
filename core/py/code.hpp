#pragma once
// Compiled code: the instruction stream of one function, class body or
// module, shaped as CPython 3.12's code objects (co_code, co_consts,
// co_names, co_varnames, the exception table, the line of each
// instruction), and a Program: every module one run needs, compiled.
#include "objects.hpp"
#include "opcodes.hpp"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace threadlab::py {

struct Instr {
    Op op = Op::NOP;
    uint8_t flags = 0;
    uint16_t part = 0; // with kPartStart: which part of the program begins here (1-based)
    int32_t arg = 0;
};
static_assert(sizeof(Instr) == 8);

enum InstrFlag : uint8_t {
    kLineStart = 1,  // the first instruction of a line
    kNoSwitch39 = 2, // 3.9 skips its check here: the next instruction sets up a with or try block
    kPartStart = 4,  // a `# part: NAME` comment stands above this line (a timeline group begins)
};

// One row of the exception table: an exception raised by an instruction in
// [start, end) jumps to `target` with the value stack cut to `depth` and the
// exception pushed. (`lasti` is shown by dis as CPython marks the row; this
// VM does not push the raising offset, its handlers do not need it.)
struct ExceptionRange {
    int32_t start = 0, end = 0, target = 0;
    int32_t depth = 0;
    bool lasti = false;
};

enum CodeFlag : uint32_t {
    kCoVarArgs = 0x04,
    kCoVarKeywords = 0x08,
    kCoNested = 0x10,
    kCoGenerator = 0x20,
    kCoModule = 0x1000,    // threadlab: a module's body (names are the module's globals)
    kCoClassBody = 0x2000, // threadlab: a class body (names go to the class namespace)
};

struct ModuleInfo;

struct Code : Object {
    explicit Code(Type* t) : Object(t) {}
    std::string name, qualname;
    const ModuleInfo* module = nullptr; // the module this code belongs to
    uint32_t flags = 0;
    int argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
    int firstlineno = 0;
    int stacksize = 0;
    std::vector<Str*> varnames; // fast locals, arguments first
    std::vector<Str*> cellvars; // locals that inner functions capture
    std::vector<Str*> freevars; // captured from an enclosing function
    std::vector<int> cell_arg;  // per cell: the argument it starts as, or -1
    std::vector<Str*> names;    // attribute, global and imported names
    std::vector<int32_t> global_slot; // per name: its slot in the module's globals, or -1
    std::vector<Value> consts;
    Value doc = Value::None(); // the docstring
    std::vector<Instr> code;
    std::vector<int32_t> lines; // per instruction
    std::vector<ExceptionRange> exceptions;

    int NumLocalsPlus() const { return int(varnames.size() + cellvars.size() + freevars.size()); }
    bool IsGenerator() const { return flags & kCoGenerator; }
    // The exception-table row covering instruction `offset`, or null.
    const ExceptionRange* HandlerFor(int offset) const;
};

// A module's global variables: slot number → name, and back.
struct ModuleLayout {
    std::vector<Str*> names;
    std::unordered_map<std::string, int> index;
    int Add(Str* name); // its slot (made if new)
    int Find(std::string_view name) const { auto it = index.find(std::string(name)); return it == index.end() ? -1 : it->second; }
};

// A compiled module of a program.
struct ModuleInfo {
    std::string name;     // "__main__", "threading", …
    std::string filename; // as tracebacks show it
    std::vector<std::string> lines; // the source, for tracebacks
    Code* code = nullptr;
    ModuleLayout globals;
    bool library = false;  // threadlab's own Python (threading, queue, …)
};

// Every Python module a run may import, compiled once; runs share it.
struct Program {
    Program();
    ~Program();
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;
    std::unique_ptr<Heap> heap; // code objects and constants
    std::map<std::string, std::unique_ptr<ModuleInfo>, std::less<>> modules;
    std::string main; // name of the main module ("__main__")
    // The main module's parts, in the order their `# part: NAME` comments
    // stand (MarkParts); empty: the program is one part.
    std::vector<std::string> parts;
    const ModuleInfo* Find(std::string_view name) const;
};

} // namespace threadlab::py
