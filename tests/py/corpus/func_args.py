# Checks function parameters: defaults, *args, **kwargs, keyword-only, positional-only, and call errors.
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=8))
print(f(a=1, c=0, z=9, d=1))
def pos(a, b, /, c, *, d):
    return a + b + c + d
print(pos(1, 2, 3, d=4), pos(1, 2, c=3, d=4))
try:
    pos(a=1, b=2, c=3, d=4)
except TypeError as e:
    print("TypeError", e)
def only_kw(*, x):
    return x
try:
    only_kw(1)
except TypeError as e:
    print("TypeError", e)
try:
    only_kw()
except TypeError as e:
    print("TypeError", e)
def two(a, b):
    return a, b
try:
    two(1)
except TypeError as e:
    print("TypeError", e)
try:
    two(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
try:
    two(1, a=1)
except TypeError as e:
    print("TypeError", e)
try:
    two(1, c=1)
except TypeError as e:
    print("TypeError", e)
def mutable_default(x, acc=[]):
    acc.append(x)
    return acc
print(mutable_default(1), mutable_default(2), mutable_default(3, []))
def none_default(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(none_default(1), none_default(2))
def varargs(*args):
    return type(args).__name__, args
print(varargs(), varargs(1, "a"))
def kwargs(**kw):
    return sorted(kw.items())
print(kwargs(b=1, a=2), kwargs(**{"x": 1}))
print(f.__defaults__, f.__kwdefaults__, f.__name__, two.__name__)
def rec(n):
    return 1 if n <= 1 else n * rec(n - 1)
print(rec(20))
def ret_multi():
    return 1, 2, 3
print(ret_multi(), type(ret_multi()).__name__)
def no_ret():
    pass
print(no_ret())
sq = lambda x, y=2: x ** y
print(sq(3), sq(3, 3), (lambda *a, **k: (a, k))(1, k=2))
def default_eval_time(x=len("abc")):
    return x
print(default_eval_time())
def annotated(a: int, b: str = "s") -> str:
    return str(a) + b
print(annotated(1), annotated(2, "t"))
def doc():
    "docstring here"
print(doc.__doc__)
def shadow_builtin(len=5):
    return len
print(shadow_builtin(), len([1]))
def call_with(fn, *a, **k):
    return fn(*a, **k)
print(call_with(max, 3, 9, 1), call_with(sorted, [3, 1], reverse=True))
try:
    f(1, 2, **{"c": 3, "b": 9})
except TypeError as e:
    print("TypeError", e)
print("ok")
