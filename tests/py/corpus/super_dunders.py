# Checks super() lookups of dunder methods: __init__, __repr__, __str__, __eq__, __len__, __getitem__ and Exception.__init__ via super().
class Base:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"Base({self.v})"
    def __str__(self):
        return "base-str"
    def __eq__(self, o):
        return "Base.__eq__"
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return ("base-item", i)
class Derived(Base):
    def __init__(self, v):
        super().__init__(v * 2)
        self.extra = True
    def __repr__(self):
        return "Derived<" + super().__repr__() + ">"
    def __str__(self):
        return "derived+" + super().__str__()
    def __eq__(self, o):
        return super().__eq__(o)
    def __len__(self):
        return super().__len__() + 1
    def __getitem__(self, i):
        return super().__getitem__(i)
d = Derived(5)
print(sorted(vars(d).items()))
print(repr(d), str(d), d == 1, len(d), d[7])
class MyErr(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
e = MyErr(4)
print(e, e.args, e.code, repr(e))
class Shout(Exception):
    def __str__(self):
        return super().__str__().upper()
print(Shout("quiet"))
class Obj:
    def __init__(self):
        super().__init__()
        self.ok = True
    def __repr__(self):
        return "Obj/" + type(self).__name__
print(Obj().ok, repr(Obj()))
class Root:
    def __init__(self, **kw):
        self.kw = kw
class Mid(Root):
    def __init__(self, **kw):
        kw["mid"] = 1
        super().__init__(**kw)
class Leaf(Mid):
    def __init__(self):
        super().__init__(leaf=2)
print(sorted(Leaf().kw.items()))
