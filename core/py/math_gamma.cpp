// Gamma and log-gamma as CPython computes them (Lanczos' approximation with
// g = 6.0246…, N = 13), not the C library's: the last digit a program prints
// must be CPython's. NaN stands for a domain error, for the caller to raise.
#include "math_gamma.hpp"

#include <cmath>

namespace threadlab::py {

namespace {

constexpr double kPi = 3.141592653589793238462643383279502884197;
constexpr double kLogPi = 1.144729885849400174143427351353058711647;
constexpr double kG = 6.024680040776729583740234375;
constexpr double kGMinusHalf = 5.524680040776729583740234375;
constexpr int kTerms = 13;
constexpr double kNumerator[kTerms] = {
    23531376880.410759688572007674451636754734846804940, 42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843, 17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708, 1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801, 31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768, 186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024, 210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408};
// x (x+1) … (x+11), expanded.
constexpr double kDenominator[kTerms] = {0.0,      39916800.0, 120543840.0, 150917976.0, 105258076.0,
                                         45995730.0, 13339535.0, 2637558.0,   357423.0,    32670.0,
                                         1925.0,   66.0,       1.0};
constexpr int kExactFactorials = 23;

// The rational part of the approximation, for x > 0; in 1/x for large x so
// that neither sum overflows.
double LanczosSum(double x)
{
    double num = 0, den = 0;
    if (x < 5.0) {
        for (int i = kTerms - 1; i >= 0; --i) {
            num = num * x + kNumerator[i];
            den = den * x + kDenominator[i];
        }
    } else {
        for (int i = 0; i < kTerms; ++i) {
            num = num / x + kNumerator[i];
            den = den / x + kDenominator[i];
        }
    }
    return num / den;
}

// sin(pi x), exact at the integers and half-integers.
double SinPi(double x)
{
    const double y = std::fmod(std::fabs(x), 2.0);
    double r = 0;
    switch (int(std::round(2.0 * y))) {
    case 0: r = std::sin(kPi * y); break;
    case 1: r = std::cos(kPi * (y - 0.5)); break;
    case 2: r = std::sin(kPi * (1.0 - y)); break; // not -sin(pi (y-1)): that is -0.0 at y == 1
    case 3: r = -std::cos(kPi * (y - 1.5)); break;
    default: r = std::sin(kPi * (y - 2.0)); break;
    }
    return std::copysign(1.0, x) * r;
}

// pow(y, e) as two half powers when one would overflow on the way.
double Power(double y, double e, bool divide, double r)
{
    if (e < 139.5)
        return divide ? r / std::pow(y, e) : r * std::pow(y, e);
    const double half = std::pow(y, e / 2.0);
    return divide ? r / half / half : r * half * half;
}

} // namespace

double CPythonGamma(double x)
{
    if (std::isnan(x))
        return x;
    if (std::isinf(x))
        return x > 0 ? x : NAN;
    if (x == 0.0)
        return NAN; // ±inf in C; CPython calls it a domain error
    if (x == std::floor(x)) {
        if (x < 0.0)
            return NAN;
        if (x <= kExactFactorials) {
            double f = 1;
            for (int i = 2; i < int(x); ++i)
                f *= i;
            return f;
        }
    }
    const double ax = std::fabs(x);
    if (ax < 1e-20)
        return 1.0 / x;
    if (ax > 200.0)
        return x < 0.0 ? 0.0 / SinPi(x) : INFINITY;
    const double y = ax + kGMinusHalf;
    // The rounding error of y, folded back in below.
    double z = ax > kGMinusHalf ? (y - ax) - kGMinusHalf : (y - kGMinusHalf) - ax;
    z = z * kG / y;
    if (x < 0.0) {
        double r = -kPi / SinPi(ax) / ax * std::exp(y) / LanczosSum(ax);
        r -= z * r;
        return Power(y, ax - 0.5, true, r);
    }
    double r = LanczosSum(ax) / std::exp(y);
    r += z * r;
    return Power(y, ax - 0.5, false, r);
}

double CPythonLgamma(double x)
{
    if (std::isnan(x))
        return x;
    if (std::isinf(x))
        return INFINITY;
    if (x == std::floor(x) && x <= 2.0)
        return x <= 0.0 ? NAN : 0.0;
    const double ax = std::fabs(x);
    if (ax < 1e-20)
        return -std::log(ax);
    double r = std::log(LanczosSum(ax)) - kG;
    r += (ax - 0.5) * (std::log(ax + kG - 0.5) - 1);
    if (x < 0.0)
        r = kLogPi - std::log(std::fabs(SinPi(ax))) - std::log(ax) - r;
    return r;
}

} // namespace threadlab::py
