# Checks f-strings: conversions, format specs, nested specs, = specifier, expressions, escapes.
x = 3.14159
n = 1234567
s = "hi"
print(f"{x:.2f} {x:10.3f}| {x:<10.1f}| {x:^10.2f}| {x:+.1e}")
print(f"{n:,} {n:_} {n:>12,} {n:012d} {-n:,}")
print(f"{s!r} {s!s} {s:>5} {s:*^7} {s:<4}|")
print(f"{x=} {n=:,} {s=!r}")
print(f"{ x = }")
width, prec = 12, 3
print(f"[{x:{width}.{prec}f}]")
print(f"[{s:{'>'}{width}}]")
print(f"{255:x} {255:X} {255:#x} {255:o} {255:#o} {255:b} {255:#b} {255:08b}")
print(f"{0.5:%} {0.125:.1%} {1e10:g} {1.5e-7:g} {123456789.0:e}")
print(f"{'a' + 'b'} {len('abc')} {[1, 2][1]} {{literal}} {3 if x > 3 else 4}")
d = {"k": 1}
print(f"{d['k']} {d!r}")
print(f"{-5:5d}|{-5:<5d}|{-5:=5d}|{5:+d}|{5: d}")
print(f"{True} {None} {True:d} {False!r}")
print(f"{'mid':-^9}|")
val = 42
print(f"{val:>{width}}|{val:<{width // 2}}|")
print(f"{3.0} {1e20} {1e-7} {0.1 + 0.2} {2.5:.0f} {3.5:.0f}")
print(f"{'x'!r:>6}|")
class P:
    def __format__(self, spec):
        return f"P<{spec}>"
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "p-str"
p = P()
print(f"{p} {p:abc} {p!r} {p!s}")
print(f"{12345.6789:,.2f} {0.000123:.2e} {100:.3g} {1234.5:.3g}")
print(f"{'multi'}" f"{'part'}" "plain")
print(f"{7:03}|{7.5:06.2f}|{-7.5:07.2f}")
items = ["a", "b"]
print(f"{', '.join(items)}")
print(f"{'nested {}'.format(1)}")
print(f"{x!r:.4}")
