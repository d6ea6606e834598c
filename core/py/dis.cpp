#include "dis.hpp"

#include "containers.hpp"
#include "format.hpp"

#include <fmt/format.h>

namespace threadlab::py {

namespace {

std::string ConstRepr(Value v)
{
    if (v.IsNone())
        return "None";
    if (v.IsTrue())
        return "True";
    if (v.IsFalse())
        return "False";
    if (v.IsEllipsis())
        return "Ellipsis";
    if (v.IsFloat())
        return FloatRepr(v.AsFloat());
    if (IsInt(v))
        return std::to_string(IntValue(v));
    const Object* o = v.AsObject();
    if (o->type == Types().str)
        return StrRepr(static_cast<const Str*>(o)->View());
    if (o->type == Types().tuple) {
        const Tuple* t = static_cast<const Tuple*>(o);
        std::string s = "(";
        for (size_t i = 0; i < t->Size(); ++i) {
            if (i)
                s += ", ";
            s += ConstRepr(t->items[i]);
        }
        if (t->Size() == 1)
            s += ",";
        return s + ")";
    }
    if (o->type == Types().frozenset) {
        std::string s = "frozenset({";
        bool first = true;
        for (Value v : SetItems(static_cast<const Set*>(o))) {
            s += (first ? "" : ", ") + ConstRepr(v);
            first = false;
        }
        return s + "})";
    }
    if (o->type == Types().code) {
        const Code* c = static_cast<const Code*>(o);
        return fmt::format("<code object {}, line {}>", c->name, c->firstlineno);
    }
    return "<" + o->type->name + ">";
}

std::string LocalName(const Code& code, int i)
{
    const size_t n = code.varnames.size();
    if (size_t(i) < n)
        return std::string(code.varnames[size_t(i)]->View());
    if (size_t(i) < n + code.cellvars.size())
        return std::string(code.cellvars[size_t(i) - n]->View());
    const size_t f = size_t(i) - n - code.cellvars.size();
    return f < code.freevars.size() ? std::string(code.freevars[f]->View()) : "?";
}

std::string Name(const Code& code, int i)
{
    return size_t(i) < code.names.size() ? std::string(code.names[size_t(i)]->View()) : "?";
}

// What the argument means, as dis shows it in brackets.
std::string ArgMeaning(const Code& code, const Instr& ins, bool short_form)
{
    const int arg = ins.arg;
    switch (ins.op) {
    case Op::LOAD_CONST:
    case Op::RETURN_CONST:
    case Op::KW_NAMES: return ConstRepr(code.consts[size_t(arg)]);
    case Op::LOAD_FAST:
    case Op::LOAD_FAST_CHECK:
    case Op::STORE_FAST:
    case Op::DELETE_FAST:
    case Op::LOAD_DEREF:
    case Op::STORE_DEREF:
    case Op::DELETE_DEREF:
    case Op::LOAD_CLOSURE:
    case Op::MAKE_CELL:
    case Op::LOAD_FROM_DICT_OR_DEREF: return LocalName(code, arg);
    case Op::LOAD_NAME:
    case Op::STORE_NAME:
    case Op::DELETE_NAME:
    case Op::STORE_GLOBAL:
    case Op::DELETE_GLOBAL:
    case Op::STORE_ATTR:
    case Op::DELETE_ATTR:
    case Op::IMPORT_NAME:
    case Op::IMPORT_FROM: return Name(code, arg);
    case Op::LOAD_GLOBAL: return ((arg & 1) && !short_form ? "NULL + " : "") + Name(code, arg >> 1);
    case Op::LOAD_ATTR: return ((arg & 1) && !short_form ? "NULL|self + " : "") + Name(code, arg >> 1);
    case Op::BINARY_OP: return std::string(BinaryOpSymbol(arg));
    case Op::COMPARE_OP: return std::string(CompareOpSymbol(CompareOp(arg >> 4)));
    case Op::IS_OP: return arg ? "is not" : "is";
    case Op::CONTAINS_OP: return arg ? "not in" : "in";
    case Op::JUMP_FORWARD:
    case Op::JUMP_BACKWARD:
    case Op::JUMP_BACKWARD_NO_INTERRUPT:
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
    case Op::POP_JUMP_IF_NONE:
    case Op::POP_JUMP_IF_NOT_NONE:
    case Op::FOR_ITER:
    case Op::SEND: return fmt::format("to {}", arg * 2);
    case Op::CALL_INTRINSIC_1:
        switch (Intrinsic(arg)) {
        case Intrinsic::UnaryPositive: return "INTRINSIC_UNARY_POSITIVE";
        case Intrinsic::ListToTuple: return "INTRINSIC_LIST_TO_TUPLE";
        default: return "";
        }
    case Op::FORMAT_VALUE: {
        static const char* kConv[] = {"", "str", "repr", "ascii"};
        std::string s = kConv[arg & kFormatConversionMask];
        if (arg & kFormatHasSpec)
            s += s.empty() ? "with format" : ", with format";
        return s;
    }
    case Op::MAKE_FUNCTION: {
        std::string s;
        auto add = [&](const char* w) { s += (s.empty() ? "" : ", ") + std::string(w); };
        if (arg & kFnDefaults)
            add("defaults");
        if (arg & kFnKwDefaults)
            add("kwdefaults");
        if (arg & kFnAnnotations)
            add("annotations");
        if (arg & kFnClosure)
            add("closure");
        return s;
    }
    default: return "";
    }
}

bool IsJumpOp(Op op)
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

bool HasArg(Op op)
{
    switch (op) {
    case Op::NOP:
    case Op::POP_TOP:
    case Op::PUSH_NULL:
    case Op::END_FOR:
    case Op::RETURN_VALUE:
    case Op::BINARY_SUBSCR:
    case Op::STORE_SUBSCR:
    case Op::DELETE_SUBSCR:
    case Op::BINARY_SLICE:
    case Op::STORE_SLICE:
    case Op::UNARY_NEGATIVE:
    case Op::UNARY_NOT:
    case Op::UNARY_INVERT:
    case Op::GET_ITER:
    case Op::LOAD_BUILD_CLASS:
    case Op::LOAD_ASSERTION_ERROR:
    case Op::LOAD_LOCALS:
    case Op::PUSH_EXC_INFO:
    case Op::POP_EXCEPT:
    case Op::CHECK_EXC_MATCH:
    case Op::BEFORE_WITH:
    case Op::WITH_EXCEPT_START:
    case Op::RETURN_GENERATOR:
    case Op::GET_YIELD_FROM_ITER:
    case Op::END_SEND: return false;
    default: return true;
    }
}

void DisassembleCode(const Code& code, Model model, std::string& out, bool top)
{
    if (!top)
        out += fmt::format("\nDisassembly of {} (line {}):\n", code.qualname, code.firstlineno);
    int last_line = -1;
    for (size_t pc = 0; pc < code.code.size(); ++pc) {
        const Instr& ins = code.code[pc];
        const int line = code.lines[pc];
        std::string line_col = "   ";
        if (line != last_line && line > 0) {
            if (pc > 0)
                out += "\n";
            line_col = fmt::format("{:>3}", line);
            last_line = line;
        }
        std::string text = fmt::format("{}   {:>6} {:<28}", line_col, pc * 2, OpName(ins.op));
        if (HasArg(ins.op)) {
            text += fmt::format("{:>3}", IsJumpOp(ins.op) ? ins.arg * 2 : ins.arg);
            const std::string meaning = ArgMeaning(code, ins, false);
            if (!meaning.empty())
                text += " (" + meaning + ")";
        }
        const std::string note = SwitchNote(code, int(pc), model);
        if (!note.empty()) {
            if (text.size() < 60)
                text += std::string(60 - text.size(), ' ');
            text += "  <- " + note;
        }
        while (!text.empty() && text.back() == ' ')
            text.pop_back();
        out += text + "\n";
    }
    if (!code.exceptions.empty()) {
        out += "ExceptionTable:\n";
        for (const ExceptionRange& r : code.exceptions)
            out += fmt::format("  {} to {} -> {} [{}]{}\n", r.start * 2, (r.end - 1) * 2, r.target * 2, r.depth,
                               r.lasti ? " lasti" : "");
    }
    for (Value c : code.consts)
        if (c.IsObject() && c.AsObject()->type == Types().code)
            DisassembleCode(*static_cast<const Code*>(c.AsObject()), model, out, false);
}

} // namespace

std::string SwitchNote(const Code& code, int pc, Model model)
{
    const Instr& ins = code.code[size_t(pc)];
    const OpInfo& info = Info(ins.op);
    if (model == Model::Py313t)
        return info.shared ? "shared" : "";
    const Switch rule = model == Model::Py39 ? info.py39 : info.py312;
    if (model == Model::Py39 && (ins.flags & kNoSwitch39))
        return "";
    switch (rule) {
    case Switch::Never: return "";
    case Switch::Always: return "may switch";
    case Switch::UnlessExactBool: return "may switch (unless it tested True or False)";
    case Switch::AfterNativeCall: return "may switch (after a builtin)";
    }
    return "";
}

std::string DescribeInstr(const Code& code, int pc)
{
    const Instr& ins = code.code[size_t(pc)];
    std::string s(OpName(ins.op));
    const std::string meaning = ArgMeaning(code, ins, true);
    if (!meaning.empty())
        s += " " + meaning;
    else if (HasArg(ins.op) && ins.op != Op::RESUME)
        s += " " + std::to_string(ins.arg);
    return s;
}

std::string Disassemble(const ModuleInfo& module, Model model)
{
    std::string out;
    const char* rule = model == Model::Py39    ? "a thread may be switched out after the instructions marked"
                       : model == Model::Py312 ? "a thread may be switched out after the instructions marked"
                                               : "no GIL: threads run in parallel; marked instructions touch state "
                                                 "other threads share";
    out += fmt::format("{} under Python {}: {}\n\n", module.filename, ModelName(model), rule);
    DisassembleCode(*module.code, model, out, true);
    return out;
}

} // namespace threadlab::py
