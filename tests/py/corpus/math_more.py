# Checks less common math functions: log1p, expm1, isqrt, perm, frexp, ldexp, hyperbolics, erf, gamma, remainder.
import math
print(math.log1p(0), math.log1p(1e-10), math.expm1(1e-10), math.expm1(0))
print(math.isqrt(17), math.isqrt(10 ** 18), math.isqrt(0), math.perm(5, 2), math.perm(5))
print(math.frexp(8.0), math.frexp(0.0), math.ldexp(0.5, 4), math.ldexp(3, -1))
print(math.sinh(0), math.cosh(0), math.tanh(0), math.sinh(1), math.cosh(1), math.tanh(0.5))
print(math.asinh(1), math.acosh(1), math.atanh(0.5))
print(math.erf(0), math.erf(1), math.erfc(1), math.gamma(5), math.lgamma(5))
print(math.remainder(10, 3), math.remainder(11, 3))
try:
    math.isqrt(-1)
except ValueError as e:
    print("ValueError", e)
