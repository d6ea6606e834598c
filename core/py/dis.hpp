#pragma once
// `threadlab dis`: a program's instructions, line by line, in the layout of
// CPython's dis module, with the points where the chosen model may switch
// threads marked.
#include "../model.hpp"
#include "code.hpp"

#include <string>

namespace threadlab::py {

// The main module and every function, class body and comprehension in it.
std::string Disassemble(const ModuleInfo& module, Model model);

// One line's instructions in short form ("LOAD_GLOBAL counter"), for the window.
std::string DescribeInstr(const Code& code, int pc);

// Where `model` may switch after instruction `pc` of `code`, in words, or
// empty if it never does there.
std::string SwitchNote(const Code& code, int pc, Model model);

} // namespace threadlab::py
