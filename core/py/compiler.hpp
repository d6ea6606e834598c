#pragma once
// The compiler: a syntax tree to CPython-3.12-shaped code objects, and a
// whole program — the main file and every module it imports — to a
// Program a run executes. Imports are resolved here, before anything runs:
// a module threadlab does not have is refused with its line, unless the
// import stands in a `try:` that may catch the ModuleNotFoundError it raises.
#include "code.hpp"
#include "source_error.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace threadlab::py {

// The source of one of threadlab's own Python modules ("threading"), or
// empty if there is none.
std::string_view LibrarySource(std::string_view module);

// Compiles `source` as the program's main module "__main__" and, after it,
// every module it imports. Throws SourceError (the main file's) or
// std::logic_error (a fault in threadlab's own library).
struct CompileOptions {
    // As pytest rewrites them: a failed `assert a OP b` raises
    // AssertionError("assert <repr a> OP <repr b>"). For the Make step's
    // tests only: the extra instructions change no switch point of a
    // lesson because no lesson compiles with it.
    bool explain_asserts = false;
};

std::unique_ptr<Program> CompileProgram(std::string_view filename, std::string_view source,
                                        const CompileOptions& options = {});

// Compiles only the main module and checks that every module it imports
// exists: enough to refuse a program with its SourceError or to mark its
// parts, not to run it. A lesson's page and the editor check a program this
// way; compiling threadlab's own modules too took most of the time.
std::unique_ptr<Program> CompileMainModule(std::string_view filename, std::string_view source);

} // namespace threadlab::py
