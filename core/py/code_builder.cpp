#include "code_builder.hpp"

#include <algorithm>
#include <bit>
#include <deque>
#include <stdexcept>

namespace threadlab::py {

bool IsJump(Op op)
{
    switch (op) {
    case Op::JUMP_FORWARD:
    case Op::JUMP_BACKWARD:
    case Op::JUMP_BACKWARD_NO_INTERRUPT:
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
    case Op::POP_JUMP_IF_NONE:
    case Op::POP_JUMP_IF_NOT_NONE:
    case Op::FOR_ITER:
    case Op::SEND: return true;
    default: return false;
    }
}

bool IsTerminal(Op op)
{
    switch (op) {
    case Op::JUMP_FORWARD:
    case Op::JUMP_BACKWARD:
    case Op::JUMP_BACKWARD_NO_INTERRUPT:
    case Op::RETURN_VALUE:
    case Op::RETURN_CONST:
    case Op::RAISE_VARARGS:
    case Op::RERAISE: return true;
    default: return false;
    }
}

int StackEffect(Op op, int arg, bool jump)
{
    switch (op) {
    case Op::NOP:
    case Op::RESUME:
    case Op::MAKE_CELL:
    case Op::COPY_FREE_VARS:
    case Op::SWAP:
    case Op::UNARY_NEGATIVE:
    case Op::UNARY_NOT:
    case Op::UNARY_INVERT:
    case Op::CALL_INTRINSIC_1:
    case Op::GET_ITER:
    case Op::GET_YIELD_FROM_ITER:
    case Op::JUMP_FORWARD:
    case Op::JUMP_BACKWARD:
    case Op::JUMP_BACKWARD_NO_INTERRUPT:
    case Op::KW_NAMES:
    case Op::CHECK_EXC_MATCH:
    case Op::YIELD_VALUE:
    case Op::DELETE_FAST:
    case Op::DELETE_NAME:
    case Op::DELETE_GLOBAL:
    case Op::DELETE_DEREF:
    case Op::RETURN_CONST:
    case Op::SEND: return 0;
    case Op::POP_TOP:
    case Op::STORE_FAST:
    case Op::STORE_NAME:
    case Op::STORE_GLOBAL:
    case Op::STORE_DEREF:
    case Op::DELETE_ATTR:
    case Op::BINARY_OP:
    case Op::COMPARE_OP:
    case Op::IS_OP:
    case Op::CONTAINS_OP:
    case Op::BINARY_SUBSCR:
    case Op::LIST_APPEND:
    case Op::SET_ADD:
    case Op::LIST_EXTEND:
    case Op::SET_UPDATE:
    case Op::DICT_UPDATE:
    case Op::DICT_MERGE:
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
    case Op::POP_JUMP_IF_NONE:
    case Op::POP_JUMP_IF_NOT_NONE:
    case Op::RETURN_VALUE:
    case Op::RERAISE:
    case Op::POP_EXCEPT:
    case Op::IMPORT_NAME:
    case Op::END_SEND: return -1;
    case Op::PUSH_NULL:
    case Op::COPY:
    case Op::LOAD_CONST:
    case Op::LOAD_FAST:
    case Op::LOAD_FAST_CHECK:
    case Op::LOAD_NAME:
    case Op::LOAD_DEREF:
    case Op::LOAD_CLOSURE:
    case Op::LOAD_FROM_DICT_OR_DEREF:
    case Op::LOAD_LOCALS:
    case Op::LOAD_BUILD_CLASS:
    case Op::LOAD_ASSERTION_ERROR:
    case Op::PUSH_EXC_INFO:
    case Op::BEFORE_WITH:
    case Op::WITH_EXCEPT_START:
    case Op::RETURN_GENERATOR:
    case Op::IMPORT_FROM: return 1;
    case Op::END_FOR: return -2;
    case Op::LOAD_GLOBAL: return (arg & 1) ? 2 : 1;
    case Op::LOAD_ATTR: return (arg & 1) ? 1 : 0;
    case Op::LOAD_SUPER_ATTR: return (arg & 1) ? -1 : -2;
    case Op::STORE_ATTR: return -2;
    case Op::STORE_SUBSCR: return -3;
    case Op::DELETE_SUBSCR: return -2;
    case Op::BINARY_SLICE: return -2;
    case Op::STORE_SLICE: return -4;
    case Op::BUILD_SLICE: return -(arg - 1);
    case Op::BUILD_TUPLE:
    case Op::BUILD_LIST:
    case Op::BUILD_SET:
    case Op::BUILD_STRING: return 1 - arg;
    case Op::BUILD_MAP: return 1 - 2 * arg;
    case Op::BUILD_CONST_KEY_MAP: return -arg;
    case Op::MAP_ADD: return -2;
    case Op::UNPACK_SEQUENCE: return arg - 1;
    case Op::UNPACK_EX: return (arg & 0xFF) + (arg >> 8);
    case Op::FORMAT_VALUE: return (arg & kFormatHasSpec) ? -1 : 0;
    case Op::FOR_ITER: return jump ? -1 : 1;
    case Op::CALL: return -arg - 1;
    case Op::CALL_FUNCTION_EX: return -2 - (arg & 1);
    case Op::MAKE_FUNCTION: return -std::popcount(unsigned(arg));
    case Op::RAISE_VARARGS: return -arg;
    }
    return 0;
}

int CodeBuilder::Emit(Op op, int arg)
{
    Instr ins;
    ins.op = op;
    ins.arg = arg;
    m_instrs.push_back(ins);
    m_lines.push_back(m_line);
    m_handler_of.push_back(m_handler_stack.empty() ? -1 : m_handler_stack.back());
    m_depth += StackEffect(op, arg, false);
    m_label_here = false;
    return int(m_instrs.size()) - 1;
}

void CodeBuilder::EmitJump(Op op, Label target)
{
    const int index = Emit(op, target.id);
    m_jumps.push_back(index);
}

Label CodeBuilder::NewLabel()
{
    m_label_pos.push_back(-1);
    return Label{int(m_label_pos.size()) - 1};
}

void CodeBuilder::Bind(Label label)
{
    m_label_pos[size_t(label.id)] = int(m_instrs.size());
    m_label_here = true;
}

// True when the code so far cannot fall through to what comes next (a
// jump to here makes it reachable again).
bool CodeBuilder::LastIsTerminal() const
{
    return !m_instrs.empty() && IsTerminal(m_instrs.back().op) && !m_label_here;
}

void CodeBuilder::MarkNoSwitch39()
{
    if (!m_instrs.empty())
        m_instrs.back().flags |= kNoSwitch39;
}

int CodeBuilder::Const(Value v)
{
    auto [it, inserted] = m_const_index.try_emplace(v.Bits(), int(m_code->consts.size()));
    if (inserted)
        m_code->consts.push_back(v);
    return it->second;
}

int CodeBuilder::ConstStr(std::string_view s)
{
    auto it = m_str_consts.find(s);
    if (it != m_str_consts.end())
        return it->second;
    const int index = int(m_code->consts.size());
    m_code->consts.push_back(Value::Obj(Intern(s)));
    m_str_consts.emplace(std::string(s), index);
    return index;
}

int CodeBuilder::Name(std::string_view name, int global_slot)
{
    auto it = m_names.find(name);
    if (it != m_names.end()) {
        if (global_slot >= 0)
            m_code->global_slot[size_t(it->second)] = global_slot;
        return it->second;
    }
    const int index = int(m_code->names.size());
    m_code->names.push_back(Intern(name));
    m_code->global_slot.push_back(global_slot);
    m_names.emplace(std::string(name), index);
    return index;
}

void CodeBuilder::PushHandler(Label target, int depth, bool lasti)
{
    m_handlers.push_back(Handler{target, depth, lasti});
    m_handler_stack.push_back(int(m_handlers.size()) - 1);
}

void CodeBuilder::PopHandler() { m_handler_stack.pop_back(); }

void CodeBuilder::Finish()
{
    for (int j : m_jumps) {
        const int pos = m_label_pos[size_t(m_instrs[size_t(j)].arg)];
        if (pos < 0)
            throw std::logic_error("compiler: unbound label");
        m_instrs[size_t(j)].arg = pos;
    }
    // Line starts.
    int previous = -1;
    for (size_t i = 0; i < m_instrs.size(); ++i) {
        if (m_lines[i] != previous && m_lines[i] > 0)
            m_instrs[i].flags |= kLineStart;
        previous = m_lines[i];
    }
    // The exception table: runs of instructions with the same handler.
    std::vector<ExceptionRange> table;
    for (size_t i = 0; i < m_instrs.size(); ++i) {
        const int h = m_handler_of[i];
        if (h < 0)
            continue;
        const Handler& handler = m_handlers[size_t(h)];
        const int target = m_label_pos[size_t(handler.target.id)];
        if (!table.empty() && table.back().end == int(i) && table.back().target == target &&
            table.back().depth == handler.depth) {
            table.back().end = int(i) + 1;
        } else {
            table.push_back(ExceptionRange{int(i), int(i) + 1, target, handler.depth, handler.lasti});
        }
    }
    // The deepest the stack gets, following every path.
    std::vector<int> depth_at(m_instrs.size() + 1, -1);
    std::deque<std::pair<int, int>> work{{0, 0}};
    for (const ExceptionRange& r : table)
        work.emplace_back(r.target, r.depth + 1);
    int max_depth = 0;
    while (!work.empty()) {
        auto [pc, depth] = work.front();
        work.pop_front();
        while (pc < int(m_instrs.size())) {
            if (depth_at[size_t(pc)] >= depth)
                break;
            depth_at[size_t(pc)] = depth;
            max_depth = std::max(max_depth, depth);
            const Instr& ins = m_instrs[size_t(pc)];
            if (IsJump(ins.op)) {
                int jump_depth = depth + StackEffect(ins.op, ins.arg, true);
                max_depth = std::max(max_depth, jump_depth);
                work.emplace_back(ins.arg, jump_depth);
            }
            const int next = depth + StackEffect(ins.op, ins.arg, false);
            max_depth = std::max(max_depth, next);
            if (IsTerminal(ins.op))
                break;
            depth = next;
            ++pc;
        }
    }
    // A handler cannot cut the stack to more than it holds where it covers.
    for (const ExceptionRange& r : table)
        if (depth_at[size_t(r.start)] >= 0 && r.depth > depth_at[size_t(r.start)])
            throw std::logic_error("compiler: exception handler deeper than the stack it covers");
    m_code->code = std::move(m_instrs);
    m_code->lines = std::move(m_lines);
    m_code->exceptions = std::move(table);
    m_code->stacksize = max_depth + 2;
}

} // namespace threadlab::py
