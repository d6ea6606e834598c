# Checks container dunders: __len__, __getitem__ (int and slice), __setitem__, __delitem__, __contains__, __iter__, __bool__.
class Seq:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Seq(*self.items[i])
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __contains__(self, v):
        print("contains", v)
        return v in self.items
    def __repr__(self):
        return f"Seq{tuple(self.items)}"

s = Seq(1, 2, 3, 4)
print(len(s), s[0], s[-1], s[1:3], s[::2])
s[0] = 10
del s[1]
print(s, 3 in s, 99 in s, 99 not in s)
print(list(s), [x for x in s], sorted(s, reverse=True))
try:
    s[10]
except IndexError as e:
    print("IndexError", e)

class OnlyGetitem:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(OnlyGetitem()), 20 in OnlyGetitem(), 25 in OnlyGetitem())
for v in OnlyGetitem():
    print("iter", v)

class Grid:
    def __init__(self):
        self.cells = {}
    def __getitem__(self, key):
        r, c = key
        return self.cells.get((r, c), ".")
    def __setitem__(self, key, v):
        self.cells[key] = v
g = Grid()
g[0, 1] = "x"
g[(2, 2)] = "o"
print("".join(g[r, c] for r in range(3) for c in range(3)))

class Truthy:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        return self.v > 0
class LenOnly:
    def __len__(self):
        return 0
print(bool(Truthy(1)), bool(Truthy(-1)), bool(LenOnly()), bool(object()), "yes" if Truthy(5) else "no")
print(not Truthy(0), Truthy(0) or "fallback", Truthy(2) and "second")

class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        k = self.n
        while k > 0:
            yield k
            k -= 1
print(list(Countdown(3)), sum(Countdown(4)), max(Countdown(5)))
c = Countdown(2)
print(list(c), list(c))

class Reverse:
    def __init__(self, data):
        self.data, self.i = data, len(data)
    def __iter__(self):
        return self
    def __next__(self):
        if self.i == 0:
            raise StopIteration
        self.i -= 1
        return self.data[self.i]
r = Reverse("abc")
print(list(r), list(r), next(Reverse("xy")))
print(list(zip(Reverse("ab"), Countdown(2))), dict(enumerate(Reverse("pq"))))

class Dict2(object):
    def __init__(self):
        self.d = {}
    def __getitem__(self, k):
        try:
            return self.d[k]
        except KeyError:
            raise KeyError(f"no key {k!r}") from None
    def __setitem__(self, k, v):
        self.d[k] = v
d2 = Dict2()
d2["a"] = 1
print(d2["a"])
try:
    d2["b"]
except KeyError as e:
    print("KeyError", e)

class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print("ValueError", e)
class NotIter:
    pass
try:
    iter(NotIter())
except TypeError as e:
    print("TypeError", e)
try:
    for _ in 5:
        pass
except TypeError as e:
    print("TypeError", e)
