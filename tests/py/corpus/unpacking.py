# Checks tuple/list/star unpacking in assignments, for loops, calls and literals, with error cases.
a, b = 1, 2
a, b = b, a
print(a, b)
x, *rest = [1, 2, 3, 4]
print(x, rest)
*init, last = "abcd"
print(init, last)
first, *mid, end = range(5)
print(first, mid, end)
p, *q = [1]
print(p, q)
(c, d), e = (3, 4), 5
print(c, d, e)
[f, g] = "xy"
print(f, g)
for i, (k, v) in enumerate({"a": 1, "b": 2}.items()):
    print(i, k, v)
for n, *tail in [(1, 2, 3), (4,), (5, 6)]:
    print(n, tail)
def fn(a, b, c=0, *args, **kw):
    return a, b, c, args, kw
print(fn(*[1, 2]), fn(*[1, 2, 3, 4], **{"z": 5}), fn(1, *(2,), c=9))
print([*range(3), *"ab"], (*[1], 2), {*[1, 2], *[2, 3]}, {**{"a": 1}, "b": 2})
print(*[1, 2, 3], sep="-")
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError", e)
m = n = [0]
m.append(1)
print(m, n, m is n)
i = 0
arr = [10, 20]
i, arr[i] = 1, 99
print(i, arr)
t = 1,
print(t, type(t).__name__, len(t))
((a1, b1), (c1, d1)) = [[1, 2], [3, 4]]
print(a1, b1, c1, d1)
head, *_ = "hello"
print(head, _)
s = {"x": 1, "y": 2}
k1, k2 = s
print(k1, k2)
def gen():
    yield 1
    yield 2
g1, g2 = gen()
print(g1, g2)
print(max(*[3, 7, 5]), list(zip(*[(1, "a"), (2, "b")])))
def kwonly(*, a, b=2):
    return a + b
print(kwonly(a=1), kwonly(**{"a": 5, "b": 5}))
o = [1, 2, 3]
o[1:2] = [7, 8, 9]
print(o)
o[::2] = "xyz"
print(o)
