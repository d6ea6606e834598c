// The eval loop: one dispatch loop over the current frame. Python-to-Python
// calls push a frame and continue here; returns pop back to the caller.
// After each instruction the model's table says whether the thread may be
// switched out there; if its attention is up, the executor is asked.
#include "builtins_impl.hpp"
#include "containers.hpp"
#include "vm.hpp"

#include <fmt/format.h>

namespace threadlab::py {

namespace {

void AddTraceback(Value exc, const Code* code, int pc)
{
    ExceptionObject* e = AsException(exc);
    if (e == nullptr)
        return;
    int line = 0;
    for (int i = std::min<int>(pc, int(code->lines.size()) - 1); i >= 0; --i)
        if (code->lines[size_t(i)] > 0) {
            line = code->lines[size_t(i)];
            break;
        }
    if (line == 0)
        line = code->firstlineno;
    e->traceback.push_back(TracebackEntry{code, line});
}

// Python's `raise X` / `raise X from Y`: an instance (a class is called first).
Value ToRaisable(ThreadState& ts, Value v, const char* what)
{
    if (IsType(v, Types().type) && As<Type>(v)->IsSubtypeOf(Types().BaseException))
        return Call(ts, v, {});
    if (IsInstance(v, Types().BaseException))
        return v;
    TypeError(&ts, what);
}

void UnpackInto(ThreadState& ts, Value seq, int count, Value* out_reversed_top)
{
    // out_reversed_top[0] receives the last item, out_reversed_top[count-1] the first.
    auto store = [&](const Value* items, size_t n) {
        if (int(n) != count) {
            if (int(n) < count)
                ValueError(&ts, fmt::format("not enough values to unpack (expected {}, got {})", count, n));
            ValueError(&ts, fmt::format("too many values to unpack (expected {})", count));
        }
        for (int i = 0; i < count; ++i)
            out_reversed_top[i] = items[size_t(count - 1 - i)];
    };
    if (IsType(seq, Types().tuple)) {
        const Tuple* t = As<Tuple>(seq);
        store(t->items.data(), t->Size());
        return;
    }
    if (IsType(seq, Types().list)) {
        const std::vector<Value> items = ListCopy(As<List>(seq));
        store(items.data(), items.size());
        return;
    }
    if (!IsCallable(seq) && GetIterOrNull(ts, seq).IsNull())
        TypeError(&ts, fmt::format("cannot unpack non-iterable {} object", TypeName(seq)));
    std::vector<Value> items;
    const Value it = GetIter(ts, seq);
    Value v;
    while (Next(ts, it, v)) {
        items.push_back(v);
        if (int(items.size()) > count)
            ValueError(&ts, fmt::format("too many values to unpack (expected {})", count));
    }
    store(items.data(), items.size());
}

Value BuildTuple(const Value* items, int n)
{
    Tuple* t = NewTuple(size_t(n));
    for (int i = 0; i < n; ++i)
        t->items[size_t(i)] = items[i];
    return Value::Obj(t);
}

// The small-int fast paths of BINARY_OP and COMPARE_OP.
inline bool FastIntOp(int op, int64_t a, int64_t b, Value& out)
{
    int64_t r;
    switch (BinaryOp(op >= kInplace ? op - kInplace : op)) {
    case BinaryOp::Add: r = a + b; break; // 48-bit operands cannot overflow 64 bits
    case BinaryOp::Subtract: r = a - b; break;
    case BinaryOp::Multiply:
        if (__builtin_mul_overflow(a, b, &r))
            return false;
        break;
    case BinaryOp::And: r = a & b; break;
    case BinaryOp::Or: r = a | b; break;
    case BinaryOp::Xor: r = a ^ b; break;
    default: return false;
    }
    out = MakeInt(r);
    return true;
}

} // namespace

Value Eval(ThreadState& ts, bool* yielded)
{
    Interpreter& in = ts.interp;
    const TypeTable& types = Types();
    Frame* f = ts.frame;
    const Code* co = nullptr;
    const Instr* code = nullptr;
    std::atomic<int>* line_hint = nullptr; // the lane's current line, while in the program's own code
    Value* locals = nullptr;
    Value* stack = nullptr;
    Value* sp = nullptr;
    int pc = 0;
    bool reraising = false;

#define LOAD_FRAME()                                                                                                   \
    do {                                                                                                               \
        co = f->code;                                                                                                  \
        code = co->code.data();                                                                                        \
        line_hint = co->module != nullptr && co->module->library ? nullptr : ts.line_hint;                             \
        locals = f->Locals();                                                                                          \
        stack = f->Stack();                                                                                            \
        sp = stack + f->sp;                                                                                            \
        pc = f->pc;                                                                                                    \
    } while (0)
#define SAVE_FRAME()                                                                                                   \
    do {                                                                                                               \
        f->pc = pc;                                                                                                    \
        f->sp = int(sp - stack);                                                                                       \
    } while (0)
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])

    // Finds the handler for `exc` in this frame or its callers (within this
    // loop), as the exception table says; false if it leaves the entry frame.
    auto Unwind = [&](Value exc) -> bool {
        ExceptionObject* e = AsException(exc);
        if (e != nullptr && !reraising && e->context.IsNone() && !ts.exc_info.IsNone() && ts.exc_info != exc)
            e->context = ts.exc_info;
        bool first = true;
        for (;;) {
            const int at = pc - 1;
            if (!(first && reraising))
                AddTraceback(exc, co, at);
            first = false;
            const ExceptionRange* handler = co->HandlerFor(at);
            if (handler != nullptr) {
                sp = stack + handler->depth;
                PUSH(exc);
                pc = handler->target;
                reraising = false;
                return true;
            }
            if (f->entry) {
                ts.frame = f->back;
                f->sp = 0;
                if (f->gen == nullptr)
                    ts.FreeFrame(f);
                reraising = false;
                return false;
            }
            Frame* caller = f->back;
            ts.frame = caller;
            LeaveRecursion(ts);
            ts.FreeFrame(f);
            f = caller;
            LOAD_FRAME();
        }
    };

    LOAD_FRAME();
    for (;;) {
        try {
            if (!f->pending_throw.IsNull()) {
                const Value e = f->pending_throw;
                f->pending_throw = Value::Null();
                throw PyError{e};
            }
            for (;;) {
                const Instr ins = code[pc++];
                const Op op = ins.op;
                ts.clock_ps += in.cost_ps[int(op)];
                if (ins.flags & kLineStart) {
                    const int line = co->lines[size_t(pc - 1)];
                    f->last_line = line;
                    if (line_hint != nullptr) // the listing shows the program's lines, not the library's
                        line_hint->store(line, std::memory_order_relaxed);
                    if (ins.flags & kPartStart) [[unlikely]] {
                        SAVE_FRAME();
                        ts.exec.PartStart(ts, ins.part - 1);
                    }
                }
                switch (op) {
                case Op::NOP:
                case Op::RESUME: break;
                case Op::POP_TOP: --sp; break;
                case Op::PUSH_NULL: PUSH(Value::Null()); break;
                case Op::END_FOR: sp -= 2; break;
                case Op::COPY: {
                    const Value v = sp[-ins.arg];
                    PUSH(v);
                    break;
                }
                case Op::SWAP: std::swap(sp[-1], sp[-ins.arg]); break;
                case Op::MAKE_CELL: {
                    const int k = ins.arg - int(co->varnames.size());
                    const int from = co->cell_arg[size_t(k)];
                    locals[ins.arg] = Value::Obj(NewCell(from >= 0 ? locals[from] : Value::Null()));
                    break;
                }
                case Op::COPY_FREE_VARS: {
                    const Tuple* closure = f->func->closure;
                    const int first = int(co->varnames.size() + co->cellvars.size());
                    for (int j = 0; j < ins.arg; ++j)
                        locals[first + j] = closure->items[size_t(j)];
                    break;
                }

                // ------------------------------------------------ loads and stores
                case Op::LOAD_CONST: PUSH(co->consts[size_t(ins.arg)]); break;
                case Op::LOAD_FAST:
                case Op::LOAD_FAST_CHECK: {
                    const Value v = locals[ins.arg];
                    if (v.IsNull())
                        RaiseUnboundLocal(ts, co->varnames[size_t(ins.arg)]);
                    PUSH(v);
                    break;
                }
                case Op::STORE_FAST: locals[ins.arg] = POP(); break;
                case Op::DELETE_FAST:
                    if (locals[ins.arg].IsNull())
                        RaiseUnboundLocal(ts, co->varnames[size_t(ins.arg)]);
                    locals[ins.arg] = Value::Null();
                    break;
                case Op::LOAD_GLOBAL:
                case Op::LOAD_NAME: {
                    const int namei = op == Op::LOAD_GLOBAL ? ins.arg >> 1 : ins.arg;
                    Str* name = co->names[size_t(namei)];
                    Value v = Value::Null();
                    if (op == Op::LOAD_NAME && f->locals != nullptr)
                        v = DictGetStr(f->locals, name->View());
                    const int slot = co->global_slot[size_t(namei)];
                    Module* module = f->module;
                    if (v.IsNull() && slot >= 0) {
                        v = module->slots[size_t(slot)].Load();
                        if (module->watched && module->watched[size_t(slot)] && IsInt(v))
                            ts.exec.Watched(ts, std::string(name->View()), IntValue(v), false);
                        if (v.IsNull())
                            v = module->builtin_cache[size_t(slot)].Load();
                    }
                    if (v.IsNull() && slot < 0)
                        v = module->Get(name->View());
                    if (v.IsNull()) {
                        v = in.builtins->Get(name->View());
                        if (v.IsNull())
                            RaiseNameError(ts, name);
                        if (slot >= 0)
                            module->builtin_cache[size_t(slot)].Store(v);
                    }
                    if (op == Op::LOAD_GLOBAL && (ins.arg & 1))
                        PUSH(Value::Null());
                    PUSH(v);
                    break;
                }
                case Op::STORE_GLOBAL:
                case Op::STORE_NAME: {
                    const Value v = POP();
                    Str* name = co->names[size_t(ins.arg)];
                    if (op == Op::STORE_NAME && f->locals != nullptr) {
                        DictSet(&ts, f->locals, Value::Obj(name), v);
                        break;
                    }
                    const int slot = co->global_slot[size_t(ins.arg)];
                    Module* module = f->module;
                    if (slot < 0) {
                        module->Set(name->View(), v);
                        break;
                    }
                    module->slots[size_t(slot)].Store(v);
                    if (module->watched && module->watched[size_t(slot)] && IsInt(v))
                        ts.exec.Watched(ts, std::string(name->View()), IntValue(v), true);
                    break;
                }
                case Op::DELETE_GLOBAL:
                case Op::DELETE_NAME: {
                    Str* name = co->names[size_t(ins.arg)];
                    if (op == Op::DELETE_NAME && f->locals != nullptr) {
                        if (!DictDel(&ts, f->locals, Value::Obj(name)))
                            RaiseNameError(ts, name);
                        break;
                    }
                    const int slot = co->global_slot[size_t(ins.arg)];
                    if (slot < 0 || f->module->slots[size_t(slot)].Load().IsNull())
                        RaiseNameError(ts, name);
                    f->module->slots[size_t(slot)].Store(Value::Null());
                    break;
                }
                case Op::LOAD_DEREF: {
                    const Value v = As<Cell>(locals[ins.arg])->slot.Load();
                    if (v.IsNull()) {
                        const size_t k = size_t(ins.arg) - co->varnames.size();
                        if (k < co->cellvars.size())
                            RaiseUnboundLocal(ts, co->cellvars[k]);
                        RaiseUnboundFree(ts, co->freevars[k - co->cellvars.size()]);
                    }
                    PUSH(v);
                    break;
                }
                case Op::STORE_DEREF: As<Cell>(locals[ins.arg])->slot.Store(POP()); break;
                case Op::DELETE_DEREF: As<Cell>(locals[ins.arg])->slot.Store(Value::Null()); break;
                case Op::LOAD_CLOSURE: PUSH(locals[ins.arg]); break;
                case Op::LOAD_FROM_DICT_OR_DEREF: {
                    const size_t k = size_t(ins.arg) - co->varnames.size();
                    Str* name = k < co->cellvars.size() ? co->cellvars[k] : co->freevars[k - co->cellvars.size()];
                    Value v = f->locals ? DictGetStr(f->locals, name->View()) : Value::Null();
                    if (v.IsNull())
                        v = As<Cell>(locals[ins.arg])->slot.Load();
                    if (v.IsNull())
                        RaiseUnboundFree(ts, name);
                    PUSH(v);
                    break;
                }
                case Op::LOAD_LOCALS: PUSH(f->locals ? Value::Obj(f->locals) : Value::None()); break;
                case Op::LOAD_ATTR: {
                    Str* name = co->names[size_t(ins.arg >> 1)];
                    const Value obj = TOP();
                    if (ins.arg & 1) {
                        Value func;
                        if (LoadMethod(ts, obj, name, func)) {
                            sp[-1] = func;
                            PUSH(obj);
                        } else {
                            sp[-1] = Value::Null();
                            PUSH(func);
                        }
                    } else {
                        sp[-1] = GetAttr(ts, obj, name);
                    }
                    break;
                }
                case Op::STORE_ATTR: {
                    const Value obj = POP();
                    const Value v = POP();
                    SetAttr(ts, obj, co->names[size_t(ins.arg)], v);
                    break;
                }
                case Op::DELETE_ATTR: DelAttr(ts, POP(), co->names[size_t(ins.arg)]); break;
                case Op::LOAD_BUILD_CLASS: PUSH(in.builtins->Get("__build_class__")); break;
                case Op::LOAD_ASSERTION_ERROR: PUSH(Value::Obj(types.AssertionError)); break;
                case Op::LOAD_SUPER_ATTR: TypeError(&ts, "LOAD_SUPER_ATTR is not produced by threadlab's compiler");

                // ------------------------------------------------ operators
                case Op::BINARY_OP: {
                    const Value b = POP();
                    const Value a = TOP();
                    Value r;
                    if (!(a.IsSmallInt() && b.IsSmallInt() && FastIntOp(ins.arg, a.AsSmallInt(), b.AsSmallInt(), r)))
                        r = BinaryOperation(ts, ins.arg, a, b);
                    sp[-1] = r;
                    break;
                }
                case Op::COMPARE_OP: {
                    const Value b = POP();
                    const Value a = TOP();
                    const CompareOp cmp = CompareOp(ins.arg >> 4);
                    if (a.IsSmallInt() && b.IsSmallInt()) {
                        const int64_t x = a.AsSmallInt(), y = b.AsSmallInt();
                        bool r = false;
                        switch (cmp) {
                        case CompareOp::Lt: r = x < y; break;
                        case CompareOp::Le: r = x <= y; break;
                        case CompareOp::Eq: r = x == y; break;
                        case CompareOp::Ne: r = x != y; break;
                        case CompareOp::Gt: r = x > y; break;
                        case CompareOp::Ge: r = x >= y; break;
                        }
                        sp[-1] = Value::Bool(r);
                    } else {
                        sp[-1] = CompareValues(ts, cmp, a, b);
                    }
                    break;
                }
                case Op::IS_OP: {
                    const Value b = POP();
                    const Value a = TOP();
                    sp[-1] = Value::Bool((a == b) != bool(ins.arg));
                    break;
                }
                case Op::CONTAINS_OP: {
                    const Value container = POP();
                    const Value item = TOP();
                    sp[-1] = Value::Bool(Contains(ts, container, item) != bool(ins.arg));
                    break;
                }
                case Op::UNARY_NEGATIVE: sp[-1] = Negate(ts, sp[-1]); break;
                case Op::UNARY_NOT: sp[-1] = Value::Bool(!Truthy(ts, sp[-1])); break;
                case Op::UNARY_INVERT: sp[-1] = Invert(ts, sp[-1]); break;
                case Op::CALL_INTRINSIC_1:
                    if (Intrinsic(ins.arg) == Intrinsic::UnaryPositive) {
                        sp[-1] = Positive(ts, sp[-1]);
                    } else if (Intrinsic(ins.arg) == Intrinsic::ListToTuple) {
                        const std::vector<Value> items = ListCopy(As<List>(sp[-1]));
                        sp[-1] = BuildTuple(items.data(), int(items.size()));
                    }
                    break;
                case Op::BINARY_SUBSCR: {
                    const Value key = POP();
                    const Value obj = TOP();
                    sp[-1] = GetItem(ts, obj, key);
                    break;
                }
                case Op::STORE_SUBSCR: {
                    const Value key = POP();
                    const Value obj = POP();
                    const Value v = POP();
                    SetItem(ts, obj, key, v);
                    break;
                }
                case Op::DELETE_SUBSCR: {
                    const Value key = POP();
                    const Value obj = POP();
                    DelItem(ts, obj, key);
                    break;
                }
                case Op::BINARY_SLICE: {
                    const Value stop = POP();
                    const Value start = POP();
                    const Value obj = TOP();
                    sp[-1] = GetItem(ts, obj, Value::Obj(New<Slice>(types.slice, start, stop, Value::None())));
                    break;
                }
                case Op::STORE_SLICE: {
                    const Value stop = POP();
                    const Value start = POP();
                    const Value obj = POP();
                    const Value v = POP();
                    SetItem(ts, obj, Value::Obj(New<Slice>(types.slice, start, stop, Value::None())), v);
                    break;
                }
                case Op::BUILD_SLICE: {
                    const Value step = ins.arg == 3 ? POP() : Value::None();
                    const Value stop = POP();
                    const Value start = POP();
                    PUSH(Value::Obj(New<Slice>(types.slice, start, stop, step)));
                    break;
                }

                // ------------------------------------------------ building values
                case Op::BUILD_TUPLE: {
                    sp -= ins.arg;
                    const Value t = BuildTuple(sp, ins.arg);
                    PUSH(t);
                    break;
                }
                case Op::BUILD_LIST: {
                    sp -= ins.arg;
                    List* l = NewList();
                    l->items.assign(sp, sp + ins.arg);
                    PUSH(Value::Obj(l));
                    break;
                }
                case Op::BUILD_SET: {
                    sp -= ins.arg;
                    Set* s = NewSet();
                    for (int i = 0; i < ins.arg; ++i)
                        SetAdd(&ts, s, sp[i]);
                    PUSH(Value::Obj(s));
                    break;
                }
                case Op::BUILD_MAP: {
                    sp -= 2 * ins.arg;
                    Dict* d = NewDict();
                    for (int i = 0; i < ins.arg; ++i)
                        DictSet(&ts, d, sp[2 * i], sp[2 * i + 1]);
                    PUSH(Value::Obj(d));
                    break;
                }
                case Op::BUILD_CONST_KEY_MAP: {
                    const Tuple* keys = As<Tuple>(POP());
                    sp -= ins.arg;
                    Dict* d = NewDict();
                    for (int i = 0; i < ins.arg; ++i)
                        DictSet(&ts, d, keys->items[size_t(i)], sp[i]);
                    PUSH(Value::Obj(d));
                    break;
                }
                case Op::BUILD_STRING: {
                    sp -= ins.arg;
                    std::string s;
                    for (int i = 0; i < ins.arg; ++i)
                        s += StrView(sp[i]);
                    PUSH(StrValue(s));
                    break;
                }
                case Op::LIST_APPEND: {
                    const Value v = POP();
                    ListAppend(As<List>(sp[-ins.arg]), v);
                    break;
                }
                case Op::SET_ADD: {
                    const Value v = POP();
                    SetAdd(&ts, As<Set>(sp[-ins.arg]), v);
                    break;
                }
                case Op::MAP_ADD: {
                    const Value v = POP();
                    const Value k = POP();
                    DictSet(&ts, As<Dict>(sp[-ins.arg]), k, v);
                    break;
                }
                case Op::LIST_EXTEND: {
                    const Value iterable = POP();
                    List* l = As<List>(sp[-ins.arg]);
                    if (!IsCallable(iterable) && GetIterOrNull(ts, iterable).IsNull())
                        TypeError(&ts, fmt::format("Value after * must be an iterable, not {}", TypeName(iterable)));
                    for (Value v : Collect(ts, iterable))
                        ListAppend(l, v);
                    break;
                }
                case Op::SET_UPDATE: {
                    const Value iterable = POP();
                    Set* s = As<Set>(sp[-ins.arg]);
                    if (IsType(iterable, types.set) || IsType(iterable, types.frozenset))
                        SetMerge(&ts, s, As<Set>(iterable));
                    else
                        for (Value v : Collect(ts, iterable))
                            SetAdd(&ts, s, v);
                    break;
                }
                case Op::DICT_UPDATE:
                case Op::DICT_MERGE: {
                    const Value other = POP();
                    Dict* d = As<Dict>(sp[-ins.arg]);
                    if (!IsInstance(other, types.dict)) {
                        if (op == Op::DICT_MERGE)
                            TypeError(&ts, fmt::format("argument after ** must be a mapping, not {}", TypeName(other)));
                        TypeError(&ts, fmt::format("'{}' object is not a mapping", TypeName(other)));
                    }
                    for (const DictEntry& e : DictItems(As<Dict>(other))) {
                        if (op == Op::DICT_MERGE && !DictGet(&ts, d, e.key).IsNull())
                            TypeError(&ts, fmt::format("got multiple values for keyword argument '{}'", ToStr(ts, e.key)));
                        DictSet(&ts, d, e.key, e.value);
                    }
                    break;
                }
                case Op::UNPACK_SEQUENCE: {
                    const Value seq = POP();
                    UnpackInto(ts, seq, ins.arg, sp);
                    sp += ins.arg;
                    break;
                }
                case Op::UNPACK_EX: {
                    const int before = ins.arg & 0xFF, after = ins.arg >> 8;
                    const Value seq = POP();
                    if (GetIterOrNull(ts, seq).IsNull())
                        TypeError(&ts, fmt::format("cannot unpack non-iterable {} object", TypeName(seq)));
                    std::vector<Value> items = Collect(ts, seq);
                    if (int(items.size()) < before + after)
                        ValueError(&ts, fmt::format("not enough values to unpack (expected at least {}, got {})",
                                                    before + after, items.size()));
                    for (int i = 0; i < after; ++i)
                        PUSH(items[items.size() - 1 - size_t(i)]);
                    List* middle = NewList();
                    middle->items.assign(items.begin() + before, items.end() - after);
                    PUSH(Value::Obj(middle));
                    for (int i = before - 1; i >= 0; --i)
                        PUSH(items[size_t(i)]);
                    break;
                }
                case Op::FORMAT_VALUE: {
                    const Value spec = (ins.arg & kFormatHasSpec) ? POP() : Value::Null();
                    Value v = TOP();
                    switch (ins.arg & kFormatConversionMask) {
                    case 1: v = StrOf(ts, v); break;
                    case 2: v = ReprValue(ts, v); break;
                    case 3: v = ReprValue(ts, v); break;
                    default: break;
                    }
                    if (spec.IsNull() && IsType(v, types.str))
                        sp[-1] = v;
                    else
                        sp[-1] = StrValue(Format(ts, v, spec.IsNull() ? std::string_view() : StrView(spec)));
                    break;
                }

                // ------------------------------------------------ control flow
                case Op::GET_ITER: sp[-1] = GetIter(ts, sp[-1]); break;
                case Op::FOR_ITER: {
                    const Value it = TOP();
                    Value v;
                    bool got;
                    if (IsType(it, types.range_iterator)) {
                        RangeIterator* r = As<RangeIterator>(it);
                        ObjectGuard guard(r->lock);
                        got = r->left > 0;
                        if (got) {
                            v = MakeInt(r->next);
                            r->next += r->step;
                            --r->left;
                        }
                    } else {
                        SAVE_FRAME(); // a generator may wait: the timeline names this line, the loop's
                        got = Next(ts, it, v);
                    }
                    if (got) {
                        PUSH(v);
                    } else {
                        --sp;
                        pc = ins.arg;
                    }
                    break;
                }
                case Op::JUMP_FORWARD:
                case Op::JUMP_BACKWARD:
                case Op::JUMP_BACKWARD_NO_INTERRUPT: pc = ins.arg; break;
                case Op::POP_JUMP_IF_FALSE:
                case Op::POP_JUMP_IF_TRUE: {
                    const Value v = POP();
                    const bool want = op == Op::POP_JUMP_IF_TRUE;
                    if (v.IsBool()) {
                        if (v.IsTrue() == want)
                            pc = ins.arg;
                        if (in.exact_bool_skips)
                            continue; // 3.9 fast-dispatches an exact bool
                        break;
                    }
                    if (Truthy(ts, v) == want)
                        pc = ins.arg;
                    break;
                }
                case Op::POP_JUMP_IF_NONE:
                case Op::POP_JUMP_IF_NOT_NONE:
                    if (POP().IsNone() == (op == Op::POP_JUMP_IF_NONE))
                        pc = ins.arg;
                    break;
                case Op::RETURN_CONST:
                case Op::RETURN_VALUE: {
                    const Value rv = op == Op::RETURN_CONST ? co->consts[size_t(ins.arg)] : POP();
                    SAVE_FRAME();
                    if (f->entry) {
                        ts.frame = f->back;
                        if (yielded != nullptr)
                            *yielded = false;
                        if (f->gen == nullptr)
                            ts.FreeFrame(f);
                        return rv;
                    }
                    Frame* caller = f->back;
                    ts.frame = caller;
                    LeaveRecursion(ts);
                    ts.FreeFrame(f);
                    f = caller;
                    LOAD_FRAME();
                    PUSH(rv);
                    // 3.9 checks after the CALL that this return ends.
                    if (in.switch_after_python_call && ts.Attention()) {
                        SAVE_FRAME();
                        ts.exec.SwitchPoint(ts);
                    }
                    continue;
                }

                // ------------------------------------------------ calls
                case Op::KW_NAMES: f->kwnames = As<Tuple>(co->consts[size_t(ins.arg)]); break;
                case Op::CALL: {
                    const int n = ins.arg;
                    Value* base = sp - n - 2;
                    Value callable = base[0];
                    Value* argv = base + 2;
                    int total = n;
                    if (!callable.IsNull()) {
                        argv = base + 1; // a method: base[1] is its receiver
                        total = n + 1;
                    } else {
                        callable = base[1];
                        if (IsType(callable, types.method) && IsType(As<BoundMethod>(callable)->func, types.function)) {
                            // As CPython: [NULL, bound] becomes [func, self].
                            BoundMethod* bm = As<BoundMethod>(callable);
                            base[0] = callable = bm->func;
                            base[1] = bm->self;
                            argv = base + 1;
                            total = n + 1;
                        }
                    }
                    const Tuple* kwnames = f->kwnames;
                    f->kwnames = nullptr;
                    const int nkw = kwnames ? int(kwnames->Size()) : 0;
                    const Args args{argv, total - nkw, argv + total - nkw, kwnames};
                    if (IsType(callable, types.function)) {
                        Function* fn = As<Function>(callable);
                        sp = base;
                        SAVE_FRAME();
                        Frame* callee = PrepareCall(ts, fn, args);
                        try {
                            EnterRecursion(ts);
                        } catch (...) {
                            ts.FreeFrame(callee);
                            throw;
                        }
                        callee->back = f;
                        ts.frame = callee;
                        f = callee;
                        LOAD_FRAME();
                        continue;
                    }
                    SAVE_FRAME();
                    const Value r = Call(ts, callable, args);
                    sp = base;
                    PUSH(r);
                    ts.clock_ps += in.native_call_cost_ps;
                    if (IsPythonCallable(callable) || CallSkipsCheck(in, callable, args.npos))
                        continue;
                    break;
                }
                case Op::CALL_FUNCTION_EX: {
                    const Value kwargs = (ins.arg & 1) ? POP() : Value::Null();
                    const Value args_tuple = POP();
                    const Value callable = POP();
                    --sp; // the NULL
                    SAVE_FRAME();
                    const Value r = CallWithTuple(ts, callable, As<Tuple>(args_tuple), kwargs);
                    PUSH(r);
                    if (IsPythonCallable(callable))
                        continue;
                    break;
                }
                case Op::MAKE_FUNCTION: {
                    Code* fcode = As<Code>(POP());
                    Function* fn = New<Function>(types.function, fcode, f->module);
                    if (ins.arg & kFnClosure)
                        fn->closure = As<Tuple>(POP());
                    if (ins.arg & kFnAnnotations)
                        fn->annotations = As<Dict>(POP());
                    if (ins.arg & kFnKwDefaults)
                        fn->kwdefaults = As<Dict>(POP());
                    if (ins.arg & kFnDefaults)
                        fn->defaults = As<Tuple>(POP());
                    fn->name = Intern(fcode->name);
                    fn->qualname = Intern(fcode->qualname);
                    fn->doc = fcode->doc;
                    PUSH(Value::Obj(fn));
                    break;
                }

                // ------------------------------------------------ exceptions and with
                case Op::RAISE_VARARGS: {
                    SAVE_FRAME();
                    if (ins.arg == 0) {
                        if (ts.exc_info.IsNone())
                            Raise(&ts, types.RuntimeError, "No active exception to reraise");
                        reraising = true;
                        throw PyError{ts.exc_info};
                    }
                    Value cause = Value::Null();
                    if (ins.arg == 2)
                        cause = POP();
                    Value exc = ToRaisable(ts, POP(), "exceptions must derive from BaseException");
                    if (!cause.IsNull()) {
                        ExceptionObject* e = AsException(exc);
                        if (cause.IsNone()) {
                            e->cause = Value::None();
                        } else {
                            e->cause = ToRaisable(ts, cause, "exception causes must derive from BaseException");
                        }
                        e->suppress_context = true;
                    }
                    throw PyError{exc};
                }
                case Op::RERAISE: {
                    const Value exc = POP();
                    SAVE_FRAME();
                    reraising = true;
                    throw PyError{exc};
                }
                case Op::PUSH_EXC_INFO: {
                    const Value exc = POP();
                    PUSH(ts.exc_info);
                    PUSH(exc);
                    ts.exc_info = exc;
                    break;
                }
                case Op::POP_EXCEPT: ts.exc_info = POP(); break;
                case Op::CHECK_EXC_MATCH: {
                    const Value match = POP();
                    const Value exc = TOP(); // stays below the result
                    PUSH(Value::Bool(ExceptionMatches(ts, exc, match)));
                    break;
                }
                case Op::BEFORE_WITH: {
                    const Value mgr = POP();
                    const Type* type = TypeOf(mgr);
                    const Value enter = LookupInType(type, "__enter__");
                    const Value exit = LookupInType(type, "__exit__");
                    if (enter.IsNull() || exit.IsNull())
                        TypeError(&ts, fmt::format("'{}' object does not support the context manager protocol",
                                                   type->name));
                    PUSH(BindMethod(ts, exit, mgr));
                    SAVE_FRAME();
                    const Value r = Call(ts, enter, {mgr});
                    PUSH(r);
                    break;
                }
                case Op::WITH_EXCEPT_START: {
                    const Value exc = sp[-1];
                    const Value exit = sp[-3];
                    SAVE_FRAME();
                    const Value r = Call(ts, exit, {Value::Obj(TypeOf(exc)), exc, Value::None()});
                    PUSH(r);
                    break;
                }

                // ------------------------------------------------ generators
                case Op::RETURN_GENERATOR: {
                    Generator* gen = New<Generator>(types.generator, f);
                    gen->name = f->func ? f->func->name : Intern(co->name);
                    gen->qualname = f->func ? f->func->qualname : Intern(co->qualname);
                    f->gen = gen;
                    SAVE_FRAME();
                    const Value gv = Value::Obj(gen);
                    if (f->entry) {
                        ts.frame = f->back;
                        f->entry = false;
                        if (yielded != nullptr)
                            *yielded = false;
                        return gv;
                    }
                    Frame* caller = f->back;
                    ts.frame = caller;
                    LeaveRecursion(ts);
                    f = caller;
                    LOAD_FRAME();
                    PUSH(gv);
                    continue;
                }
                case Op::YIELD_VALUE: {
                    const Value v = POP();
                    SAVE_FRAME();
                    ts.frame = f->back;
                    if (yielded != nullptr)
                        *yielded = true;
                    return v;
                }
                case Op::GET_YIELD_FROM_ITER:
                    if (!IsType(sp[-1], types.generator))
                        sp[-1] = GetIter(ts, sp[-1]);
                    break;
                case Op::SEND: {
                    const Value v = sp[-1];
                    const Value it = sp[-2];
                    SAVE_FRAME();
                    Value out;
                    bool more;
                    if (IsType(it, types.generator)) {
                        more = GenResume(ts, As<Generator>(it), v, Value::Null(), out);
                    } else if (v.IsNone()) {
                        more = Next(ts, it, out);
                        if (!more)
                            out = Value::None();
                    } else {
                        out = CallMethod(ts, it, "send", {v});
                        more = true;
                    }
                    sp[-1] = out;
                    if (!more)
                        pc = ins.arg;
                    break;
                }
                case Op::END_SEND: {
                    const Value v = POP();
                    sp[-1] = v;
                    break;
                }

                // ------------------------------------------------ imports
                case Op::IMPORT_NAME: {
                    const Value fromlist = POP();
                    --sp; // level
                    Str* name = co->names[size_t(ins.arg)];
                    SAVE_FRAME();
                    Module* m = in.Import(ts, name->View());
                    const std::string_view dotted = name->View();
                    if (fromlist.IsNone() && dotted.find('.') != std::string_view::npos)
                        m = in.Import(ts, dotted.substr(0, dotted.find('.')));
                    PUSH(Value::Obj(m));
                    break;
                }
                case Op::IMPORT_FROM: {
                    Str* name = co->names[size_t(ins.arg)];
                    const Value module = TOP();
                    SAVE_FRAME();
                    Value v = GetAttrOrNull(ts, module, name);
                    if (v.IsNull() && IsType(module, types.module)) {
                        const std::string sub = As<Module>(module)->name + "." + std::string(name->View());
                        if (in.program.Find(sub) != nullptr)
                            v = Value::Obj(in.Import(ts, sub));
                    }
                    if (v.IsNull()) {
                        const std::string mod = IsType(module, types.module) ? As<Module>(module)->name : "?";
                        Raise(&ts, types.ImportError, fmt::format("cannot import name '{}' from '{}'", name->View(), mod));
                    }
                    PUSH(v);
                    break;
                }
                }
                // The model's switch point after this instruction.
                if (in.switch_after[int(op)] && !(ins.flags & in.no_switch_mask) && ts.Attention()) {
                    if (op == Op::RESUME && ins.arg >= 2)
                        continue;
                    SAVE_FRAME();
                    ts.exec.SwitchPoint(ts);
                }
            }
        } catch (const PyError& e) {
            if (!Unwind(e.exc))
                throw;
        } catch (const HeapExhausted&) {
            const Value exc = MemoryErrorFor(ts);
            if (!Unwind(exc))
                throw PyError{exc};
        } catch (...) {
            // A stop leaves this loop at once; its frames go back to the pool
            // (a generator's stay with the generator).
            for (;;) {
                Frame* back = f->back;
                const bool entry = f->entry;
                if (!entry)
                    LeaveRecursion(ts);
                if (f->gen == nullptr)
                    ts.FreeFrame(f);
                if (entry) {
                    ts.frame = back;
                    break;
                }
                f = back;
            }
            throw;
        }
    }
#undef LOAD_FRAME
#undef SAVE_FRAME
#undef PUSH
#undef POP
#undef TOP
}

} // namespace threadlab::py
