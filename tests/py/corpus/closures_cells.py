# Checks closures: captured cells, late binding, nonlocal, counters and shared cells.
def make_counter(start=0):
    count = start
    def inc(step=1):
        nonlocal count
        count += step
        return count
    def get():
        return count
    return inc, get

inc, get = make_counter(10)
print(inc(), inc(), inc(5), get())
inc2, get2 = make_counter()
print(inc2(), get(), get2())

fns = [lambda: i for i in range(4)]
print([f() for f in fns])
fns = [lambda i=i: i for i in range(4)]
print([f() for f in fns])

def outer():
    x = 1
    def mid():
        def inner():
            return x * 100
        return inner
    x = 2
    return mid()
print(outer()())

def adders():
    res = []
    for k in range(3):
        def add(n, k=k):
            return n + k
        res.append(add)
    return res
print([a(10) for a in adders()])

def shared():
    v = []
    def push(x):
        v.append(x)
        return len(v)
    def peek():
        return list(v)
    return push, peek
push, peek = shared()
push(1); push(2)
print(peek(), push(3), peek())

def nested_nonlocal():
    a = 0
    def f1():
        nonlocal a
        a += 1
        def f2():
            nonlocal a
            a += 10
        f2()
        return a
    f1(); f1()
    return a
print(nested_nonlocal())

g = 5
def use_global():
    global g
    g += 1
    return g
print(use_global(), use_global(), g)

def shadow():
    g = 100
    return g
print(shadow(), g)

def closure_over_loop_var():
    out = []
    for i in range(3):
        out.append(lambda: i)
    return [f() for f in out]
print(closure_over_loop_var())

def cell_after_del():
    x = 1
    def f():
        return x
    del x
    try:
        return f()
    except NameError as e:
        return type(e).__name__
print(cell_after_del())

print(make_counter.__name__, inc.__name__)
