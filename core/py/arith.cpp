// Numbers and comparison: Python's operators on int (64-bit here, with
// OverflowError beyond), float, str, sequences, sets, and user classes'
// dunder methods with their reflected forms.
#include "builtins_impl.hpp"
#include "containers.hpp"
#include "hash.hpp"
#include "vm.hpp"

#include <cmath>
#include <fmt/format.h>

namespace threadlab::py {

namespace {

const char* kDunder[] = {"__add__", "__and__", "__floordiv__", "__lshift__", "__matmul__", "__mul__", "__mod__",
                         "__or__",  "__pow__", "__rshift__",   "__sub__",    "__truediv__", "__xor__"};
const char* kReflected[] = {"__radd__", "__rand__", "__rfloordiv__", "__rlshift__", "__rmatmul__",
                            "__rmul__", "__rmod__", "__ror__",       "__rpow__",    "__rrshift__",
                            "__rsub__", "__rtruediv__", "__rxor__"};
const char* kInplaceDunder[] = {"__iadd__", "__iand__", "__ifloordiv__", "__ilshift__", "__imatmul__",
                                "__imul__", "__imod__", "__ior__",       "__ipow__",    "__irshift__",
                                "__isub__", "__itruediv__", "__ixor__"};

bool IsUserObject(Value v) { return v.IsObject() && !v.AsObject()->type->builtin; }

[[noreturn]] void Unsupported(ThreadState& ts, int op, Value a, Value b)
{
    const TypeTable& t = Types();
    const int base = op >= kInplace ? op - kInplace : op;
    const Type* ta = TypeOf(a);
    const Type* tb = TypeOf(b);
    if (base == int(BinaryOp::Add) && (ta == t.str || ta == t.list || ta == t.tuple))
        TypeError(&ts, fmt::format("can only concatenate {} (not \"{}\") to {}", ta->name, tb->name, ta->name));
    if (base == int(BinaryOp::Multiply) && (ta == t.str || ta == t.list || ta == t.tuple || tb == t.str ||
                                            tb == t.list || tb == t.tuple)) {
        const Type* other = (ta == t.str || ta == t.list || ta == t.tuple) ? tb : ta;
        TypeError(&ts, fmt::format("can't multiply sequence by non-int of type '{}'", other->name));
    }
    TypeError(&ts, fmt::format("unsupported operand type(s) for {}: '{}' and '{}'", BinaryOpSymbol(op), TypeName(a),
                               TypeName(b)));
}

Value IntOp(ThreadState& ts, BinaryOp op, int64_t a, int64_t b)
{
    int64_t r = 0;
    switch (op) {
    case BinaryOp::Add:
        if (__builtin_add_overflow(a, b, &r))
            IntOverflow(ts);
        return MakeInt(r);
    case BinaryOp::Subtract:
        if (__builtin_sub_overflow(a, b, &r))
            IntOverflow(ts);
        return MakeInt(r);
    case BinaryOp::Multiply:
        if (__builtin_mul_overflow(a, b, &r))
            IntOverflow(ts);
        return MakeInt(r);
    case BinaryOp::FloorDivide:
    case BinaryOp::Remainder: {
        if (b == 0)
            Raise(&ts, Types().ZeroDivisionError,
                  op == BinaryOp::Remainder ? "integer modulo by zero" : "integer division or modulo by zero");
        if (a == INT64_MIN && b == -1) {
            if (op == BinaryOp::Remainder)
                return MakeInt(0);
            IntOverflow(ts);
        }
        int64_t q = a / b, m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) {
            q -= 1;
            m += b;
        }
        return MakeInt(op == BinaryOp::FloorDivide ? q : m);
    }
    case BinaryOp::TrueDivide:
        if (b == 0)
            Raise(&ts, Types().ZeroDivisionError, "division by zero");
        return Value::Float(double(a) / double(b));
    case BinaryOp::Power: {
        if (b < 0) {
            if (a == 0)
                Raise(&ts, Types().ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return Value::Float(std::pow(double(a), double(b)));
        }
        int64_t result = 1, base = a, e = b;
        while (e > 0) {
            if (e & 1)
                if (__builtin_mul_overflow(result, base, &result))
                    IntOverflow(ts);
            e >>= 1;
            if (e > 0 && __builtin_mul_overflow(base, base, &base))
                IntOverflow(ts);
        }
        return MakeInt(result);
    }
    case BinaryOp::LShift:
        if (b < 0)
            ValueError(&ts, "negative shift count");
        if (a == 0)
            return MakeInt(0);
        if (b >= 63 || (a > 0 ? a > (INT64_MAX >> b) : a < (INT64_MIN >> b)))
            IntOverflow(ts);
        return MakeInt(int64_t(uint64_t(a) << b));
    case BinaryOp::RShift:
        if (b < 0)
            ValueError(&ts, "negative shift count");
        return MakeInt(b >= 64 ? (a < 0 ? -1 : 0) : a >> b);
    case BinaryOp::And: return MakeInt(a & b);
    case BinaryOp::Or: return MakeInt(a | b);
    case BinaryOp::Xor: return MakeInt(a ^ b);
    case BinaryOp::MatrixMultiply: break;
    }
    return Value::NotImplemented();
}

Value FloatOp(ThreadState& ts, BinaryOp op, double a, double b)
{
    switch (op) {
    case BinaryOp::Add: return Value::Float(a + b);
    case BinaryOp::Subtract: return Value::Float(a - b);
    case BinaryOp::Multiply: return Value::Float(a * b);
    case BinaryOp::TrueDivide:
        if (b == 0)
            Raise(&ts, Types().ZeroDivisionError, "float division by zero");
        return Value::Float(a / b);
    case BinaryOp::FloorDivide:
    case BinaryOp::Remainder: {
        if (b == 0)
            Raise(&ts, Types().ZeroDivisionError,
                  op == BinaryOp::FloorDivide ? "float floor division by zero" : "float modulo");
        double mod = std::fmod(a, b);
        double div = (a - mod) / b;
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
                div -= 1.0;
            }
        } else {
            mod = std::copysign(0.0, b);
        }
        double floordiv;
        if (div != 0) {
            floordiv = std::floor(div);
            if (div - floordiv > 0.5)
                floordiv += 1.0;
        } else {
            floordiv = std::copysign(0.0, a / b);
        }
        return Value::Float(op == BinaryOp::FloorDivide ? floordiv : mod);
    }
    case BinaryOp::Power:
        if (a == 0 && b < 0)
            Raise(&ts, Types().ZeroDivisionError, "0.0 cannot be raised to a negative power");
        if (a < 0 && b != std::floor(b))
            ValueError(&ts, "threadlab does not run complex numbers (a negative number to a fractional power)");
        return Value::Float(std::pow(a, b));
    default: return Value::NotImplemented();
    }
}

// Key and item views behave as the sets they hold: in &, |, -, ^ and in
// comparisons, in any order.
bool IsSetLike(const Type* x)
{
    const TypeTable& t = Types();
    return x == t.set || x == t.frozenset || x == t.dict_keys || x == t.dict_items;
}

Set* AsSet(ThreadState& ts, Value v)
{
    if (IsType(v, Types().set) || IsType(v, Types().frozenset))
        return As<Set>(v);
    Set* s = NewSet();
    for (Value item : Collect(ts, v))
        SetAdd(&ts, s, item);
    return s;
}

Value Repeat(ThreadState& ts, Value seq, int64_t n)
{
    const TypeTable& t = Types();
    if (n < 0)
        n = 0;
    if (IsType(seq, t.str)) {
        const std::string_view s = StrView(seq);
        if (n > 0 && s.size() > size_t(1) << 30 / size_t(n))
            RaiseMemoryError(ts);
        std::string out;
        out.reserve(s.size() * size_t(n));
        for (int64_t i = 0; i < n; ++i)
            out += s;
        return StrValue(out);
    }
    std::vector<Value> items = IsType(seq, t.list) ? ListCopy(As<List>(seq))
                                                   : std::vector<Value>(As<Tuple>(seq)->items.begin(), As<Tuple>(seq)->items.end());
    if (n > 0 && items.size() > (size_t(1) << 28) / size_t(n))
        RaiseMemoryError(ts);
    std::vector<Value> out;
    out.reserve(items.size() * size_t(n));
    for (int64_t i = 0; i < n; ++i)
        out.insert(out.end(), items.begin(), items.end());
    if (IsType(seq, t.list))
        return Value::Obj(NewList(std::move(out)));
    Tuple* tu = NewTuple(out.size());
    std::copy(out.begin(), out.end(), tu->items.begin());
    return Value::Obj(tu);
}

// The builtin types' operators; NotImplemented where they do not apply.
Value BuiltinOp(ThreadState& ts, BinaryOp op, Value a, Value b)
{
    const TypeTable& t = Types();
    if (IsInt(a) && IsInt(b))
        return IntOp(ts, op, IntValue(a), IntValue(b));
    if (IsNumber(a) && IsNumber(b))
        return FloatOp(ts, op, ToDouble(ts, a), ToDouble(ts, b));
    const Type* ta = TypeOf(a);
    const Type* tb = TypeOf(b);
    if (ta == t.str) {
        if (op == BinaryOp::Add) {
            if (tb != t.str)
                return Value::NotImplemented();
            std::string s(StrView(a));
            s += StrView(b);
            return StrValue(s);
        }
        if (op == BinaryOp::Multiply && IsInt(b))
            return Repeat(ts, a, IntValue(b));
        if (op == BinaryOp::Remainder)
            return StrValue(PercentFormat(ts, StrView(a), b));
        return Value::NotImplemented();
    }
    if (ta == t.list || ta == t.tuple) {
        if (op == BinaryOp::Add) {
            if (tb != ta)
                return Value::NotImplemented();
            std::vector<Value> items = Collect(ts, a);
            for (Value v : Collect(ts, b))
                items.push_back(v);
            if (ta == t.list)
                return Value::Obj(NewList(std::move(items)));
            Tuple* tu = NewTuple(items.size());
            std::copy(items.begin(), items.end(), tu->items.begin());
            return Value::Obj(tu);
        }
        if (op == BinaryOp::Multiply && IsInt(b))
            return Repeat(ts, a, IntValue(b));
        return Value::NotImplemented();
    }
    if ((tb == t.str || tb == t.list || tb == t.tuple) && op == BinaryOp::Multiply && IsInt(a))
        return Repeat(ts, b, IntValue(a));
    if (IsSetLike(ta) && IsSetLike(tb) && (op == BinaryOp::Or || op == BinaryOp::And || op == BinaryOp::Subtract ||
                                         op == BinaryOp::Xor)) {
        return SetOperator(ts, op, AsSet(ts, a), AsSet(ts, b), ta == t.frozenset);
    }
    if (ta == t.dict && tb == t.dict && op == BinaryOp::Or) {
        Dict* d = NewDict();
        for (const DictEntry& e : DictItems(As<Dict>(a)))
            DictSet(&ts, d, e.key, e.value);
        for (const DictEntry& e : DictItems(As<Dict>(b)))
            DictSet(&ts, d, e.key, e.value);
        return Value::Obj(d);
    }
    return Value::NotImplemented();
}

Value CallDunder(ThreadState& ts, Value self, const char* name, Value other)
{
    const Value hook = LookupInType(TypeOf(self), name);
    if (hook.IsNull() || IsType(hook, Types().builtin_function))
        return Value::NotImplemented();
    return Call(ts, hook, {self, other});
}

} // namespace

void IntOverflow(ThreadState& ts)
{
    Raise(&ts, Types().OverflowError, "threadlab's int is 64-bit: the result does not fit");
}

double ToDouble(ThreadState& ts, Value v)
{
    if (v.IsFloat())
        return v.AsFloat();
    if (IsInt(v))
        return double(IntValue(v));
    TypeError(&ts, fmt::format("must be real number, not {}", TypeName(v)));
}

Value IntFromDouble(ThreadState& ts, double d)
{
    if (std::isnan(d))
        ValueError(&ts, "cannot convert float NaN to integer");
    if (std::isinf(d))
        Raise(&ts, Types().OverflowError, "cannot convert float infinity to integer");
    const double truncated = std::trunc(d);
    if (truncated >= 9223372036854775808.0 || truncated < -9223372036854775808.0)
        IntOverflow(ts);
    return MakeInt(int64_t(truncated));
}

Value BinaryOperation(ThreadState& ts, int oparg, Value a, Value b)
{
    const bool inplace = oparg >= kInplace;
    const int base = inplace ? oparg - kInplace : oparg;
    const auto op = threadlab::py::BinaryOp(base);
    // In-place forms: lists extend themselves; user classes may define __ixxx__.
    if (inplace) {
        if (IsType(a, Types().list) && op == BinaryOp::Add) {
            List* l = As<List>(a);
            const std::vector<Value> items = Collect(ts, b);
            ObjectGuard guard(l->lock);
            l->items.insert(l->items.end(), items.begin(), items.end());
            return a;
        }
        if (IsUserObject(a)) {
            const Value r = CallDunder(ts, a, kInplaceDunder[base], b);
            if (!r.IsNotImplemented())
                return r;
        }
    }
    if (IsUserObject(a) || IsUserObject(b)) {
        // A subclass's reflected method goes first, as CPython's.
        const bool b_first = IsUserObject(b) && TypeOf(b) != TypeOf(a) && TypeOf(b)->IsSubtypeOf(TypeOf(a));
        if (b_first) {
            const Value r = CallDunder(ts, b, kReflected[base], a);
            if (!r.IsNotImplemented())
                return r;
        }
        if (IsUserObject(a)) {
            const Value r = CallDunder(ts, a, kDunder[base], b);
            if (!r.IsNotImplemented())
                return r;
        }
        const Value builtin = BuiltinOp(ts, op, a, b);
        if (!builtin.IsNotImplemented())
            return builtin;
        if (IsUserObject(b) && !b_first) {
            const Value r = CallDunder(ts, b, kReflected[base], a);
            if (!r.IsNotImplemented())
                return r;
        }
        Unsupported(ts, oparg, a, b);
    }
    const Value r = BuiltinOp(ts, op, a, b);
    if (r.IsNotImplemented())
        Unsupported(ts, oparg, a, b);
    return r;
}

// ---------------------------------------------------------------- comparison

namespace {

// -1, 0, 1; or 2 if unordered (NaN).
int CompareNumbers(Value a, Value b)
{
    if (IsInt(a) && IsInt(b)) {
        const int64_t x = IntValue(a), y = IntValue(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    const double x = a.IsFloat() ? a.AsFloat() : double(IntValue(a));
    const double y = b.IsFloat() ? b.AsFloat() : double(IntValue(b));
    if (std::isnan(x) || std::isnan(y))
        return 2;
    // An int beyond 2**53 against a float: compare exactly through the float.
    if (IsInt(a) && std::fabs(y) < 9.2e18 && y == std::floor(y)) {
        const int64_t ix = IntValue(a), iy = int64_t(y);
        return ix < iy ? -1 : ix > iy ? 1 : 0;
    }
    if (IsInt(b) && std::fabs(x) < 9.2e18 && x == std::floor(x)) {
        const int64_t ix = int64_t(x), iy = IntValue(b);
        return ix < iy ? -1 : ix > iy ? 1 : 0;
    }
    return x < y ? -1 : x > y ? 1 : 0;
}

const char* kCompareDunder[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
const CompareOp kSwapped[] = {CompareOp::Gt, CompareOp::Ge, CompareOp::Eq, CompareOp::Ne, CompareOp::Lt, CompareOp::Le};

bool Outcome(CompareOp op, int c)
{
    if (c == 2)
        return op == CompareOp::Ne;
    switch (op) {
    case CompareOp::Lt: return c < 0;
    case CompareOp::Le: return c <= 0;
    case CompareOp::Eq: return c == 0;
    case CompareOp::Ne: return c != 0;
    case CompareOp::Gt: return c > 0;
    case CompareOp::Ge: return c >= 0;
    }
    return false;
}

// Sequence comparison: the first unequal items decide, else the lengths.
Value CompareSequences(ThreadState& ts, CompareOp op, const std::vector<Value>& a, const std::vector<Value>& b)
{
    const size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
        if (a[i] == b[i] || Eq(&ts, a[i], b[i]))
            continue;
        if (op == CompareOp::Eq)
            return Value::False();
        if (op == CompareOp::Ne)
            return Value::True();
        return CompareValues(ts, op, a[i], b[i]);
    }
    const int c = a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
    return Value::Bool(Outcome(op, c));
}

// NotImplemented where the builtin types do not compare.
Value BuiltinCompare(ThreadState& ts, CompareOp op, Value a, Value b)
{
    const TypeTable& t = Types();
    if (IsNumber(a) && IsNumber(b))
        return Value::Bool(Outcome(op, CompareNumbers(a, b)));
    const Type* ta = TypeOf(a);
    const Type* tb = TypeOf(b);
    if (ta == t.str && tb == t.str) {
        const int c = StrView(a).compare(StrView(b));
        return Value::Bool(Outcome(op, c < 0 ? -1 : c > 0 ? 1 : 0));
    }
    if ((ta == t.list && tb == t.list) || (ta == t.tuple && tb == t.tuple))
        return CompareSequences(ts, op, Collect(ts, a), Collect(ts, b));
    if (IsSetLike(ta) && IsSetLike(tb)) {
        const Set* x = AsSet(ts, a);
        const Set* y = AsSet(ts, b);
        auto subset = [&](const Set* p, const Set* q) {
            for (Value v : SetItems(p))
                if (!SetHas(&ts, q, v))
                    return false;
            return true;
        };
        const int64_t nx = SetSize(x), ny = SetSize(y);
        switch (op) {
        case CompareOp::Eq: return Value::Bool(nx == ny && subset(x, y));
        case CompareOp::Ne: return Value::Bool(!(nx == ny && subset(x, y)));
        case CompareOp::Le: return Value::Bool(subset(x, y));
        case CompareOp::Lt: return Value::Bool(nx < ny && subset(x, y));
        case CompareOp::Ge: return Value::Bool(subset(y, x));
        case CompareOp::Gt: return Value::Bool(nx > ny && subset(y, x));
        }
    }
    if (op == CompareOp::Eq || op == CompareOp::Ne) {
        bool equal = a == b;
        if (!equal && ta == t.dict && tb == t.dict) {
            const Dict* x = As<Dict>(a);
            const Dict* y = As<Dict>(b);
            equal = DictSize(x) == DictSize(y);
            if (equal)
                for (const DictEntry& e : DictItems(x)) {
                    const Value other = DictGet(&ts, const_cast<Dict*>(y), e.key);
                    if (other.IsNull() || !(other == e.value || Eq(&ts, other, e.value))) {
                        equal = false;
                        break;
                    }
                }
        } else if (!equal && ta == t.range && tb == t.range) {
            const Range* x = As<Range>(a);
            const Range* y = As<Range>(b);
            equal = x->length == y->length && (x->length == 0 || (x->start == y->start && (x->length == 1 || x->step == y->step)));
        } else if (!equal && a.IsObject() && b.IsObject() && ta == t.int_ && tb == t.int_) {
            equal = IntValue(a) == IntValue(b);
        }
        return Value::Bool((op == CompareOp::Eq) == equal);
    }
    return Value::NotImplemented();
}

} // namespace

Value CompareValues(ThreadState& ts, CompareOp op, Value a, Value b)
{
    if (IsUserObject(a) || IsUserObject(b)) {
        const bool b_first = IsUserObject(b) && TypeOf(b) != TypeOf(a) && TypeOf(b)->IsSubtypeOf(TypeOf(a));
        auto try_side = [&](Value self, CompareOp o, Value other) {
            return IsUserObject(self) ? CallDunder(ts, self, kCompareDunder[int(o)], other) : Value::NotImplemented();
        };
        Value r = b_first ? try_side(b, kSwapped[int(op)], a) : try_side(a, op, b);
        if (!r.IsNotImplemented())
            return r;
        r = b_first ? try_side(a, op, b) : try_side(b, kSwapped[int(op)], a);
        if (!r.IsNotImplemented())
            return r;
        if (op == CompareOp::Ne && IsUserObject(a)) {
            // object.__ne__ inverts __eq__.
            const Value eq = try_side(a, CompareOp::Eq, b);
            if (!eq.IsNotImplemented())
                return Value::Bool(!Truthy(ts, eq));
        }
    }
    const Value r = BuiltinCompare(ts, op, a, b);
    if (!r.IsNotImplemented())
        return r;
    if (op == CompareOp::Eq || op == CompareOp::Ne)
        return Value::Bool((a == b) == (op == CompareOp::Eq));
    TypeError(&ts, fmt::format("'{}' not supported between instances of '{}' and '{}'", CompareOpSymbol(op),
                               TypeName(a), TypeName(b)));
}

bool Eq(ThreadState* ts, Value a, Value b)
{
    if (a == b && !a.IsFloat())
        return true;
    if (a.IsSmallInt() && b.IsSmallInt())
        return false;
    if (IsNumber(a) && IsNumber(b))
        return CompareNumbers(a, b) == 0;
    const TypeTable& t = Types();
    if (IsType(a, t.str) && IsType(b, t.str))
        return StrView(a) == StrView(b);
    if (ts == nullptr)
        return false;
    return Truthy(*ts, CompareValues(*ts, CompareOp::Eq, a, b));
}

bool Less(ThreadState& ts, Value a, Value b)
{
    if (a.IsSmallInt() && b.IsSmallInt())
        return a.AsSmallInt() < b.AsSmallInt();
    return Truthy(ts, CompareValues(ts, CompareOp::Lt, a, b));
}

// ---------------------------------------------------------------- hashing

int64_t Hash(ThreadState* ts, Value v)
{
    if (v.IsSmallInt())
        return HashInt(v.AsSmallInt());
    if (v.IsFloat()) {
        const double d = v.AsFloat();
        if (d == std::floor(d) && std::fabs(d) < 9.2e18)
            return HashInt(int64_t(d));
        return HashFloat(d);
    }
    if (v.IsBool())
        return v.IsTrue() ? 1 : 0;
    if (v.IsNone())
        return 4238894112; // CPython 3.12's constant hash(None)
    if (!v.IsObject())
        return int64_t(v.Bits() >> 4);
    const TypeTable& t = Types();
    const Object* o = v.AsObject();
    if (o->type == t.str)
        return static_cast<const Str*>(o)->hash;
    if (o->type == t.int_)
        return HashInt(static_cast<const IntObject*>(o)->value);
    if (o->type == t.tuple) {
        const Tuple* tu = static_cast<const Tuple*>(o);
        std::vector<int64_t> hashes(tu->Size());
        for (size_t i = 0; i < tu->Size(); ++i)
            hashes[i] = Hash(ts, tu->items[i]);
        return HashTuple(hashes.data(), hashes.size());
    }
    if (o->type == t.list || o->type == t.dict || o->type == t.set || o->type == t.dict_keys ||
        o->type == t.dict_values || o->type == t.dict_items) {
        if (ts)
            TypeError(ts, fmt::format("unhashable type: '{}'", o->type->name));
        return 0;
    }
    if (o->type == t.frozenset) {
        int64_t h = 0;
        for (Value item : SetItems(static_cast<const Set*>(o)))
            h ^= Hash(ts, item) * 3644798167;
        return h == -1 ? -2 : h;
    }
    if (!o->type->builtin && ts != nullptr) {
        const Value hook = LookupInType(o->type, "__hash__");
        if (hook.IsNone())
            TypeError(ts, fmt::format("unhashable type: '{}'", o->type->name));
        if (!hook.IsNull() && !IsType(hook, t.builtin_function)) {
            const Value r = Call(*ts, hook, {v});
            if (!IsInt(r))
                TypeError(ts, "__hash__ method should return an integer");
            const int64_t h = IntValue(r);
            return h == -1 ? -2 : h;
        }
    }
    // Identity, as object.__hash__; CPython hashes the address, which would
    // make a simulated run's set order depend on malloc (Object::serial).
    return int64_t(o->serial);
}

// ---------------------------------------------------------------- unary

Value Negate(ThreadState& ts, Value v)
{
    if (IsInt(v)) {
        const int64_t i = IntValue(v);
        if (i == INT64_MIN)
            IntOverflow(ts);
        return MakeInt(-i);
    }
    if (v.IsFloat())
        return Value::Float(-v.AsFloat());
    if (IsUserObject(v)) {
        const Value hook = LookupInType(TypeOf(v), "__neg__");
        if (!hook.IsNull())
            return Call(ts, hook, {v});
    }
    TypeError(&ts, fmt::format("bad operand type for unary -: '{}'", TypeName(v)));
}

Value Positive(ThreadState& ts, Value v)
{
    if (IsInt(v))
        return MakeInt(IntValue(v));
    if (v.IsFloat())
        return v;
    if (IsUserObject(v)) {
        const Value hook = LookupInType(TypeOf(v), "__pos__");
        if (!hook.IsNull())
            return Call(ts, hook, {v});
    }
    TypeError(&ts, fmt::format("bad operand type for unary +: '{}'", TypeName(v)));
}

Value Invert(ThreadState& ts, Value v)
{
    if (IsInt(v))
        return MakeInt(~IntValue(v));
    if (IsUserObject(v)) {
        const Value hook = LookupInType(TypeOf(v), "__invert__");
        if (!hook.IsNull())
            return Call(ts, hook, {v});
    }
    TypeError(&ts, fmt::format("bad operand type for unary ~: '{}'", TypeName(v)));
}

} // namespace threadlab::py

// ---------------------------------------------------------------- operators as methods

namespace threadlab::py {

namespace {

template <BinaryOp Op, bool Reflected>
Value OperatorMethod(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "operator", 2, 2);
    return Reflected ? BuiltinOp(ts, Op, args.pos[1], args.pos[0]) : BuiltinOp(ts, Op, args.pos[0], args.pos[1]);
}

template <CompareOp Op>
Value CompareMethod(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "comparison", 2, 2);
    return BuiltinCompare(ts, Op, args.pos[0], args.pos[1]);
}

Value NegMethod(ThreadState& ts, const Args& args) { return Negate(ts, args.pos[0]); }
Value PosMethod(ThreadState& ts, const Args& args) { return Positive(ts, args.pos[0]); }
Value InvertMethod(ThreadState& ts, const Args& args) { return Invert(ts, args.pos[0]); }
Value BoolMethod(ThreadState& ts, const Args& args) { return Value::Bool(Truthy(ts, args.pos[0])); }
Value IntMethod(ThreadState& ts, const Args& args)
{
    return args.pos[0].IsFloat() ? IntFromDouble(ts, args.pos[0].AsFloat()) : MakeInt(IntValue(args.pos[0]));
}
Value FloatMethod(ThreadState& ts, const Args& args) { return Value::Float(ToDouble(ts, args.pos[0])); }
Value AbsMethod(ThreadState& ts, const Args& args)
{
    const Value v = args.pos[0];
    if (v.IsFloat())
        return Value::Float(std::fabs(v.AsFloat()));
    const int64_t i = IntValue(v);
    if (i == INT64_MIN)
        IntOverflow(ts);
    return MakeInt(i < 0 ? -i : i);
}

} // namespace

void InitOperatorMethods(TypeTable& t)
{
    struct Named {
        const char* name;
        const char* reflected;
        NativeFn forward;
        NativeFn backward;
    };
    const Named arithmetic[] = {
        {"__add__", "__radd__", OperatorMethod<BinaryOp::Add, false>, OperatorMethod<BinaryOp::Add, true>},
        {"__sub__", "__rsub__", OperatorMethod<BinaryOp::Subtract, false>, OperatorMethod<BinaryOp::Subtract, true>},
        {"__mul__", "__rmul__", OperatorMethod<BinaryOp::Multiply, false>, OperatorMethod<BinaryOp::Multiply, true>},
        {"__truediv__", "__rtruediv__", OperatorMethod<BinaryOp::TrueDivide, false>, OperatorMethod<BinaryOp::TrueDivide, true>},
        {"__floordiv__", "__rfloordiv__", OperatorMethod<BinaryOp::FloorDivide, false>, OperatorMethod<BinaryOp::FloorDivide, true>},
        {"__mod__", "__rmod__", OperatorMethod<BinaryOp::Remainder, false>, OperatorMethod<BinaryOp::Remainder, true>},
        {"__pow__", "__rpow__", OperatorMethod<BinaryOp::Power, false>, OperatorMethod<BinaryOp::Power, true>},
        {"__lshift__", "__rlshift__", OperatorMethod<BinaryOp::LShift, false>, OperatorMethod<BinaryOp::LShift, true>},
        {"__rshift__", "__rrshift__", OperatorMethod<BinaryOp::RShift, false>, OperatorMethod<BinaryOp::RShift, true>},
        {"__and__", "__rand__", OperatorMethod<BinaryOp::And, false>, OperatorMethod<BinaryOp::And, true>},
        {"__or__", "__ror__", OperatorMethod<BinaryOp::Or, false>, OperatorMethod<BinaryOp::Or, true>},
        {"__xor__", "__rxor__", OperatorMethod<BinaryOp::Xor, false>, OperatorMethod<BinaryOp::Xor, true>},
    };
    const std::pair<const char*, NativeFn> compare[] = {
        {"__lt__", CompareMethod<CompareOp::Lt>}, {"__le__", CompareMethod<CompareOp::Le>},
        {"__gt__", CompareMethod<CompareOp::Gt>}, {"__ge__", CompareMethod<CompareOp::Ge>},
    };
    for (Type* type : {t.int_, t.float_}) {
        for (const Named& n : arithmetic) {
            AddMethod(type, n.name, n.forward);
            AddMethod(type, n.reflected, n.backward);
        }
        AddMethod(type, "__neg__", NegMethod);
        AddMethod(type, "__pos__", PosMethod);
        AddMethod(type, "__abs__", AbsMethod);
        AddMethod(type, "__bool__", BoolMethod);
        AddMethod(type, "__int__", IntMethod);
        AddMethod(type, "__float__", FloatMethod);
    }
    AddMethod(t.int_, "__invert__", InvertMethod);
    for (Type* type : {t.int_, t.float_, t.str, t.list, t.tuple})
        for (const auto& [name, fn] : compare)
            AddMethod(type, name, fn);
    for (Type* type : {t.str, t.list, t.tuple}) {
        AddMethod(type, "__add__", arithmetic[0].forward);
        AddMethod(type, "__mul__", arithmetic[2].forward);
        AddMethod(type, "__rmul__", arithmetic[2].backward);
    }
}

} // namespace threadlab::py
