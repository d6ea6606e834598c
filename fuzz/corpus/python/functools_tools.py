# Checks functools: partial (args, keywords, nesting), reduce (with/without initial), wraps metadata, lru_cache results, cmp_to_key.
# Note: 3.9 says "reduce() of empty sequence with no initial value"; this file follows 3.12.
import functools
from functools import partial, reduce

def power(base, exp, *, mod=None):
    r = base ** exp
    return r % mod if mod else r
square = partial(power, exp=2)
cube = partial(power, exp=3)
print(square(5), cube(2), square(7, mod=10), partial(power, 2)(10))
p = partial(power, 3, mod=5)
print(p(4), p.func is power, p.args, p.keywords)
pp = partial(p, 2)
print(pp(), pp.args)
base_two = partial(int, base=2)
print(base_two("1010"), base_two("11"))
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 1), reduce(max, [3, 9, 2]))
print(reduce(lambda acc, x: acc + [x * 2], [1, 2], []), reduce(lambda a, b: a + b, [], 0))
try:
    reduce(lambda a, b: a + b, [])
except TypeError as e:
    print("TypeError", e)
print(reduce(lambda a, b: b + a, "abc"))

def decorator(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        """wrapper doc"""
        return fn(*a, **k)
    return wrapper
@decorator
def documented(x):
    """The real doc."""
    return x
print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__, documented(3))
def plain_deco(fn):
    def wrapper():
        return fn()
    return wrapper
@plain_deco
def named():
    pass
print(named.__name__)

calls = []
@functools.lru_cache(maxsize=2)
def cached(n):
    calls.append(n)
    return n * n
for n in [1, 2, 1, 3, 1, 2]:
    cached(n)
print(calls)

def cmp(a, b):
    return (a > b) - (a < b)
print(sorted([3, 1, 2], key=functools.cmp_to_key(cmp)), sorted(["bb", "a", "ccc"], key=functools.cmp_to_key(lambda a, b: len(b) - len(a))))

@functools.lru_cache(maxsize=None)
def ways(n):
    return 1 if n <= 1 else ways(n - 1) + ways(n - 2)
print(ways(80))
print(partial(max, default=0)([]), list(map(partial(pow, 2), range(5))))
print(functools.reduce(lambda a, b: a * 10 + b, [1, 2, 3]))
class C:
    def method(self, a, b):
        return a - b
print(partial(C.method, C(), 10)(3))
