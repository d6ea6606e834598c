# Checks lambdas and higher-order functions: map/filter/sorted keys, returning functions, composition, recursion via names.
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
print(list(map(lambda p: p[0] * p[1], [(1, 2), (3, 4)])), list(filter(lambda s: len(s) > 1, ["a", "bb", "ccc"])))
print(sorted(["b10", "a2", "c1"], key=lambda s: int(s[1:])))
def make_multiplier(n):
    return lambda x: x * n
times = [make_multiplier(i) for i in range(4)]
print([t(10) for t in times])
apply_n = lambda f, n, x: x if n == 0 else apply_n(f, n - 1, f(x))
print(apply_n(dbl, 10, 1))
print((lambda: "no args")(), (lambda *a: len(a))(1, 2, 3), (lambda a, b=5: a + b)(1), (lambda **k: sorted(k))(z=1, a=2))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
print([ops[o](6, 3) for o in "+-*"])
def pipeline(*fns):
    def run(x):
        for f in fns:
            x = f(x)
        return x
    return run
print(pipeline(inc, dbl, str, len)(499))
print(type(inc).__name__, inc.__name__, make_multiplier.__name__, make_multiplier(2).__name__)
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3))
print(max(["apple", "fig", "banana"], key=lambda w: (len(w), w)), min(range(-5, 5), key=lambda v: v * v))
fns = []
for i in range(3):
    fns.append(lambda i=i: i * 100)
print([f() for f in fns])
y = 10
get_y = lambda: y
y = 20
print(get_y())
print((lambda x: (lambda y: x + y))(3)(4))
def counter_factory():
    count = [0]
    def bump():
        count[0] += 1
        return count[0]
    return lambda: bump()
cnt = counter_factory()
print(cnt(), cnt(), cnt())
print(list(map(lambda x, y, z: x + y + z, [1, 2], [10, 20], [100, 200])))
