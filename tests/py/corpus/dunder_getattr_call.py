# Checks __getattr__ fallback, __setattr__-free attribute dicts, __call__, getattr/setattr/hasattr/delattr builtins.
# Note: 3.9 says just "zz" for a failed del of an instance attribute; this file follows 3.12.
class Proxy:
    def __init__(self, target):
        self.target = target
        self.log = []
    def __getattr__(self, name):
        self.log.append(name)
        return getattr(self.target, name)
p = Proxy([3, 1, 2])
p.append(0)
p.sort()
print(p.target, p.log, p.count(1))
try:
    p.nonexistent
except AttributeError as e:
    print("AttributeError", e)

class Dyn:
    existing = "class-attr"
    def __getattr__(self, name):
        if name.startswith("get_"):
            return lambda: name[4:].upper()
        raise AttributeError(f"{type(self).__name__!r} has no {name!r}")
d = Dyn()
print(d.existing, d.get_thing(), hasattr(d, "get_x"), hasattr(d, "other"), getattr(d, "other", "dflt"))
try:
    d.other
except AttributeError as e:
    print("AttributeError", e)

class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *rest, scale=1):
        return (self.n + x + sum(rest)) * scale
add5 = Adder(5)
print(add5(1), add5(1, 2, 3), add5(1, scale=10), callable(add5), callable(Adder), callable(5))
print(list(map(add5, [1, 2, 3])))

class Obj:
    pass
o = Obj()
setattr(o, "a", 1)
o.b = 2
print(getattr(o, "a"), o.b, hasattr(o, "a"), sorted(vars(o).items()), sorted(o.__dict__))
delattr(o, "a")
del o.b
print(hasattr(o, "a"), hasattr(o, "b"), o.__dict__)
try:
    del o.zz
except AttributeError as e:
    print("AttributeError", e)
try:
    getattr(o, "zz")
except AttributeError as e:
    print("AttributeError", e)
Obj.shared = [1]
o1, o2 = Obj(), Obj()
o1.shared.append(2)
print(o2.shared, "shared" in o1.__dict__)
o1.shared = "own"
print(o1.shared, o2.shared, Obj.shared)

class Chain:
    def __init__(self, path=""):
        self.path = path
    def __getattr__(self, name):
        return Chain(self.path + "/" + name)
    def __call__(self):
        return self.path
print(Chain().api.v1.users())

class WithSlotsLike:
    def __init__(self):
        self.__dict__["x"] = 10
print(WithSlotsLike().x)
print(getattr(len, "__name__"), getattr([], "append").__name__, type(getattr(1, "real")).__name__)
class Meth:
    def m(self):
        return self
mm = Meth()
bound = mm.m
print(bound() is mm, Meth.m(mm) is mm, bound.__self__ is mm, bound.__name__)
