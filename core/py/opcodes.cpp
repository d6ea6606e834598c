#include "opcodes.hpp"

namespace threadlab::py {

namespace {
constexpr Switch N = Switch::Never;
constexpr Switch Y = Switch::Always;
constexpr Switch D = Switch::UnlessExactBool;
constexpr Switch C = Switch::AfterNativeCall;

constexpr OpInfo kInfo[] = {
#define OPCODE(name, s39, s312, shared) {#name, s39, s312, shared == Y},
#include "opcodes.def"
#undef OPCODE
};
static_assert(sizeof(kInfo) / sizeof(kInfo[0]) == kOpCount);
} // namespace

const OpInfo& Info(Op op) { return kInfo[int(op)]; }
std::string_view OpName(Op op) { return kInfo[int(op)].name; }

std::string_view BinaryOpSymbol(int arg)
{
    static constexpr std::string_view kPlain[] = {"+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"};
    static constexpr std::string_view kInplaceSymbols[] = {"+=", "&=", "//=", "<<=", "@=", "*=", "%=",
                                                           "|=", "**=", ">>=", "-=", "/=", "^="};
    if (arg >= 0 && arg < kInplace)
        return kPlain[arg];
    if (arg >= kInplace && arg < 2 * kInplace)
        return kInplaceSymbols[arg - kInplace];
    return "?";
}

std::string_view CompareOpSymbol(CompareOp op)
{
    static constexpr std::string_view kSymbols[] = {"<", "<=", "==", "!=", ">", ">="};
    return kSymbols[int(op)];
}

} // namespace threadlab::py
