# Checks arithmetic dunders: __add__, reflected __radd__, in-place __iadd__, NotImplemented fallback, unary ops.
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def __add__(self, o):
        if isinstance(o, Vec):
            return Vec(self.x + o.x, self.y + o.y)
        if isinstance(o, (int, float)):
            return Vec(self.x + o, self.y + o)
        return NotImplemented
    def __radd__(self, o):
        print("radd called with", o)
        return self.__add__(o)
    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        if isinstance(k, Vec):
            return self.x * k.x + self.y * k.y
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k)
    def __floordiv__(self, k):
        return Vec(self.x // k, self.y // k)
    def __mod__(self, k):
        return Vec(self.x % k, self.y % k)
    def __pow__(self, k):
        return Vec(self.x ** k, self.y ** k)
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __pos__(self):
        return self
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))

a, b = Vec(1, 2), Vec(3, 4)
print(a + b, a - b, a * 3, 3 * a, a * b, b / 2, b // 2, b % 2, a ** 2, -a, +a, abs(b))
print(a + 1, 1 + a)
print(sum([a, b, Vec(0, 1)], Vec(0, 0)))
print(sum([a, b]))
try:
    a + "s"
except TypeError as e:
    print("TypeError", e)
try:
    "s" + a
except TypeError as e:
    print("TypeError", e)
print(a == Vec(1, 2), a != Vec(1, 2), a == 5, hash(a) == hash(Vec(1, 2)))

class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, x):
        self.items.append(x)
        return self
    def __repr__(self):
        return f"Acc{self.items}"
acc = Acc()
orig = acc
acc += 1
acc += 2
print(acc, acc is orig)

class NoIadd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return NoIadd(self.v + o)
n = NoIadd(1)
m = n
n += 5
print(n.v, m.v, n is m)

class Money:
    def __init__(self, c):
        self.c = c
    def __sub__(self, o):
        return Money(self.c - o)
    def __rsub__(self, o):
        return Money(o - self.c)
    def __rtruediv__(self, o):
        return o / self.c
    def __lshift__(self, n):
        return Money(self.c << n)
    def __and__(self, o):
        return Money(self.c & o)
    def __or__(self, o):
        return Money(self.c | o)
    def __xor__(self, o):
        return Money(self.c ^ o)
    def __invert__(self):
        return Money(~self.c)
    def __rfloordiv__(self, o):
        return o // self.c
    def __rmod__(self, o):
        return o % self.c
    def __rpow__(self, o):
        return o ** self.c
    def __imul__(self, k):
        self.c *= k
        return self
m = Money(10)
print((m - 3).c, (100 - m).c, 50 / m, (m << 2).c, (m & 6).c, (m | 5).c, (m ^ 3).c, (~m).c, 25 // m, 25 % m, 2 ** m)
m *= 4
print(m.c)

class Left:
    def __add__(self, o):
        return NotImplemented
class Right:
    def __radd__(self, o):
        return "Right.__radd__"
print(Left() + Right())
class Sub(Vec):
    def __radd__(self, o):
        return "Sub.__radd__ wins"
print(Vec(0, 0) + Sub(1, 1))
