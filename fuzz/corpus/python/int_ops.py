# Checks int arithmetic within 64 bits: floor division/modulo signs, bit ops, pow, conversions.
# Note: 3.9 says "integer division or modulo by zero" for 1 % 0; this file follows 3.12.
a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2, -a // b, -a % b, a // -b, a % -b)
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5))
print(7 & 3, 7 | 8, 7 ^ 2, ~7, 1 << 10, 1024 >> 3, -16 >> 2, -1 >> 10)
print(pow(2, 10), pow(2, 10, 1000), pow(3, 0), pow(-2, 3), 2 ** -1, pow(-3, 3, 7))
print(abs(-5), abs(5), -(-5), +5, 0 == -0)
print(int("42"), int("-17"), int(" 8 "), int("ff", 16), int("0x1F", 16), int("101", 2), int("z", 36), int("0o17", 0), int("1_000"))
print(int(True), int(False), int(3.99), int(-0.5), True + True, True * 3)
print(hex(255), hex(-255), oct(8), bin(10), bin(-10), hex(0))
print(str(10 ** 18), 2 ** 62, -9223372036854775807 - 1, 9223372036854775807, 9223372036854775807 // 2)
print((1 << 40) * 1000, 3 ** 39, 10 ** 18 + 10 ** 18)
print(1 < 2 < 3, 3 > 2 > 2, 1 == 1 != 2, 5 > 3 >= 3)
print(bool(0), bool(-1), int.bit_length(255), (1023).bit_length(), (0).bit_length())
print(round(7), round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
print(max(3, 9, 2), min(3, 9, 2), sum(range(1, 101)), sum([1, 2], 10))
for text in ["x", "1.5", "", "12a", "0x10"]:
    try:
        int(text)
    except ValueError as e:
        print("ValueError", e)
try:
    int("9", 8)
except ValueError as e:
    print("ValueError", e)
try:
    1 // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    1 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    1 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    1 + "a"
except TypeError as e:
    print("TypeError", e)
try:
    "a" * "b"
except TypeError as e:
    print("TypeError", e)
try:
    -1 << -1
except ValueError as e:
    print("ValueError", e)
try:
    [1] - [1]
except TypeError as e:
    print("TypeError", e)
try:
    None + 1
except TypeError as e:
    print("TypeError", e)
try:
    1 < "a"
except TypeError as e:
    print("TypeError", e)
print(7 // 2 * 2 + 7 % 2, -7 // 2 * 2 + -7 % 2)
x = 10
x += 5; x -= 3; x *= 2; x //= 5; x **= 3; x %= 7; x <<= 2; x >>= 1; x |= 1; x &= 0b1111; x ^= 0b101
print(x)
print(0b1010, 0o17, 0xFF, 1_000_000, 0 or 5, 3 and 4, not 0)
print(isinstance(True, int), type(1 + True).__name__, 10 / 2, type(10 / 2).__name__, 2 ** 10 == 1024)
print(12345678987654321 % 1000000007, 999999937 * 999999929)
print(hash(1), hash(-1), hash(0), hash(2 ** 61 - 1), hash(2 ** 61), hash(-2))
print(format(42, "b"), format(-42, "x"), format(42, "c"), "%d %i %o %X" % (42, -3, 8, 255))
print(int.__name__, int("  -0  "))
