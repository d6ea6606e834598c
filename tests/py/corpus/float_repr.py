# Checks float repr/str (shortest round-trip), special values, rounding and float formatting.
# Note: sum([0.1]*10) is 1.0 on 3.12+ (compensated sum), 0.9999999999999999 on 3.9; 3.13 says "float modulo by zero". This file follows 3.12.
vals = [0.1, 0.2, 0.1 + 0.2, 1.0, -0.0, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 0.00001234,
        1.5, 2.5, 1 / 3, 2 / 3, 10 / 3, 1e22, 1e23, 5e-324, 1.7976931348623157e308, 100.0, 3.0e-10, 9007199254740993.0]
for v in vals:
    print(repr(v), str(v))
print(float("inf"), float("-inf"), float("nan"), -float("inf"))
print(float("1.5"), float(" 2 "), float("1e3"), float("-0"), float(3), float("Infinity"))
try:
    float("abc")
except ValueError as e:
    print("ValueError", e)
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5), type(round(2.5)).__name__)
print(round(2.675, 2), round(1.005, 2), round(123.456, -1), round(123.456, 1), round(5, -1), round(15, -1))
print(int(3.9), int(-3.9), int(1e10), float(10 ** 15))
print(7.0 // 2, -7.0 // 2, 7.0 % 3, -7.0 % 3, 7 % -3.0, divmod(7.5, 2), divmod(-7.5, 2))
print(2 ** 0.5, 10 ** -2, 2.0 ** 10, (-8) ** 2, 4 ** 0.5)
print(1e308 * 10, -1e308 * 10)
nan = float("nan")
print(nan == nan, nan != nan, nan < 1, nan is nan, [nan] == [nan])
print(0.1 * 3, 0.3 == 0.1 * 3, abs(-2.5), abs(-0.0))
print(1.0.is_integer(), 1.5.is_integer(), (0.5).as_integer_ratio(), (2.75).as_integer_ratio())
print(format(1234.5678, ".2f"), format(1234.5678, "e"), format(1234.5678, "g"), format(0.00001234, "g"))
print(format(1e100, ".3g"), format(123.0, "g"), format(1.0, ".0f"), format(0.5, ".0f"), format(1.5, ".0f"))
print("%.3f %e %g %10.4f|%-10.2f|" % (2.0 / 3, 12345.678, 0.0000123, 3.14159, 2.5))
print(str(1e300 * 1e300), 3.0 == 3, hash(3.0) == hash(3))
print(sum([0.1] * 10), 0.1 * 10, 1 - 0.9)
print(max(1, 2.0), min(1.0, 1), 1 == 1.0, 1 < 1.5 < 2)
print(-1e-7, 1e-7 * -1, 12e-1, 1.23e+45, 0.000001, 0.0000001)
print(1.0 / 7, 22 / 7, 355 / 113)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    1.0 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(float(2 ** 53), float(2 ** 53 + 1), 2 ** 53 + 1.0)
print(round(0.1 + 0.2, 10), round(-0.5), round(-1.5), round(1e15 + 0.5))
