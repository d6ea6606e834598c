# Checks user context managers: __enter__/__exit__ order, suppression, multiple items, exceptions.
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress

with CM("a") as x:
    print("body", x)

with CM("a") as x, CM("b") as y:
    print("body", x, y)

with CM("s", suppress=True):
    raise ValueError("hidden")
print("after suppressed")

try:
    with CM("n"):
        raise KeyError("shown")
except KeyError as e:
    print("caught", repr(e))

try:
    with CM("outer"), CM("inner", suppress=True):
        raise TypeError("t")
    print("inner suppressed it")
except TypeError:
    print("should not happen")

def f():
    with CM("ret"):
        return "returned"
print(f())

for i in range(3):
    with CM(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)

class Resource:
    def __init__(self):
        self.open = False
    def __enter__(self):
        self.open = True
        return self
    def __exit__(self, *a):
        self.open = False
r = Resource()
with r as rr:
    print(rr is r, r.open)
print(r.open)

class BadEnter:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("never")
try:
    with CM("first"), BadEnter():
        print("never body")
except RuntimeError as e:
    print("RuntimeError", e)

class ExitRaises:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise ValueError("from exit")
try:
    with ExitRaises():
        raise KeyError("orig")
except ValueError as e:
    print("ValueError", e, type(e.__context__).__name__)

with CM("tuple") as (p):
    print(p)
