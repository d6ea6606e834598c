# Checks str.format and % formatting: positional/keyword fields, attribute/index lookup, alignment, numbers, escapes.
# Note: 3.9 says "%d format: a number is required, not str"; this file follows 3.12.
print("{} + {} = {}".format(1, 2, 3))
print("{0}{1}{0}".format("ab", "cd"))
print("{name} is {age}".format(name="Ann", age=30))
print("{0[0]} {0[1]} {1[key]}".format([1, 2], {"key": "v"}))
class P:
    x = 5
    y = "why"
print("{0.x} {0.y}".format(P()))
print("{:5}|{:<5}|{:>5}|{:^5}|{:*^5}|".format(1, 2, 3, 4, 5))
print("{:5}|{:<5}|{:>5}|{:^5}|".format("a", "b", "c", "d"))
print("{:.2f} {:.0f} {:e} {:.3e} {:g} {:%} {:.1%}".format(3.14159, 2.5, 1234.5, 0.000123, 1e-5, 0.25, 1 / 3))
print("{:d} {:5d} {:<5d}| {:05d} {:+d} {:+d} {: d}".format(42, 42, 42, 42, 42, -42, 42))
print("{:x} {:X} {:#x} {:o} {:#o} {:b} {:#b} {:c}".format(255, 255, 255, 8, 8, 5, 5, 97))
print("{:,} {:_} {:,.2f} {:>10,}".format(1234567, 1234567, 1234567.891, 1000))
print("{!r} {!s} {!r:>6}".format("s", "s", "t"))
print("{{}} {{{}}}".format("x"))
print("{:{w}.{p}f}".format(3.14159, w=10, p=2), "{:{}}|".format("ab", 6))
print("%s %s %s" % ("a", 1, [1]), "%r" % "q", "%5d|%-5d|%05d" % (1, 2, 3), "%x %X %o %e %E %g" % (255, 255, 8, 1.5, 1.5, 0.5))
print("%.3s|%10.4f|%-8.2e|%+d|% d" % ("abcdef", 3.14159265, 12345.6789, 5, 5))
print("%(x)s-%(y)05.1f" % {"x": "X", "y": 2.25}, "100%% sure", "%c%c" % (72, "i"))
print("%s" % (1,), "%s" % [1, 2], "%s and %s" % (True, None))
try:
    "%d" % "x"
except TypeError as e:
    print("TypeError", e)
try:
    "%s %s" % (1,)
except TypeError as e:
    print("TypeError", e)
try:
    "%s" % (1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError", e)
try:
    "{x}".format(y=1)
except KeyError as e:
    print("KeyError", e)
try:
    "{:d}".format("s")
except ValueError as e:
    print("ValueError", e)
print(format(3.5), format(1e-10), format(12, "06.2f"), format(-0.0, ".1f"), format(1.25, ".1f"), format(1.35, ".1f"))
print("{:=+8.2f}|{:<+8.2f}|{:^+9.2f}|".format(3.14159, 3.14159, -3.14159))
print("{:08.3f} {:-08.3f} {:8.3g}".format(-3.14159, 3.14159, 1234567.0))
print("{0:>{1}}".format("r", 4), "{:>{}}".format("q", 3))
print("{:.2}".format(3.14159), "{:.5}".format(1 / 3), "{:10.3}|".format(1234.5))
print(str.format("{}-{}", "a", "b"), "{}".format(None), "{}".format([1, "2"]), "{:>4}".format(True))
print("%-6s|%6s|" % ("left", "right"), "%3d%%" % 50, "%.0f %.0f %.0f" % (0.5, 1.5, 2.5))
