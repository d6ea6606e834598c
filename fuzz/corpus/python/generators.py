# Checks generators: yield, yield from (with return value), send, close, throw, StopIteration.
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1

print(list(count(4)))
g = count(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value)

def ret_val():
    yield 1
    return "done"
g = ret_val()
next(g)
try:
    next(g)
except StopIteration as e:
    print("value:", e.value, "args:", e.args)

def delegator():
    r = yield from ret_val()
    print("inner returned", r)
    yield from [10, 20]
    yield from count(2)
print(list(delegator()))

def echo():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    yield "end"
e = echo()
print(next(e), e.send(5), e.send(10), e.send(None))

def closer():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
c = closer()
print(next(c))
c.close()
print("closed")
c.close()
try:
    next(c)
except StopIteration:
    print("exhausted after close")

def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as v:
            print("caught in gen", v)
            yield "recovered"
            return
t = catcher()
print(next(t))
print(t.throw(ValueError("boom")))
try:
    next(t)
except StopIteration:
    print("stopped")

def gen_with_send_first():
    x = yield
    print("got", x)
    yield x * 2
s = gen_with_send_first()
try:
    s.send(1)
except TypeError as e:
    print("TypeError", e)
s2 = gen_with_send_first()
s2.send(None)
print(s2.send(21))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(12)])

def inner_gen():
    received = yield "i1"
    print("inner received", received)
    yield "i2"
    return "inner-ret"
def outer_gen():
    r = yield from inner_gen()
    yield r
o = outer_gen()
print(next(o), o.send("hello"), next(o))

g = (x * 2 for x in range(3))
print(type(g).__name__, list(g))
def empty():
    return
    yield
print(list(empty()))
print(type(count(1)).__name__)

def running_gen():
    yield 1
gen = running_gen()
print(list(gen), list(gen))
def gen_raises():
    yield 1
    raise KeyError("inside")
try:
    for v in gen_raises():
        print("v", v)
except KeyError as e:
    print("KeyError", e)

class It:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
def from_iter():
    yield from It()
print(list(from_iter()))
