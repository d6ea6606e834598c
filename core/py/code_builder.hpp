#pragma once
// CodeBuilder: the compiler's instruction buffer for one code object —
// labels and jumps, the constant and name tables, which instructions an
// exception handler covers (turned into the exception table at the end)
// and the deepest the value stack can get.
#include "code.hpp"

#include <map>
#include <string>
#include <vector>

namespace threadlab::py {

struct Label {
    int id = -1;
};

class CodeBuilder {
public:
    explicit CodeBuilder(Code* code) : m_code(code) {}

    void SetLine(int line) { m_line = line; }
    int Line() const { return m_line; }

    // Emits and returns the instruction's index.
    int Emit(Op op, int arg = 0);
    void EmitJump(Op op, Label target);
    Label NewLabel();
    void Bind(Label label);
    bool LastIsTerminal() const; // the last instruction never falls through

    int Const(Value v);
    int ConstStr(std::string_view s);
    int Name(std::string_view name, int global_slot);
    // Marks the last emitted instruction: 3.9 does not check after it.
    void MarkNoSwitch39();

    // Exception handlers cover what is emitted between Push and Pop.
    void PushHandler(Label target, int depth, bool lasti = false);
    void PopHandler();
    int HandlerDepth() const { return int(m_handler_stack.size()); }
    std::vector<int> HandlerStack() const { return m_handler_stack; }
    void SetHandlerStack(std::vector<int> stack) { m_handler_stack = std::move(stack); }

    // Stack depth the compiler tracks as it goes (for handler depths).
    int Depth() const { return m_depth; }
    void SetDepth(int depth) { m_depth = depth; }

    // Resolves labels, builds the exception table and the line flags, and
    // computes the stack size. Writes everything into the code object.
    void Finish();

private:
    struct Handler {
        Label target;
        int depth;
        bool lasti;
    };
    Code* m_code;
    std::vector<Instr> m_instrs;
    std::vector<int32_t> m_lines;
    std::vector<int> m_handler_of; // per instruction: index into m_handlers, or -1
    std::vector<Handler> m_handlers;
    std::vector<int> m_handler_stack;
    std::vector<int> m_label_pos;
    std::vector<int> m_jumps; // instructions whose arg is a label id
    std::map<uint64_t, int> m_const_index;
    std::map<std::string, int, std::less<>> m_str_consts;
    std::map<std::string, int, std::less<>> m_names;
    int m_line = 0;
    int m_depth = 0;
    bool m_label_here = false; // a label is bound after the last instruction
};

// How an instruction changes the depth of the value stack; `jump` selects
// the effect when a conditional jump is taken.
int StackEffect(Op op, int arg, bool jump);
bool IsJump(Op op);
bool IsTerminal(Op op); // never falls through (return, raise, unconditional jump)

} // namespace threadlab::py
