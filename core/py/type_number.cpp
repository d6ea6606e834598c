// int, bool and float: constructors and methods.
#include "builtins_impl.hpp"
#include "format.hpp"
#include "unicode.hpp"

#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace threadlab::py {

namespace {

std::string StripSpaces(std::string_view s)
{
    size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a])))
        ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1])))
        --b;
    return std::string(s.substr(a, b - a));
}

// int("…", base) as CPython parses it: spaces around, a sign, underscores
// between digits, a 0x/0o/0b prefix when base is 0 or matches.
bool ParseInt(std::string_view text, int base, int64_t& out, bool& overflow)
{
    std::string s = StripSpaces(text);
    overflow = false;
    bool negative = false;
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        negative = s[i] == '-';
        ++i;
    }
    auto prefix = [&](char c) {
        return i + 1 < s.size() && s[i] == '0' && (s[i + 1] | 0x20) == c;
    };
    if (base == 0) {
        if (prefix('x'))
            base = 16, i += 2;
        else if (prefix('o'))
            base = 8, i += 2;
        else if (prefix('b'))
            base = 2, i += 2;
        else {
            base = 10;
            // "010" is not allowed with base 0.
            if (i + 1 < s.size() && s[i] == '0' && s.find_first_not_of("0_", i) != std::string::npos)
                return false;
        }
    } else if ((base == 16 && prefix('x')) || (base == 8 && prefix('o')) || (base == 2 && prefix('b'))) {
        i += 2;
    }
    if (i < s.size() && s[i] == '_' && i > 0 && (s[i - 1] | 0x20) >= 'b')
        ++i;
    std::string digits;
    bool last_underscore = true;
    for (; i < s.size(); ++i) {
        if (s[i] == '_') {
            if (last_underscore)
                return false;
            last_underscore = true;
            continue;
        }
        digits += s[i];
        last_underscore = false;
    }
    if (digits.empty() || last_underscore)
        return false;
    uint64_t magnitude = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
    if (ptr != digits.data() + digits.size()) {
        if (ec == std::errc::result_out_of_range) {
            overflow = true;
            return true;
        }
        return false;
    }
    if (ec == std::errc::result_out_of_range || magnitude > uint64_t(INT64_MAX) + (negative ? 1 : 0)) {
        overflow = true;
        return true;
    }
    out = negative ? int64_t(uint64_t(0) - magnitude) : int64_t(magnitude);
    return true;
}

Value IntConstruct(ThreadState& ts, const Args& args)
{
    Params p(ts, args, "int", {"x", "base"}, 0, 1);
    if (!p.Has(0)) {
        if (p.Has(1))
            TypeError(&ts, "int() missing string argument");
        return MakeInt(0);
    }
    const Value x = p[0];
    if (p.Has(1)) {
        const int64_t base = IntArg(ts, p[1], "base");
        if (!(base == 0 || (base >= 2 && base <= 36)))
            ValueError(&ts, "int() base must be >= 2 and <= 36, or 0");
        if (!IsType(x, Types().str))
            TypeError(&ts, "int() can't convert non-string with explicit base");
        int64_t v = 0;
        bool overflow = false;
        if (!ParseInt(StrView(x), int(base), v, overflow))
            ValueError(&ts, fmt::format("invalid literal for int() with base {}: {}", base, Repr(ts, x)));
        if (overflow)
            IntOverflow(ts);
        return MakeInt(v);
    }
    if (IsInt(x))
        return MakeInt(IntValue(x));
    if (x.IsFloat())
        return IntFromDouble(ts, x.AsFloat());
    if (IsType(x, Types().str)) {
        int64_t v = 0;
        bool overflow = false;
        if (!ParseInt(StrView(x), 10, v, overflow))
            ValueError(&ts, fmt::format("invalid literal for int() with base 10: {}", Repr(ts, x)));
        if (overflow)
            IntOverflow(ts);
        return MakeInt(v);
    }
    for (const char* hook_name : {"__int__", "__index__", "__trunc__"}) {
        const Value hook = LookupInType(TypeOf(x), hook_name);
        if (!hook.IsNull() && !TypeOf(x)->builtin) {
            const Value r = Call(ts, hook, {x});
            if (!IsInt(r))
                TypeError(&ts, fmt::format("{} returned non-int (type {})", hook_name, TypeName(r)));
            return MakeInt(IntValue(r));
        }
    }
    TypeError(&ts, fmt::format("int() argument must be a string, a bytes-like object or a real number, not '{}'",
                               TypeName(x)));
}

Value BoolConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "bool", 0, 1);
    return Value::Bool(args.npos == 1 && Truthy(ts, args.pos[0]));
}

bool ParseFloat(std::string_view text, double& out)
{
    std::string s = StripSpaces(text);
    std::string lower;
    for (char c : s)
        lower += char(std::tolower(static_cast<unsigned char>(c)));
    const size_t sign = (!lower.empty() && (lower[0] == '+' || lower[0] == '-')) ? 1 : 0;
    const std::string body = lower.substr(sign);
    const bool negative = sign && lower[0] == '-';
    if (body == "inf" || body == "infinity") {
        out = negative ? -INFINITY : INFINITY;
        return true;
    }
    if (body == "nan") {
        out = NAN;
        return true;
    }
    std::string clean;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_') {
            if (i == 0 || i + 1 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i - 1])) ||
                !std::isdigit(static_cast<unsigned char>(s[i + 1])))
                return false;
            continue;
        }
        clean += s[i];
    }
    if (clean.empty())
        return false;
    const char* begin = clean.data() + (clean[0] == '+' ? 1 : 0);
    const auto [ptr, ec] = std::from_chars(begin, clean.data() + clean.size(), out);
    if (ptr != clean.data() + clean.size())
        return false;
    if (ec == std::errc::result_out_of_range)
        out = std::strtod(clean.c_str(), nullptr);
    return true;
}

Value FloatConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "float", 0, 1);
    if (args.npos == 0)
        return Value::Float(0.0);
    const Value x = args.pos[0];
    if (x.IsFloat())
        return x;
    if (IsInt(x))
        return Value::Float(double(IntValue(x)));
    if (IsType(x, Types().str)) {
        double d = 0;
        if (!ParseFloat(StrView(x), d))
            ValueError(&ts, fmt::format("could not convert string to float: {}", Repr(ts, x)));
        return Value::Float(d);
    }
    const Value hook = LookupInType(TypeOf(x), "__float__");
    if (!hook.IsNull() && !TypeOf(x)->builtin) {
        const Value r = Call(ts, hook, {x});
        if (!r.IsFloat())
            TypeError(&ts, fmt::format("{}.__float__ returned non-float (type {})", TypeName(x), TypeName(r)));
        return r;
    }
    TypeError(&ts, fmt::format("float() argument must be a string or a real number, not '{}'", TypeName(x)));
}

Value IntBitLength(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "bit_length", 1, 1);
    const int64_t v = IntValue(args.pos[0]);
    const uint64_t m = v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
    return MakeInt(m == 0 ? 0 : 64 - __builtin_clzll(m));
}

Value IntBitCount(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "bit_count", 1, 1);
    const int64_t v = IntValue(args.pos[0]);
    const uint64_t m = v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
    return MakeInt(__builtin_popcountll(m));
}

Value IntIndex(ThreadState&, const Args& args) { return MakeInt(IntValue(args.pos[0])); }
Value IntConjugate(ThreadState&, const Args& args) { return MakeInt(IntValue(args.pos[0])); }

Value NumberSpecial(ThreadState&, Value self, std::string_view name)
{
    if (name == "real")
        return self.IsFloat() ? self : MakeInt(IntValue(self));
    if (name == "imag")
        return self.IsFloat() ? Value::Float(0.0) : MakeInt(0);
    if (name == "numerator" && !self.IsFloat())
        return MakeInt(IntValue(self));
    if (name == "denominator" && !self.IsFloat())
        return MakeInt(1);
    return Value::Null();
}

Value FloatIsInteger(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "is_integer", 1, 1);
    const double d = args.pos[0].AsFloat();
    return Value::Bool(std::isfinite(d) && d == std::floor(d));
}

Value FloatAsIntegerRatio(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "as_integer_ratio", 1, 1);
    double d = args.pos[0].AsFloat();
    if (std::isinf(d))
        Raise(&ts, Types().OverflowError, "cannot convert Infinity to integer ratio");
    if (std::isnan(d))
        ValueError(&ts, "cannot convert NaN to integer ratio");
    int exponent = 0;
    double mantissa = std::frexp(d, &exponent);
    for (int i = 0; i < 300 && mantissa != std::floor(mantissa); ++i) {
        mantissa *= 2.0;
        --exponent;
    }
    int64_t numerator = int64_t(mantissa);
    int64_t denominator = 1;
    if (exponent > 0) {
        if (exponent > 62)
            IntOverflow(ts);
        numerator <<= exponent;
    } else {
        if (-exponent > 62)
            IntOverflow(ts);
        denominator <<= -exponent;
    }
    return Value::Obj(NewTuple({MakeInt(numerator), MakeInt(denominator)}));
}

// float.hex(): 0x1.<13 hex digits>p<exponent>, as CPython writes it.
Value FloatHex(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "hex", 1, 1);
    const double d = args.pos[0].AsFloat();
    if (std::isnan(d))
        return StrValue("nan");
    if (std::isinf(d))
        return StrValue(d > 0 ? "inf" : "-inf");
    if (d == 0)
        return StrValue(std::signbit(d) ? "-0x0.0p+0" : "0x0.0p+0");
    int exponent = 0;
    double m = std::frexp(std::fabs(d), &exponent); // m in [0.5, 1)
    m *= 2;
    exponent -= 1;
    if (exponent < -1022) { // subnormal: 0x0.<digits>p-1022
        m = std::ldexp(std::fabs(d), 1022);
        exponent = -1022;
    }
    const uint64_t bits = uint64_t(std::ldexp(m - std::floor(m), 52));
    return StrValue(fmt::format("{}0x{}.{:013x}p{:+d}", std::signbit(d) ? "-" : "", int(std::floor(m)), bits, exponent));
}

Value FloatFromHex(ThreadState& ts, const Args& args)
{
    const Value text = args.pos[args.npos - 1];
    if (!IsType(text, Types().str))
        TypeError(&ts, "fromhex() argument must be str");
    const std::string s = std::string(StrView(text));
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    while (end && *end && std::isspace(static_cast<unsigned char>(*end)))
        ++end;
    if (end == s.c_str() || (end && *end))
        ValueError(&ts, "invalid hexadecimal floating-point string");
    return Value::Float(d);
}

Value FloatConjugate(ThreadState&, const Args& args) { return args.pos[0]; }

Value NumberFormat(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "__format__", 2, 2);
    return StrValue(Format(ts, args.pos[0], StrView(args.pos[1])));
}

} // namespace

void InitNumberTypes(TypeTable& t)
{
    t.int_->construct = IntConstruct;
    t.int_->special_attr = NumberSpecial;
    AddMethod(t.int_, "bit_length", IntBitLength);
    AddMethod(t.int_, "bit_count", IntBitCount);
    AddMethod(t.int_, "__index__", IntIndex);
    AddMethod(t.int_, "conjugate", IntConjugate);
    AddMethod(t.int_, "__format__", NumberFormat);
    t.bool_->construct = BoolConstruct;
    t.bool_->special_attr = NumberSpecial;
    t.float_->construct = FloatConstruct;
    t.float_->special_attr = NumberSpecial;
    AddMethod(t.float_, "is_integer", FloatIsInteger);
    AddMethod(t.float_, "as_integer_ratio", FloatAsIntegerRatio);
    AddMethod(t.float_, "hex", FloatHex);
    AddMethod(t.float_, "conjugate", FloatConjugate);
    AddAttr(t.float_, "fromhex", Value::Obj(New<StaticMethod>(t.staticmethod, Value::Obj(NewBuiltin("fromhex", FloatFromHex)))));
    AddMethod(t.float_, "__format__", NumberFormat);
}

} // namespace threadlab::py
