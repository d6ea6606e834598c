# Checks the math module: constants, sqrt/floor/ceil/trunc, gcd/lcm, factorial, isclose, log/exp/trig, inf/nan helpers, errors.
import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.isnan(math.nan))
print(math.sqrt(16), math.sqrt(2), math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.7), math.floor(3), type(math.floor(2.5)).__name__)
print(math.gcd(12, 18), math.gcd(0, 5), math.gcd(-4, 6), math.lcm(4, 6), math.factorial(10), math.factorial(0))
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1), math.isclose(1, 1.05, rel_tol=0.1), math.isclose(0, 1e-10, abs_tol=1e-9))
print(math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024), math.exp(0), math.exp(1))
print(math.sin(0), math.cos(0), math.tan(0), round(math.sin(math.pi / 2), 12), math.atan2(1, 1), math.degrees(math.pi), math.radians(180))
print(math.hypot(3, 4), math.fabs(-3), math.copysign(2, -0.0), math.fmod(7, -3), math.pow(2, 10), math.modf(3.25))
print(math.isinf(math.inf), math.isfinite(1e308), math.isfinite(math.inf), math.comb(5, 2))
print(math.prod([1, 2, 3, 4]), math.fsum([0.1] * 10), math.dist((0, 0), (3, 4)))
print(math.floor(-0.0), math.ceil(1e-9), math.asin(1), math.acos(1))
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError", e)
try:
    math.log(0)
except ValueError as e:
    print("ValueError", e)
try:
    math.factorial(-1)
except ValueError as e:
    print("ValueError", e)
try:
    math.floor(math.inf)
except OverflowError as e:
    print("OverflowError", e)
try:
    math.floor(math.nan)
except ValueError as e:
    print("ValueError", e)
try:
    math.exp(1000)
except OverflowError as e:
    print("OverflowError", e)
try:
    math.foo
except AttributeError as e:
    print("AttributeError", e)
from math import sqrt, pi as PI
print(sqrt(81), PI == math.pi, math.__name__)
print(math.sqrt(10 ** 18), math.gcd(2 ** 40, 6 ** 20))
