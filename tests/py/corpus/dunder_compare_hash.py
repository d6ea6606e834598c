# Checks __eq__/__hash__/ordering dunders, reflected comparisons and hashability rules.
class P:
    def __init__(self, x):
        self.x = x
    def __eq__(self, o):
        print("eq", self.x, getattr(o, "x", o))
        return isinstance(o, P) and self.x == o.x
    def __hash__(self):
        return hash(self.x)
    def __repr__(self):
        return f"P({self.x})"
print(P(1) == P(1), P(1) != P(2))
s = {P(1), P(2)}
print(len(s), P(1) in s)
d = {P(3): "three"}
print(d[P(3)])
class NoHash:
    def __eq__(self, o):
        return True
try:
    hash(NoHash())
except TypeError as e:
    print("TypeError", e)
print(NoHash.__hash__ is None)
class Default:
    pass
a = Default()
print(a == a, a == Default(), a != Default(), hash(a) == hash(a))

class Ver:
    def __init__(self, *parts):
        self.parts = parts
    def __eq__(self, o):
        return self.parts == o.parts
    def __lt__(self, o):
        return self.parts < o.parts
    def __le__(self, o):
        return self.parts <= o.parts
    def __gt__(self, o):
        return self.parts > o.parts
    def __ge__(self, o):
        return self.parts >= o.parts
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))
v1, v2, v3 = Ver(1, 2), Ver(1, 10), Ver(1, 2)
print(v1 < v2, v1 <= v3, v2 > v1, v2 >= v1, v1 == v3, v1 != v2)
print(sorted([Ver(2), Ver(1, 5), Ver(1)]), max(Ver(3), Ver(2, 9)))

class OnlyLt:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        print("lt", self.v, o.v)
        return self.v < o.v
print(OnlyLt(1) < OnlyLt(2))
print(OnlyLt(5) > OnlyLt(3))
try:
    OnlyLt(1) <= OnlyLt(2)
except TypeError as e:
    print("TypeError", e)

class Weird:
    def __eq__(self, o):
        return "truthy-string"
print(Weird() == 1, [Weird()] == [Weird()])
class Never:
    def __eq__(self, o):
        return False
n = Never()
print(n == n, [n] == [n], n in [n], [n].count(n), [n].index(n) if n in [n] else -1)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), [2] > [1, 9], "b" > "abc", (1, "a") == (1, "a"))
print(hash((1, 2, 3)), hash(()), hash((1,)), hash((-1, -2)), hash(True), hash((1, (2, 3))))
print(1 == 1.0 == True, hash(1) == hash(1.0) == hash(True), {1: "a", 1.0: "b", True: "c"})
class Eqn:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return NotImplemented
print(Eqn(1) == Eqn(1), Eqn(1) != Eqn(1))
e = Eqn(1)
print(e == e)
