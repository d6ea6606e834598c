#pragma once
// What each instruction costs under each model, in nanoseconds at time
// scale 1, by instruction class. The figures and how they were measured on
// the CPython versions under pyenv are in cost_model.cpp.
#include "../model.hpp"
#include "opcodes.hpp"

namespace threadlab::py {

double InstructionCostNs(Model model, Op op);
// What a call into a native (builtin) function costs beyond its CALL.
double NativeCallCostNs(Model model);
// What starting a process costs its own CPU before it runs its task: a new
// interpreter spawned, importing the program as __mp_main__.
double ProcessStartCostNs(Model model);

} // namespace threadlab::py
