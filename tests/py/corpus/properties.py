# Checks @property getter/setter/deleter, read-only properties, staticmethod and classmethod.
class Temp:
    def __init__(self, c):
        self._c = c
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._c
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

t = Temp(100)
print(t.celsius, t.fahrenheit)
t.celsius = 0
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError", e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print("AttributeError")
del t.celsius
try:
    t.celsius
except AttributeError as e:
    print("AttributeError", e)
print(type(Temp.celsius).__name__, isinstance(Temp.__dict__["celsius"], property))

class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
    @staticmethod
    def helper(x, y):
        return x * y
    @classmethod
    def make(cls, n):
        return [cls() for _ in range(n)]
    @classmethod
    def name(cls):
        return cls.__name__

class SubCounter(Counter):
    pass

print(Counter.helper(3, 4), Counter().helper(2, 2))
objs = SubCounter.make(3)
print(len(objs), type(objs[0]).__name__, Counter.total, SubCounter.name(), Counter.name())

class Lazy:
    def __init__(self):
        self.computed = 0
    @property
    def value(self):
        self.computed += 1
        return 42
lz = Lazy()
print(lz.value, lz.value, lz.computed)

class Circle:
    def __init__(self, r):
        self.r = r
    area = property(lambda self: round(3.14159 * self.r ** 2, 3))
    def _get_d(self):
        return self.r * 2
    def _set_d(self, d):
        self.r = d / 2
    diameter = property(_get_d, _set_d)
c = Circle(2)
print(c.area, c.diameter)
c.diameter = 10
print(c.r, c.area)

class Base:
    @property
    def kind(self):
        return "base"
class Derived(Base):
    @property
    def kind(self):
        return "derived/" + super().kind
print(Derived().kind)

class Account:
    def __init__(self):
        self._balance = 0
    @property
    def balance(self):
        return self._balance
    def deposit(self, x):
        self._balance += x
        return self
a = Account().deposit(5).deposit(7)
print(a.balance)
try:
    a.balance = 1
except AttributeError:
    print("read-only balance")
print(hasattr(a, "balance"), hasattr(a, "nope"), getattr(a, "nope", "dflt"))
sm = staticmethod(len)
print(Counter.helper.__name__, callable(Counter.make))
