// The compiler's expressions (and assignment targets).
#include "compiler_impl.hpp"

#include "containers.hpp"

#include <algorithm>
#include <stdexcept>

namespace threadlab::py {

namespace {

int NbOf(uint8_t op)
{
    switch (BinOpKind(op)) {
    case BinOpKind::Add: return int(BinaryOp::Add);
    case BinOpKind::Sub: return int(BinaryOp::Subtract);
    case BinOpKind::Mult: return int(BinaryOp::Multiply);
    case BinOpKind::Div: return int(BinaryOp::TrueDivide);
    case BinOpKind::FloorDiv: return int(BinaryOp::FloorDivide);
    case BinOpKind::Mod: return int(BinaryOp::Remainder);
    case BinOpKind::Pow: return int(BinaryOp::Power);
    case BinOpKind::LShift: return int(BinaryOp::LShift);
    case BinOpKind::RShift: return int(BinaryOp::RShift);
    case BinOpKind::BitOr: return int(BinaryOp::Or);
    case BinOpKind::BitXor: return int(BinaryOp::Xor);
    case BinOpKind::BitAnd: return int(BinaryOp::And);
    case BinOpKind::MatMult: return int(BinaryOp::MatrixMultiply);
    }
    return 0;
}

bool HasStarred(const std::vector<Node*>& elts)
{
    for (const Node* e : elts)
        if (e->kind == NodeKind::Starred)
            return true;
    return false;
}

} // namespace

int BinaryOpArg(uint8_t op) { return NbOf(op); }

bool Compiler::IsConstant(const Node* e) const
{
    if (e->kind == NodeKind::Constant)
        return true;
    if (e->kind == NodeKind::UnaryOp && UnaryOpKind(e->op) == UnaryOpKind::USub && e->value->kind == NodeKind::Constant &&
        (e->value->constant.kind == Constant::Kind::Int || e->value->constant.kind == Constant::Kind::Float))
        return true;
    if (e->kind == NodeKind::Tuple) {
        for (const Node* x : e->elts)
            if (!IsConstant(x))
                return false;
        return true;
    }
    return false;
}

Value Compiler::ConstantValue(const Node* e)
{
    if (e->kind == NodeKind::UnaryOp) {
        const Constant& c = e->value->constant;
        if (c.kind == Constant::Kind::Float)
            return Value::Float(-c.float_value);
        if (c.int_value == INT64_MIN)
            Refuse(e, "integers beyond 64 bits");
        return MakeInt(-c.int_value);
    }
    if (e->kind == NodeKind::Tuple) {
        Tuple* t = NewTuple(e->elts.size());
        for (size_t i = 0; i < e->elts.size(); ++i)
            t->items[i] = ConstantValue(e->elts[i]);
        return Value::Obj(t);
    }
    const Constant& c = e->constant;
    switch (c.kind) {
    case Constant::Kind::None: return Value::None();
    case Constant::Kind::True: return Value::True();
    case Constant::Kind::False: return Value::False();
    case Constant::Kind::Ellipsis: return Value::Ellipsis();
    case Constant::Kind::Int: return MakeInt(c.int_value);
    case Constant::Kind::Float: return Value::Float(c.float_value);
    case Constant::Kind::Str: return Value::Obj(Intern(c.str));
    }
    return Value::None();
}

void Compiler::EmitConstant(const Node* e) { B().Emit(Op::LOAD_CONST, B().Const(ConstantValue(e))); }

void Compiler::Expr(const Node* e)
{
    const int saved_line = B().Line();
    if (e->line > 0 && e->line != saved_line && e->kind != NodeKind::Constant)
        B().SetLine(e->line);
    switch (e->kind) {
    case NodeKind::Constant: EmitConstant(e); break;
    case NodeKind::Name: NameOp(e->name, NameCtx::Load); break;
    case NodeKind::BinOp:
        Expr(e->left);
        Expr(e->right);
        B().SetLine(e->line);
        B().Emit(Op::BINARY_OP, NbOf(e->op));
        break;
    case NodeKind::UnaryOp:
        if (IsConstant(e)) {
            EmitConstant(e);
            break;
        }
        Expr(e->value);
        switch (UnaryOpKind(e->op)) {
        case UnaryOpKind::Not: B().Emit(Op::UNARY_NOT); break;
        case UnaryOpKind::USub: B().Emit(Op::UNARY_NEGATIVE); break;
        case UnaryOpKind::Invert: B().Emit(Op::UNARY_INVERT); break;
        case UnaryOpKind::UAdd: B().Emit(Op::CALL_INTRINSIC_1, int(Intrinsic::UnaryPositive)); break;
        }
        break;
    case NodeKind::BoolOp: BoolOp(e); break;
    case NodeKind::Compare: Compare(e); break;
    case NodeKind::Call: Call(e); break;
    case NodeKind::Attribute: Attribute(e); break;
    case NodeKind::Subscript: Subscript(e); break;
    case NodeKind::Slice:
        SliceParts(e);
        B().Emit(Op::BUILD_SLICE, e->step != nullptr ? 3 : 2);
        break;
    case NodeKind::Tuple: Sequence(e, Op::BUILD_TUPLE, true); break;
    case NodeKind::List: Sequence(e, Op::BUILD_LIST, false); break;
    case NodeKind::Set: Sequence(e, Op::BUILD_SET, false); break;
    case NodeKind::Dict: DictDisplay(e); break;
    case NodeKind::ListComp:
    case NodeKind::SetComp:
    case NodeKind::DictComp:
    case NodeKind::GeneratorExp: {
        Code* code = FunctionBody(e, m_symbols.For(e).name, nullptr, nullptr);
        B().SetLine(e->line);
        B().Emit(Op::PUSH_NULL);
        MakeClosure(code, 0);
        Expr(e->generators[0]->iter);
        B().Emit(Op::GET_ITER);
        B().Emit(Op::CALL, 1);
        break;
    }
    case NodeKind::Lambda: Lambda(e); break;
    case NodeKind::IfExp: IfExp(e); break;
    case NodeKind::JoinedStr: JoinedStr(e); break;
    case NodeKind::FormattedValue: FormattedValue(e); break;
    case NodeKind::Yield: Yield(e); break;
    case NodeKind::YieldFrom: YieldFrom(e); break;
    case NodeKind::NamedExpr: NamedExpr(e); break;
    case NodeKind::Starred: Fail(e, "can't use starred expression here");
    default: Fail(e, "invalid syntax");
    }
    B().SetLine(saved_line);
}

void Compiler::NameOp(const std::string& name, NameCtx ctx, int line)
{
    (void)line;
    const ScopeInfo& scope = *m_unit->scope;
    const NameScope ns = scope.ScopeOf(name);
    auto fast = [&](Op load, Op store, Op del, int arg) {
        B().Emit(ctx == NameCtx::Load ? load : ctx == NameCtx::Store ? store : del, arg);
    };
    const int slot = GlobalSlot(name);
    switch (scope.kind) {
    case ScopeInfo::Kind::Module:
        fast(Op::LOAD_NAME, Op::STORE_NAME, Op::DELETE_NAME, B().Name(name, slot));
        return;
    case ScopeInfo::Kind::Class:
        switch (ns) {
        case NameScope::GlobalExplicit:
            fast(Op::LOAD_GLOBAL, Op::STORE_GLOBAL, Op::DELETE_GLOBAL, B().Name(name, slot) << (ctx == NameCtx::Load ? 1 : 0));
            return;
        case NameScope::Free:
        case NameScope::Cell: {
            const int cell = m_unit->cell_index.at(name);
            // A load looks in the class namespace first, by the cell's name.
            fast(Op::LOAD_FROM_DICT_OR_DEREF, Op::STORE_DEREF, Op::DELETE_DEREF, cell);
            return;
        }
        default: fast(Op::LOAD_NAME, Op::STORE_NAME, Op::DELETE_NAME, B().Name(name, slot)); return;
        }
    default:
        switch (ns) {
        case NameScope::Local: fast(Op::LOAD_FAST, Op::STORE_FAST, Op::DELETE_FAST, m_unit->local_index.at(name)); return;
        case NameScope::Cell:
        case NameScope::Free: fast(Op::LOAD_DEREF, Op::STORE_DEREF, Op::DELETE_DEREF, m_unit->cell_index.at(name)); return;
        default:
            if (ctx == NameCtx::Load)
                B().Emit(Op::LOAD_GLOBAL, B().Name(name, slot) << 1);
            else
                B().Emit(ctx == NameCtx::Store ? Op::STORE_GLOBAL : Op::DELETE_GLOBAL, B().Name(name, slot));
            return;
        }
    }
}

void Compiler::Store(const Node* t)
{
    switch (t->kind) {
    case NodeKind::Name: NameOp(t->name, NameCtx::Store); return;
    case NodeKind::Attribute:
        Expr(t->value);
        B().SetLine(t->line);
        B().Emit(Op::STORE_ATTR, B().Name(t->name, -1));
        return;
    case NodeKind::Subscript:
        Expr(t->value);
        if (t->slice->kind == NodeKind::Slice && t->slice->step == nullptr) {
            SliceParts(t->slice);
            B().Emit(Op::STORE_SLICE);
            return;
        }
        Expr(t->slice);
        B().Emit(Op::STORE_SUBSCR);
        return;
    case NodeKind::Tuple:
    case NodeKind::List:
        Unpack(t->elts, t->line, t->col);
        return;
    case NodeKind::Starred: Fail(t, "starred assignment target must be in a list or tuple");
    default: Fail(t, "cannot assign to expression");
    }
}

void Compiler::Unpack(const std::vector<Node*>& elts, int line, int col)
{
    (void)line;
    (void)col;
    int star = -1;
    for (size_t i = 0; i < elts.size(); ++i)
        if (elts[i]->kind == NodeKind::Starred)
            star = int(i);
    if (star < 0) {
        B().Emit(Op::UNPACK_SEQUENCE, int(elts.size()));
    } else {
        const int after = int(elts.size()) - star - 1;
        if (star > 255 || after > 255)
            Fail(elts[size_t(star)], "too many expressions in star-unpacking assignment");
        B().Emit(Op::UNPACK_EX, star | (after << 8));
    }
    for (const Node* e : elts)
        Store(e->kind == NodeKind::Starred ? e->value : e);
}

void Compiler::Attribute(const Node* e)
{
    Expr(e->value);
    B().SetLine(e->line);
    B().Emit(Op::LOAD_ATTR, B().Name(e->name, -1) << 1);
}

void Compiler::SliceParts(const Node* slice)
{
    auto part = [&](const Node* p) {
        if (p == nullptr)
            B().Emit(Op::LOAD_CONST, B().Const(Value::None()));
        else
            Expr(p);
    };
    part(slice->lower);
    part(slice->upper);
    if (slice->step != nullptr)
        Expr(slice->step);
}

void Compiler::Subscript(const Node* e)
{
    Expr(e->value);
    if (e->slice->kind == NodeKind::Slice && e->slice->step == nullptr) {
        SliceParts(e->slice);
        B().SetLine(e->line);
        B().Emit(Op::BINARY_SLICE);
        return;
    }
    Expr(e->slice);
    B().SetLine(e->line);
    B().Emit(Op::BINARY_SUBSCR);
}

void Compiler::BoolOp(const Node* e)
{
    Label end = B().NewLabel();
    const Op jump = BoolOpKind(e->op) == BoolOpKind::And ? Op::POP_JUMP_IF_FALSE : Op::POP_JUMP_IF_TRUE;
    for (size_t i = 0; i < e->elts.size(); ++i) {
        Expr(e->elts[i]);
        if (i + 1 == e->elts.size())
            break;
        B().Emit(Op::COPY, 1);
        B().EmitJump(jump, end);
        B().Emit(Op::POP_TOP);
    }
    B().Bind(end);
}

namespace {
void EmitCompare(CodeBuilder& b, CmpOpKind op)
{
    switch (op) {
    case CmpOpKind::Eq: b.Emit(Op::COMPARE_OP, int(CompareOp::Eq) << 4); break;
    case CmpOpKind::NotEq: b.Emit(Op::COMPARE_OP, int(CompareOp::Ne) << 4); break;
    case CmpOpKind::Lt: b.Emit(Op::COMPARE_OP, int(CompareOp::Lt) << 4); break;
    case CmpOpKind::LtE: b.Emit(Op::COMPARE_OP, int(CompareOp::Le) << 4); break;
    case CmpOpKind::Gt: b.Emit(Op::COMPARE_OP, int(CompareOp::Gt) << 4); break;
    case CmpOpKind::GtE: b.Emit(Op::COMPARE_OP, int(CompareOp::Ge) << 4); break;
    case CmpOpKind::Is: b.Emit(Op::IS_OP, 0); break;
    case CmpOpKind::IsNot: b.Emit(Op::IS_OP, 1); break;
    case CmpOpKind::In: b.Emit(Op::CONTAINS_OP, 0); break;
    case CmpOpKind::NotIn: b.Emit(Op::CONTAINS_OP, 1); break;
    }
}

const char* CompareText(CmpOpKind op)
{
    switch (op) {
    case CmpOpKind::Eq: return " == ";
    case CmpOpKind::NotEq: return " != ";
    case CmpOpKind::Lt: return " < ";
    case CmpOpKind::LtE: return " <= ";
    case CmpOpKind::Gt: return " > ";
    case CmpOpKind::GtE: return " >= ";
    case CmpOpKind::Is: return " is ";
    case CmpOpKind::IsNot: return " is not ";
    case CmpOpKind::In: return " in ";
    case CmpOpKind::NotIn: return " not in ";
    }
    return " ? ";
}

} // namespace

// `assert a < b` as pytest rewrites it: each side evaluated once, and on
// failure AssertionError("assert 0.31 < 0.05") with the values' reprs.
bool Compiler::ExplainedAssert(const Node* s)
{
    const Node* test = s->test;
    if (s->value != nullptr || test->kind != NodeKind::Compare || test->ops.size() != 1)
        return false;
    Expr(test->left);
    Expr(test->elts[0]); // a b
    const int depth = B().Depth();
    B().Emit(Op::COPY, 2);
    B().Emit(Op::COPY, 2);
    B().SetLine(test->line);
    EmitCompare(B(), test->ops[0]); // a b result
    Label passed = B().NewLabel();
    B().EmitJump(Op::POP_JUMP_IF_TRUE, passed);
    B().Emit(Op::FORMAT_VALUE, 2); // a repr(b)
    B().Emit(Op::SWAP, 2);
    B().Emit(Op::FORMAT_VALUE, 2); // repr(b) repr(a)
    B().Emit(Op::LOAD_CONST, B().ConstStr("assert "));
    B().Emit(Op::SWAP, 2);
    B().Emit(Op::LOAD_CONST, B().ConstStr(CompareText(test->ops[0])));
    B().Emit(Op::COPY, 4);
    B().Emit(Op::BUILD_STRING, 4); // repr(b) message
    B().Emit(Op::SWAP, 2);
    B().Emit(Op::POP_TOP);
    B().Emit(Op::LOAD_ASSERTION_ERROR);
    B().Emit(Op::SWAP, 2);
    B().Emit(Op::CALL, 0);
    B().SetLine(s->line);
    B().Emit(Op::RAISE_VARARGS, 1);
    B().Bind(passed);
    B().SetDepth(depth);
    B().Emit(Op::POP_TOP);
    B().Emit(Op::POP_TOP);
    return true;
}


void Compiler::Compare(const Node* e)
{
    Expr(e->left);
    if (e->ops.size() == 1) {
        Expr(e->elts[0]);
        B().SetLine(e->line);
        EmitCompare(B(), e->ops[0]);
        return;
    }
    // a < b < c: each middle operand is compared twice but evaluated once.
    Label cleanup = B().NewLabel(), end = B().NewLabel();
    for (size_t i = 0; i + 1 < e->ops.size(); ++i) {
        Expr(e->elts[i]);
        B().Emit(Op::SWAP, 2);
        B().Emit(Op::COPY, 2);
        EmitCompare(B(), e->ops[i]);
        B().Emit(Op::COPY, 1);
        B().EmitJump(Op::POP_JUMP_IF_FALSE, cleanup);
        B().Emit(Op::POP_TOP);
    }
    Expr(e->elts.back());
    EmitCompare(B(), e->ops.back());
    const int depth = B().Depth();
    B().EmitJump(Op::JUMP_FORWARD, end);
    B().Bind(cleanup);
    B().SetDepth(depth + 1);
    B().Emit(Op::SWAP, 2);
    B().Emit(Op::POP_TOP);
    B().Bind(end);
    B().SetDepth(depth);
}

void Compiler::JumpIf(const Node* e, Label target, bool when)
{
    if (e->kind == NodeKind::UnaryOp && UnaryOpKind(e->op) == UnaryOpKind::Not) {
        JumpIf(e->value, target, !when);
        return;
    }
    if (e->kind == NodeKind::BoolOp) {
        const bool is_and = BoolOpKind(e->op) == BoolOpKind::And;
        // `a and b` is false when either is; `a or b` true when either is.
        if (is_and != when) {
            for (const Node* x : e->elts)
                JumpIf(x, target, when);
            return;
        }
        Label skip = B().NewLabel();
        for (size_t i = 0; i + 1 < e->elts.size(); ++i)
            JumpIf(e->elts[i], skip, !when);
        JumpIf(e->elts.back(), target, when);
        B().Bind(skip);
        return;
    }
    if (e->kind == NodeKind::Compare && e->ops.size() == 1 &&
        (e->ops[0] == CmpOpKind::Is || e->ops[0] == CmpOpKind::IsNot) && e->elts[0]->kind == NodeKind::Constant &&
        e->elts[0]->constant.kind == Constant::Kind::None) {
        Expr(e->left);
        const bool jump_if_none = (e->ops[0] == CmpOpKind::Is) == when;
        B().EmitJump(jump_if_none ? Op::POP_JUMP_IF_NONE : Op::POP_JUMP_IF_NOT_NONE, target);
        return;
    }
    Expr(e);
    B().EmitJump(when ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, target);
}

void Compiler::Call(const Node* e)
{
    const Node* f = e->func;
    const bool simple = !HasStarred(e->elts) && [&] {
        for (const Node* k : e->keywords)
            if (k->name.empty())
                return false;
        return true;
    }();
    if (f->kind == NodeKind::Attribute && simple) {
        Expr(f->value);
        B().SetLine(f->line);
        B().Emit(Op::LOAD_ATTR, (B().Name(f->name, -1) << 1) | 1);
    } else if (f->kind == NodeKind::Name && m_unit->scope->IsFunctionLike() &&
               (m_unit->scope->ScopeOf(f->name) == NameScope::GlobalImplicit ||
                m_unit->scope->ScopeOf(f->name) == NameScope::GlobalExplicit)) {
        B().Emit(Op::LOAD_GLOBAL, (B().Name(f->name, GlobalSlot(f->name)) << 1) | 1);
    } else {
        B().Emit(Op::PUSH_NULL);
        Expr(f);
    }
    B().SetLine(e->line);
    CallHelper(e->elts, e->keywords, 0);
}

bool Compiler::CallHelper(const std::vector<Node*>& args, const std::vector<Node*>& keywords, int already)
{
    bool ex = HasStarred(args);
    for (const Node* k : keywords)
        ex |= k->name.empty();
    if (ex) {
        CallEx(args, keywords, already);
        return true;
    }
    const int line = B().Line();
    for (const Node* a : args)
        Expr(a);
    for (const Node* k : keywords)
        Expr(k->value);
    B().SetLine(line);
    if (!keywords.empty()) {
        Tuple* names = NewTuple(keywords.size());
        for (size_t i = 0; i < keywords.size(); ++i)
            names->items[i] = Value::Obj(Intern(keywords[i]->name));
        B().Emit(Op::KW_NAMES, B().Const(Value::Obj(names)));
    }
    B().Emit(Op::CALL, already + int(args.size() + keywords.size()));
    return false;
}

void Compiler::CallEx(const std::vector<Node*>& args, const std::vector<Node*>& keywords, int already)
{
    const int line = B().Line();
    B().Emit(Op::BUILD_LIST, already);
    for (const Node* a : args) {
        if (a->kind == NodeKind::Starred) {
            Expr(a->value);
            B().Emit(Op::LIST_EXTEND, 1);
        } else {
            Expr(a);
            B().Emit(Op::LIST_APPEND, 1);
        }
    }
    B().Emit(Op::CALL_INTRINSIC_1, int(Intrinsic::ListToTuple));
    int flag = 0;
    if (!keywords.empty()) {
        flag = 1;
        B().Emit(Op::BUILD_MAP, 0);
        for (const Node* k : keywords) {
            if (k->name.empty()) {
                Expr(k->value);
                B().Emit(Op::DICT_MERGE, 1);
            } else {
                B().Emit(Op::LOAD_CONST, B().ConstStr(k->name));
                Expr(k->value);
                B().Emit(Op::BUILD_MAP, 1);
                B().Emit(Op::DICT_MERGE, 1);
            }
        }
    }
    B().SetLine(line);
    B().Emit(Op::CALL_FUNCTION_EX, flag);
}

void Compiler::Sequence(const Node* e, Op build, bool is_tuple)
{
    if (is_tuple && IsConstant(e)) {
        EmitConstant(e);
        return;
    }
    if (build == Op::BUILD_SET && e->elts.size() >= 3 &&
        std::all_of(e->elts.begin(), e->elts.end(), [&](const Node* x) { return IsConstant(x); })) {
        // As CPython 3.12: a frozenset constant (made in source order, then
        // remade in its own order) merged into a new set — which decides the
        // order the set prints in.
        Set* first = NewSet(true);
        for (const Node* x : e->elts)
            SetAdd(nullptr, first, ConstantValue(x));
        Set* constant = NewSet(true);
        for (Value v : SetItems(first))
            SetAdd(nullptr, constant, v);
        B().Emit(Op::BUILD_SET, 0);
        B().Emit(Op::LOAD_CONST, B().Const(Value::Obj(constant)));
        B().Emit(Op::SET_UPDATE, 1);
        return;
    }
    if (!HasStarred(e->elts)) {
        for (const Node* x : e->elts)
            Expr(x);
        B().Emit(build, int(e->elts.size()));
        return;
    }
    const bool set = build == Op::BUILD_SET;
    B().Emit(set ? Op::BUILD_SET : Op::BUILD_LIST, 0);
    for (const Node* x : e->elts) {
        if (x->kind == NodeKind::Starred) {
            Expr(x->value);
            B().Emit(set ? Op::SET_UPDATE : Op::LIST_EXTEND, 1);
        } else {
            Expr(x);
            B().Emit(set ? Op::SET_ADD : Op::LIST_APPEND, 1);
        }
    }
    if (is_tuple)
        B().Emit(Op::CALL_INTRINSIC_1, int(Intrinsic::ListToTuple));
}

void Compiler::DictDisplay(const Node* e)
{
    int pending = 0;
    bool built = false;
    auto flush = [&]() {
        if (pending == 0 && built)
            return;
        B().Emit(Op::BUILD_MAP, pending);
        if (built)
            B().Emit(Op::DICT_UPDATE, 1);
        built = true;
        pending = 0;
    };
    for (size_t i = 0; i < e->keys.size(); ++i) {
        if (e->keys[i] == nullptr) {
            flush();
            Expr(e->values[i]);
            B().Emit(Op::DICT_UPDATE, 1);
            continue;
        }
        Expr(e->keys[i]);
        Expr(e->values[i]);
        ++pending;
    }
    if (!built || pending > 0)
        flush();
}

// Inside a comprehension's own function: `.0` is the first iterator.
void Compiler::Comprehension(const Node* e)
{
    switch (e->kind) {
    case NodeKind::ListComp: B().Emit(Op::BUILD_LIST, 0); break;
    case NodeKind::SetComp: B().Emit(Op::BUILD_SET, 0); break;
    case NodeKind::DictComp: B().Emit(Op::BUILD_MAP, 0); break;
    default: break;
    }
    ComprehensionLoop(e, 0, 1);
    if (e->kind == NodeKind::GeneratorExp)
        B().Emit(Op::RETURN_CONST, B().Const(Value::None()));
    else
        B().Emit(Op::RETURN_VALUE);
}

void Compiler::ComprehensionLoop(const Node* e, size_t index, int depth)
{
    const Node* gen = e->generators[index];
    Label top = B().NewLabel(), skip = B().NewLabel(), exit = B().NewLabel();
    if (index == 0) {
        B().Emit(Op::LOAD_FAST, 0);
    } else {
        Expr(gen->iter);
        B().Emit(Op::GET_ITER);
    }
    B().Bind(top);
    const int loop_depth = B().Depth();
    B().EmitJump(Op::FOR_ITER, exit);
    Store(gen->target);
    for (const Node* cond : gen->ifs)
        JumpIf(cond, skip, false);
    if (index + 1 < e->generators.size()) {
        ComprehensionLoop(e, index + 1, depth + 1);
    } else {
        switch (e->kind) {
        case NodeKind::ListComp:
            Expr(e->elt);
            B().Emit(Op::LIST_APPEND, depth + 1);
            break;
        case NodeKind::SetComp:
            Expr(e->elt);
            B().Emit(Op::SET_ADD, depth + 1);
            break;
        case NodeKind::DictComp:
            Expr(e->key);
            Expr(e->value);
            B().Emit(Op::MAP_ADD, depth + 1);
            break;
        default:
            Expr(e->elt);
            B().Emit(Op::YIELD_VALUE, 0);
            B().Emit(Op::RESUME, 1);
            B().Emit(Op::POP_TOP);
            break;
        }
    }
    B().Bind(skip);
    B().EmitJump(Op::JUMP_BACKWARD, top);
    B().SetDepth(loop_depth);
    B().Emit(Op::END_FOR);
    B().SetDepth(loop_depth - 1);
    B().Bind(exit);
}

void Compiler::Lambda(const Node* e)
{
    const Arguments& a = *e->arguments;
    int flags = 0;
    if (!a.defaults.empty()) {
        for (const Node* d : a.defaults)
            Expr(d);
        B().Emit(Op::BUILD_TUPLE, int(a.defaults.size()));
        flags |= kFnDefaults;
    }
    int kw = 0;
    for (size_t i = 0; i < a.kwonly.size(); ++i)
        if (a.kw_defaults[i] != nullptr) {
            B().Emit(Op::LOAD_CONST, B().ConstStr(a.kwonly[i].name));
            Expr(a.kw_defaults[i]);
            ++kw;
        }
    if (kw > 0) {
        B().Emit(Op::BUILD_MAP, kw);
        flags |= kFnKwDefaults;
    }
    Code* code = FunctionBody(e, "<lambda>", nullptr, e->value);
    MakeClosure(code, flags);
}

void Compiler::IfExp(const Node* e)
{
    Label orelse = B().NewLabel(), end = B().NewLabel();
    JumpIf(e->test, orelse, false);
    const int depth = B().Depth();
    Expr(e->value);
    B().EmitJump(Op::JUMP_FORWARD, end);
    B().Bind(orelse);
    B().SetDepth(depth);
    Expr(e->orelse_value);
    B().Bind(end);
}

void Compiler::JoinedStr(const Node* e)
{
    if (e->elts.empty()) {
        B().Emit(Op::LOAD_CONST, B().ConstStr(""));
        return;
    }
    for (const Node* part : e->elts) {
        if (part->kind == NodeKind::Constant)
            B().Emit(Op::LOAD_CONST, B().ConstStr(part->constant.str));
        else
            FormattedValue(part);
    }
    if (e->elts.size() > 1 || e->elts[0]->kind == NodeKind::Constant)
        B().Emit(Op::BUILD_STRING, int(e->elts.size()));
}

void Compiler::FormattedValue(const Node* e)
{
    Expr(e->value);
    int flags = e->conversion == 's' ? 1 : e->conversion == 'r' ? 2 : e->conversion == 'a' ? 3 : 0;
    if (e->format_spec != nullptr) {
        const auto& parts = e->format_spec->elts;
        if (parts.size() == 1 && parts[0]->kind == NodeKind::Constant)
            B().Emit(Op::LOAD_CONST, B().ConstStr(parts[0]->constant.str));
        else
            JoinedStr(e->format_spec);
        flags |= kFormatHasSpec;
    }
    B().Emit(Op::FORMAT_VALUE, flags);
}

void Compiler::Yield(const Node* e)
{
    if (e->value != nullptr)
        Expr(e->value);
    else
        B().Emit(Op::LOAD_CONST, B().Const(Value::None()));
    B().Emit(Op::YIELD_VALUE, 0);
    B().Emit(Op::RESUME, 1);
}

void Compiler::YieldFrom(const Node* e)
{
    Label loop = B().NewLabel(), exit = B().NewLabel();
    Expr(e->value);
    B().Emit(Op::GET_YIELD_FROM_ITER);
    B().Emit(Op::LOAD_CONST, B().Const(Value::None()));
    B().Bind(loop);
    B().EmitJump(Op::SEND, exit);
    B().Emit(Op::YIELD_VALUE, 0);
    B().Emit(Op::RESUME, 2);
    B().EmitJump(Op::JUMP_BACKWARD_NO_INTERRUPT, loop);
    B().Bind(exit);
    B().Emit(Op::END_SEND);
}

void Compiler::NamedExpr(const Node* e)
{
    Expr(e->value);
    B().Emit(Op::COPY, 1);
    // The target lives in the nearest enclosing scope that is not a comprehension.
    const ScopeInfo* scope = m_unit->scope;
    if (scope->kind == ScopeInfo::Kind::Comprehension) {
        const NameScope ns = scope->ScopeOf(e->target->name);
        if (ns == NameScope::Free || ns == NameScope::Cell) {
            B().Emit(Op::STORE_DEREF, m_unit->cell_index.at(e->target->name));
            return;
        }
        B().Emit(Op::STORE_GLOBAL, B().Name(e->target->name, GlobalSlot(e->target->name)));
        return;
    }
    NameOp(e->target->name, NameCtx::Store);
}

} // namespace threadlab::py
