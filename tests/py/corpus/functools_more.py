# Checks functools extras: lru_cache cache_info/cache_clear, total_ordering, cached_property, singledispatch.
import functools
calls = []
@functools.lru_cache(maxsize=2)
def cached(n):
    calls.append(n)
    return n * n
for n in [1, 2, 1, 3, 1, 2]:
    cached(n)
print(calls, cached.cache_info())
cached.cache_clear()
print(cached.cache_info())
@functools.total_ordering
class Ver:
    def __init__(self, *parts):
        self.parts = parts
    def __eq__(self, o):
        return self.parts == o.parts
    def __lt__(self, o):
        return self.parts < o.parts
print(Ver(1) <= Ver(1), Ver(2) > Ver(1), Ver(1) >= Ver(2))
class Lazy:
    @functools.cached_property
    def value(self):
        print("computing")
        return 42
lz = Lazy()
print(lz.value, lz.value)
@functools.singledispatch
def kind(x):
    return "object"
@kind.register(int)
def _(x):
    return "int"
print(kind(1), kind("s"))
