# Checks user decorators: plain, with arguments, stacked, class decorators, functools.wraps.
import functools

def trace(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, args, kwargs)
        r = fn(*args, **kwargs)
        print("ret", fn.__name__, r)
        return r
    return wrapper

@trace
def add(a, b=1):
    """Adds."""
    return a + b

add(2, b=3)
print(add.__name__, add.__doc__, add.__wrapped__(1, 1))

def repeat(times):
    def deco(fn):
        def inner(*a):
            return [fn(*a) for _ in range(times)]
        return inner
    return deco

@repeat(3)
def hello(name):
    return "hi " + name
print(hello("bob"), hello.__name__)

def bold(fn):
    return lambda: "<b>" + fn() + "</b>"
def italic(fn):
    return lambda: "<i>" + fn() + "</i>"
@bold
@italic
def text():
    return "t"
print(text())

registry = []
def register(fn):
    registry.append(fn.__name__)
    return fn
@register
def one(): pass
@register
def two(): pass
print(registry, one() is None)

def add_attr(cls):
    cls.tagged = True
    cls.describe = lambda self: "I am " + type(self).__name__
    return cls
@add_attr
class Thing:
    pass
print(Thing.tagged, Thing().describe())

def counted(fn):
    def w(*a):
        w.calls += 1
        return fn(*a)
    w.calls = 0
    return w
@counted
def sq(x):
    return x * x
print(sq(2), sq(3), sq.calls)

def memo(fn):
    cache = {}
    def w(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    w.cache = cache
    return w
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(50), len(fib.cache))

class Deco:
    def __init__(self, fn):
        self.fn = fn
        self.n = 0
    def __call__(self, *a):
        self.n += 1
        return self.fn(*a) * 10
@Deco
def five():
    return 5
print(five(), five(), five.n)

def method_deco(fn):
    def w(self, *a):
        return "[" + str(fn(self, *a)) + "]"
    return w
class K:
    def __init__(self):
        self.v = 7
    @method_deco
    def get(self):
        return self.v
print(K().get())

@functools.lru_cache(maxsize=None)
def slow(n):
    return n * 2
print(slow(4), slow(4), slow(5))

def deco_with_default(fn=None, *, prefix=">"):
    if fn is None:
        return lambda f: deco_with_default(f, prefix=prefix)
    def w():
        return prefix + fn()
    return w
@deco_with_default
def d1(): return "a"
@deco_with_default(prefix="#")
def d2(): return "b"
print(d1(), d2())
