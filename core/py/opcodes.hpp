#pragma once
// Opcodes, generated from opcodes.def: the enum, the names `dis` prints,
// and each model's column of where a thread may be switched out.
#include "../model.hpp"

#include <cstdint>
#include <string_view>

namespace threadlab::py {

enum class Op : uint8_t {
#define OPCODE(name, s39, s312, shared) name,
#include "opcodes.def"
#undef OPCODE
};

inline constexpr int kOpCount = 0
#define OPCODE(name, s39, s312, shared) +1
#include "opcodes.def"
#undef OPCODE
    ;

std::string_view OpName(Op op);

// When a model may switch after an instruction.
enum class Switch : uint8_t {
    Never,
    Always,
    UnlessExactBool, // 3.9's POP_JUMP_IF_*: not after testing True or False
    AfterNativeCall, // 3.12's CALL: only if the callee ran in C
};

struct OpInfo {
    std::string_view name;
    Switch py39;
    Switch py312;
    bool shared; // touches state other threads can see (3.13t's choice points)
};

const OpInfo& Info(Op op);

// BINARY_OP's argument, as CPython's NB_* (the in-place forms add 13).
enum class BinaryOp : uint8_t {
    Add, And, FloorDivide, LShift, MatrixMultiply, Multiply, Remainder, Or, Power, RShift, Subtract,
    TrueDivide, Xor,
};
inline constexpr int kInplace = 13;
std::string_view BinaryOpSymbol(int arg); // "+", "+=", …

// COMPARE_OP's argument >> 4 (CPython 3.12 keeps flags in the low bits).
enum class CompareOp : uint8_t { Lt, Le, Eq, Ne, Gt, Ge };
std::string_view CompareOpSymbol(CompareOp op);

// CALL_INTRINSIC_1's argument.
enum class Intrinsic : uint8_t { Print = 1, ImportStar = 2, StopIterationError = 3, UnaryPositive = 5, ListToTuple = 6 };

// MAKE_FUNCTION's flags.
inline constexpr int kFnDefaults = 0x01;
inline constexpr int kFnKwDefaults = 0x02;
inline constexpr int kFnAnnotations = 0x04;
inline constexpr int kFnClosure = 0x08;

// FORMAT_VALUE's flags.
inline constexpr int kFormatConversionMask = 0x03; // 0 none, 1 str, 2 repr, 3 ascii
inline constexpr int kFormatHasSpec = 0x04;

} // namespace threadlab::py
