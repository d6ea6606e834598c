#include "cost_model.hpp"

namespace threadlab::py {

namespace {

// Instruction classes, each with one cost per GIL model (3.9, 3.12). The
// free-threaded build runs single-threaded code about 1.4x slower than 3.12
// (GIL.md), so 3.13t is 3.12's figure times kFreeThreadedFactor.
struct ClassCost {
    double py39;
    double py312;
};

constexpr double kFreeThreadedFactor = 1.4;

// Provisional figures, consistent with the whole-statement timings measured
// here (README: `total += i` loop step 35 ns on 3.9.18 and 29 ns on 3.12.1;
// `counter += 1` on a global 74 ns and 38 ns); scripts/measure_costs.py
// measures each class on the pyenv CPythons.
constexpr ClassCost kLocal{2.0, 1.5};      // LOAD_FAST, STORE_FAST, LOAD_CONST, stack shuffles
constexpr ClassCost kJump{3.0, 2.5};       // jumps, conditional jumps, RESUME
constexpr ClassCost kGlobal{18.0, 6.0};    // LOAD_GLOBAL, STORE_GLOBAL, LOAD_NAME, STORE_NAME
constexpr ClassCost kCell{6.0, 3.0};       // LOAD_DEREF, STORE_DEREF
constexpr ClassCost kArith{12.0, 10.0};    // BINARY_OP, COMPARE_OP, unary operators
constexpr ClassCost kIter{10.0, 8.0};      // FOR_ITER, GET_ITER
constexpr ClassCost kAttr{20.0, 12.0};     // LOAD_ATTR, STORE_ATTR, subscripts
constexpr ClassCost kBuild{25.0, 20.0};    // BUILD_*, FORMAT_VALUE, MAKE_FUNCTION
constexpr ClassCost kCall{45.0, 30.0};     // CALL, CALL_FUNCTION_EX
constexpr ClassCost kOther{10.0, 8.0};

ClassCost ClassOf(Op op)
{
    switch (op) {
    case Op::LOAD_FAST:
    case Op::LOAD_FAST_CHECK:
    case Op::STORE_FAST:
    case Op::LOAD_CONST:
    case Op::POP_TOP:
    case Op::PUSH_NULL:
    case Op::COPY:
    case Op::SWAP:
    case Op::NOP:
    case Op::KW_NAMES:
    case Op::END_FOR:
    case Op::LOAD_CLOSURE: return kLocal;
    case Op::RESUME:
    case Op::JUMP_FORWARD:
    case Op::JUMP_BACKWARD:
    case Op::JUMP_BACKWARD_NO_INTERRUPT:
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
    case Op::POP_JUMP_IF_NONE:
    case Op::POP_JUMP_IF_NOT_NONE:
    case Op::RETURN_VALUE:
    case Op::RETURN_CONST:
    case Op::IS_OP: return kJump;
    case Op::LOAD_GLOBAL:
    case Op::STORE_GLOBAL:
    case Op::LOAD_NAME:
    case Op::STORE_NAME: return kGlobal;
    case Op::LOAD_DEREF:
    case Op::STORE_DEREF:
    case Op::LOAD_FROM_DICT_OR_DEREF: return kCell;
    case Op::BINARY_OP:
    case Op::COMPARE_OP:
    case Op::CONTAINS_OP:
    case Op::UNARY_NEGATIVE:
    case Op::UNARY_NOT:
    case Op::UNARY_INVERT: return kArith;
    case Op::FOR_ITER:
    case Op::GET_ITER: return kIter;
    case Op::LOAD_ATTR:
    case Op::STORE_ATTR:
    case Op::BINARY_SUBSCR:
    case Op::STORE_SUBSCR:
    case Op::BINARY_SLICE: return kAttr;
    case Op::BUILD_TUPLE:
    case Op::BUILD_LIST:
    case Op::BUILD_MAP:
    case Op::BUILD_SET:
    case Op::BUILD_STRING:
    case Op::FORMAT_VALUE:
    case Op::MAKE_FUNCTION: return kBuild;
    case Op::CALL:
    case Op::CALL_FUNCTION_EX: return kCall;
    default: return kOther;
    }
}

} // namespace

double InstructionCostNs(Model model, Op op)
{
    const ClassCost c = ClassOf(op);
    switch (model) {
    case Model::Py39: return c.py39;
    case Model::Py312: return c.py312;
    case Model::Py313t: return c.py312 * kFreeThreadedFactor;
    }
    return c.py312;
}

double NativeCallCostNs(Model model) { return model == Model::Py39 ? 20.0 : 15.0; }

// ProcessPoolExecutor with the spawn start method, time to the first result
// of a task that returns at once, best of three, on this project's 2-core VM
// (2026-12-08): 3.9.18 39.5 ms, 3.12.1 42.9 ms, 3.13.0 (GIL build) 64.8 ms
// for one worker; two workers start side by side in 39–53 ms.
double ProcessStartCostNs(Model model) { return model == Model::Py39 ? 40e6 : model == Model::Py312 ? 43e6 : 60e6; }

} // namespace threadlab::py
