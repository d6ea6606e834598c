// math: the functions a program of this size uses, with CPython's errors.
#include "builtins_impl.hpp"
#include "math_gamma.hpp"

#include <cmath>
#include <fmt/format.h>
#include <numeric>

namespace threadlab::py {

namespace {

double Arg(ThreadState& ts, const Args& args, int i) { return ToDouble(ts, args.pos[i]); }

[[noreturn]] void DomainError(ThreadState& ts) { ValueError(&ts, "math domain error"); }

template <double (*F)(double)>
Value Unary(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "math function", 1, 1);
    const double x = Arg(ts, args, 0);
    const double r = F(x);
    if (std::isnan(r) && !std::isnan(x))
        DomainError(ts);
    if (std::isinf(r) && std::isfinite(x))
        Raise(&ts, Types().OverflowError, "math range error");
    return Value::Float(r);
}

double Sqrt(double x) { return std::sqrt(x); }
double Exp(double x) { return std::exp(x); }
double Sin(double x) { return std::sin(x); }
double Cos(double x) { return std::cos(x); }
double Tan(double x) { return std::tan(x); }
double Asin(double x) { return std::asin(x); }
double Acos(double x) { return std::acos(x); }
double Atan(double x) { return std::atan(x); }
double Fabs(double x) { return std::fabs(x); }
double Log2(double x) { return x <= 0 ? NAN : std::log2(x); }
double Log10(double x) { return x <= 0 ? NAN : std::log10(x); }
double Degrees(double x) { return x * 180.0 / M_PI; }
double Log1p(double x) { return x <= -1 ? NAN : std::log1p(x); }
double Expm1(double x) { return std::expm1(x); }
double Sinh(double x) { return std::sinh(x); }
double Cosh(double x) { return std::cosh(x); }
double Tanh(double x) { return std::tanh(x); }
double Asinh(double x) { return std::asinh(x); }
double Acosh(double x) { return x < 1 ? NAN : std::acosh(x); }
double Atanh(double x) { return std::fabs(x) >= 1 ? NAN : std::atanh(x); }
double Erf(double x) { return std::erf(x); }
double Erfc(double x) { return std::erfc(x); }
double Radians(double x) { return x * M_PI / 180.0; }

Value Log(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "log", 1, 2);
    const double x = Arg(ts, args, 0);
    if (x <= 0)
        DomainError(ts);
    double r = std::log(x);
    if (args.npos == 2) {
        const double b = Arg(ts, args, 1);
        if (b <= 0 || b == 1)
            b == 1 ? Raise(&ts, Types().ZeroDivisionError, "float division by zero") : DomainError(ts);
        r /= std::log(b);
    }
    return Value::Float(r);
}

Value Rounding(ThreadState& ts, const Args& args, double (*f)(double), const char* name)
{
    ExpectPositional(ts, args, name, 1, 1);
    const Value v = args.pos[0];
    if (IsInt(v))
        return MakeInt(IntValue(v));
    return IntFromDouble(ts, f(ToDouble(ts, v)));
}
Value Floor(ThreadState& ts, const Args& args) { return Rounding(ts, args, std::floor, "floor"); }
Value Ceil(ThreadState& ts, const Args& args) { return Rounding(ts, args, std::ceil, "ceil"); }
Value Trunc(ThreadState& ts, const Args& args) { return Rounding(ts, args, std::trunc, "trunc"); }

Value Pow(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "pow", 2, 2);
    const double x = Arg(ts, args, 0), y = Arg(ts, args, 1);
    if (x == 0 && y < 0)
        DomainError(ts);
    if (x < 0 && y != std::floor(y))
        DomainError(ts);
    const double r = std::pow(x, y);
    if (std::isinf(r) && std::isfinite(x) && std::isfinite(y))
        Raise(&ts, Types().OverflowError, "math range error");
    return Value::Float(r);
}

Value Atan2(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "atan2", 2, 2);
    return Value::Float(std::atan2(Arg(ts, args, 0), Arg(ts, args, 1)));
}

Value Hypot(ThreadState& ts, const Args& args)
{
    double sum = 0;
    for (int i = 0; i < args.npos; ++i) {
        const double x = Arg(ts, args, i);
        sum += x * x;
    }
    if (args.npos == 2)
        return Value::Float(std::hypot(Arg(ts, args, 0), Arg(ts, args, 1)));
    return Value::Float(std::sqrt(sum));
}

Value Copysign(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "copysign", 2, 2);
    return Value::Float(std::copysign(Arg(ts, args, 0), Arg(ts, args, 1)));
}

Value Fmod(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "fmod", 2, 2);
    const double y = Arg(ts, args, 1);
    if (y == 0)
        DomainError(ts);
    return Value::Float(std::fmod(Arg(ts, args, 0), y));
}

// IEEE 754 remainder: x - n*y with n the integer nearest x/y, ties to even.
Value Remainder(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "remainder", 2, 2);
    const double x = Arg(ts, args, 0), y = Arg(ts, args, 1);
    if (std::isnan(x) || std::isnan(y))
        return Value::Float(NAN);
    if (std::isinf(x) || y == 0)
        DomainError(ts);
    return Value::Float(std::isinf(y) ? x : std::remainder(x, y));
}

Value Modf(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "modf", 1, 1);
    double whole;
    const double frac = std::modf(Arg(ts, args, 0), &whole);
    return Value::Obj(NewTuple({Value::Float(frac), Value::Float(whole)}));
}

Value IsClose(ThreadState& ts, const Args& args)
{
    Params p(ts, args, "isclose", {"a", "b", "rel_tol", "abs_tol"}, 2, 2);
    const double a = ToDouble(ts, p[0]), b = ToDouble(ts, p[1]);
    const double rel = p.Has(2) ? ToDouble(ts, p[2]) : 1e-9;
    const double abs_tol = p.Has(3) ? ToDouble(ts, p[3]) : 0.0;
    if (rel < 0 || abs_tol < 0)
        ValueError(&ts, "tolerances must be non-negative");
    if (a == b)
        return Value::True();
    if (std::isinf(a) || std::isinf(b))
        return Value::False();
    const double diff = std::fabs(b - a);
    return Value::Bool(diff <= std::fabs(rel * b) || diff <= std::fabs(rel * a) || diff <= abs_tol);
}

Value IsNan(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "isnan", 1, 1);
    return Value::Bool(std::isnan(Arg(ts, args, 0)));
}
Value IsInf(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "isinf", 1, 1);
    return Value::Bool(std::isinf(Arg(ts, args, 0)));
}
Value IsFinite(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "isfinite", 1, 1);
    return Value::Bool(std::isfinite(Arg(ts, args, 0)));
}

Value Gcd(ThreadState& ts, const Args& args)
{
    int64_t g = 0;
    for (int i = 0; i < args.npos; ++i)
        g = std::gcd(g, IntArg(ts, args.pos[i], "gcd"));
    return MakeInt(g < 0 ? -g : g);
}

Value Lcm(ThreadState& ts, const Args& args)
{
    int64_t l = 1;
    for (int i = 0; i < args.npos; ++i) {
        const int64_t v = IntArg(ts, args.pos[i], "lcm");
        if (v == 0)
            return MakeInt(0);
        int64_t r;
        if (__builtin_mul_overflow(l / std::gcd(l, v), v, &r))
            IntOverflow(ts);
        l = r < 0 ? -r : r;
    }
    return MakeInt(l);
}

Value Factorial(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "factorial", 1, 1);
    const int64_t n = IntArg(ts, args.pos[0], "factorial");
    if (n < 0)
        ValueError(&ts, "factorial() not defined for negative values");
    int64_t r = 1;
    for (int64_t i = 2; i <= n; ++i)
        if (__builtin_mul_overflow(r, i, &r))
            IntOverflow(ts);
    return MakeInt(r);
}

Value Comb(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "comb", 2, 2);
    const int64_t n = IntArg(ts, args.pos[0], "comb"), k = IntArg(ts, args.pos[1], "comb");
    if (n < 0 || k < 0)
        ValueError(&ts, n < 0 ? "n must be a non-negative integer" : "k must be a non-negative integer");
    if (k > n)
        return MakeInt(0);
    __extension__ typedef __int128 Wide; // an intermediate product that may pass int64
    Wide r = 1;
    for (int64_t i = 1; i <= std::min(k, n - k); ++i) {
        r = r * (n - std::min(k, n - k) + i) / i;
        if (r > INT64_MAX)
            IntOverflow(ts);
    }
    return MakeInt(int64_t(r));
}

Value Prod(ThreadState& ts, const Args& args)
{
    Params p(ts, args, "prod", {"iterable", "start"}, 1, 1);
    Value acc = p.Or(1, MakeInt(1));
    for (Value v : Collect(ts, p[0]))
        acc = BinaryOperation(ts, int(BinaryOp::Multiply), acc, v);
    return acc;
}

// Shewchuk's exact summation, as CPython's fsum.
Value Fsum(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "fsum", 1, 1);
    std::vector<double> partials;
    for (Value v : Collect(ts, args.pos[0])) {
        double x = ToDouble(ts, v);
        size_t i = 0;
        for (double y : partials) {
            if (std::fabs(x) < std::fabs(y))
                std::swap(x, y);
            const double hi = x + y;
            const double lo = y - (hi - x);
            if (lo != 0)
                partials[i++] = lo;
            x = hi;
        }
        partials.resize(i);
        partials.push_back(x);
    }
    // Add the partials from the largest, then correct the last rounding
    // (half-even), as CPython's msum.
    double hi = 0;
    size_t n = partials.size();
    if (n > 0) {
        double lo = 0;
        hi = partials[--n];
        while (n > 0) {
            const double x = hi, y = partials[--n];
            hi = x + y;
            const double yr = hi - x;
            lo = y - yr;
            if (lo != 0)
                break;
        }
        if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
            const double y = lo * 2, x = hi + y;
            if (y == x - hi)
                hi = x;
        }
    }
    return Value::Float(hi);
}

Value Isqrt(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "isqrt", 1, 1);
    const int64_t n = IntArg(ts, args.pos[0], "isqrt");
    if (n < 0)
        ValueError(&ts, "isqrt() argument must be nonnegative");
    int64_t r = int64_t(std::sqrt(double(n)));
    while (r > 0 && r * r > n)
        --r;
    while ((r + 1) * (r + 1) <= n)
        ++r;
    return MakeInt(r);
}

Value Perm(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "perm", 1, 2);
    const int64_t n = IntArg(ts, args.pos[0], "perm");
    const int64_t k = args.npos == 2 && !args.pos[1].IsNone() ? IntArg(ts, args.pos[1], "perm") : n;
    if (n < 0 || k < 0)
        ValueError(&ts, n < 0 ? "n must be a non-negative integer" : "k must be a non-negative integer");
    if (k > n)
        return MakeInt(0);
    int64_t r = 1;
    for (int64_t i = n - k + 1; i <= n; ++i)
        if (__builtin_mul_overflow(r, i, &r))
            IntOverflow(ts);
    return MakeInt(r);
}

Value Frexp(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "frexp", 1, 1);
    int e = 0;
    const double m = std::frexp(Arg(ts, args, 0), &e);
    return Value::Obj(NewTuple({Value::Float(m), MakeInt(e)}));
}

Value Ldexp(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "ldexp", 2, 2);
    return Value::Float(std::ldexp(Arg(ts, args, 0), int(IntArg(ts, args.pos[1], "ldexp"))));
}

Value Dist(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "dist", 2, 2);
    const std::vector<Value> p = Collect(ts, args.pos[0]), q = Collect(ts, args.pos[1]);
    if (p.size() != q.size())
        ValueError(&ts, "both points must have the same number of dimensions");
    double sum = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        const double d = ToDouble(ts, p[i]) - ToDouble(ts, q[i]);
        sum += d * d;
    }
    return Value::Float(std::sqrt(sum));
}

} // namespace

Module* MakeMathModule(ThreadState&)
{
    NativeModuleSpec s;
    s.Function("sqrt", Unary<Sqrt>);
    s.Function("exp", Unary<Exp>);
    s.Function("sin", Unary<Sin>);
    s.Function("cos", Unary<Cos>);
    s.Function("tan", Unary<Tan>);
    s.Function("asin", Unary<Asin>);
    s.Function("acos", Unary<Acos>);
    s.Function("atan", Unary<Atan>);
    s.Function("fabs", Unary<Fabs>);
    s.Function("log2", Unary<Log2>);
    s.Function("log10", Unary<Log10>);
    s.Function("degrees", Unary<Degrees>);
    s.Function("radians", Unary<Radians>);
    s.Function("log1p", Unary<Log1p>);
    s.Function("expm1", Unary<Expm1>);
    s.Function("sinh", Unary<Sinh>);
    s.Function("cosh", Unary<Cosh>);
    s.Function("tanh", Unary<Tanh>);
    s.Function("asinh", Unary<Asinh>);
    s.Function("acosh", Unary<Acosh>);
    s.Function("atanh", Unary<Atanh>);
    s.Function("erf", Unary<Erf>);
    s.Function("erfc", Unary<Erfc>);
    s.Function("gamma", Unary<CPythonGamma>);
    s.Function("lgamma", Unary<CPythonLgamma>);
    s.Function("log", Log);
    s.Function("floor", Floor);
    s.Function("ceil", Ceil);
    s.Function("trunc", Trunc);
    s.Function("pow", Pow);
    s.Function("atan2", Atan2);
    s.Function("hypot", Hypot);
    s.Function("copysign", Copysign);
    s.Function("fmod", Fmod);
    s.Function("modf", Modf);
    s.Function("remainder", Remainder);
    s.Function("isclose", IsClose);
    s.Function("isnan", IsNan);
    s.Function("isinf", IsInf);
    s.Function("isfinite", IsFinite);
    s.Function("gcd", Gcd);
    s.Function("lcm", Lcm);
    s.Function("factorial", Factorial);
    s.Function("comb", Comb);
    s.Function("prod", Prod);
    s.Function("fsum", Fsum);
    s.Function("isqrt", Isqrt);
    s.Function("perm", Perm);
    s.Function("frexp", Frexp);
    s.Function("ldexp", Ldexp);
    s.Function("dist", Dist);
    s.Set("pi", Value::Float(M_PI));
    s.Set("e", Value::Float(M_E));
    s.Set("tau", Value::Float(2 * M_PI));
    s.Set("inf", Value::Float(INFINITY));
    s.Set("nan", Value::Float(NAN));
    return BuildNativeModule("math", std::move(s));
}

} // namespace threadlab::py
