# Checks class attributes vs instance attributes, methods as attributes, __str__/__repr__ usage, __class__ and __name__.
class Point:
    dims = 2
    instances = []
    def __init__(self, x, y):
        self.x = x
        self.y = y
        Point.instances.append(self)
    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"
    def __str__(self):
        return f"({self.x}, {self.y})"
    def norm1(self):
        return abs(self.x) + abs(self.y)

p = Point(1, -2)
q = Point("a", "b")
print(p, repr(p), str(p), [p], (p,), {"k": p}, f"{p}", f"{p!r}", "%s %r" % (p, p))
print(q, repr(q), [q])
print(p.dims, Point.dims, len(Point.instances), p.norm1(), Point.norm1(p))
p.dims = 3
print(p.dims, Point.dims, q.dims)
Point.dims = 4
print(p.dims, q.dims)
print(type(p).__name__, p.__class__.__name__, p.__class__ is Point, Point.__name__, Point.__qualname__)
print(sorted(k for k in vars(p)), "dims" in Point.__dict__)

class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"
class OnlyStr:
    def __str__(self):
        return "only-str"
print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()])
print(OnlyStr(), [str(OnlyStr())])

class Outer:
    class Inner:
        val = "inner"
    def make(self):
        return self.Inner()
print(Outer.Inner.val, Outer().make().val, Outer.Inner.__qualname__)

class Config:
    debug = False
    level = 1
    def enable(self):
        self.debug = True
        type(self).level += 1
c1, c2 = Config(), Config()
c1.enable()
print(c1.debug, c2.debug, Config.debug, Config.level, c2.level)

class Empty:
    pass
print(Empty.__name__, isinstance(Empty(), object), Empty.__bases__[0].__name__, type(Empty).__name__)
e = Empty()
e.dynamic = 1
print(e.dynamic)
def ext(self):
    return "ext method"
Empty.method = ext
print(e.method())
class Counter:
    n = 0
    def __init__(self):
        self.n += 1
print(Counter().n, Counter.n)
class Str:
    def __init__(self, v):
        self.v = v
    def __str__(self):
        return "S" + str(self.v)
print(str(Str(1)), "-".join(str(Str(i)) for i in range(3)), print is print)
print(type(Point.norm1).__name__, type(p.norm1).__name__)
