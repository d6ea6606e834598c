# Checks contextlib: @contextmanager (setup/teardown, exceptions, suppression), suppress, nullcontext.
import contextlib
from contextlib import contextmanager

@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")

with tag("a") as t:
    print("inside", t)
with tag("outer"), tag("inner"):
    print("nested body")
try:
    with tag("err"):
        raise ValueError("boom")
except ValueError as e:
    print("propagated", e)

@contextmanager
def swallow():
    try:
        yield
    except KeyError as e:
        print("swallowed", repr(e))
with swallow():
    raise KeyError("k")
print("after swallow")

@contextmanager
def transform():
    try:
        yield
    except ZeroDivisionError as e:
        raise RuntimeError("converted") from e
try:
    with transform():
        1 / 0
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)

with contextlib.suppress(KeyError, IndexError):
    [][0]
print("suppressed IndexError")
try:
    with contextlib.suppress(KeyError):
        int("x")
except ValueError:
    print("ValueError not suppressed")
with contextlib.nullcontext(42) as v:
    print("nullcontext", v)


@contextmanager
def gen_value():
    values = []
    yield values
    print("collected", values)
with gen_value() as vals:
    vals.extend([1, 2])

@contextmanager
def no_yield_twice():
    yield 1
cm = no_yield_twice()
with cm as one:
    print("one", one)

def use_in_function():
    with tag("func"):
        return "returned value"
print(use_in_function())

@contextmanager
def counted():
    counted.n += 1
    yield counted.n
counted.n = 0
for _ in range(2):
    with counted() as c:
        print("count", c)
@contextlib.contextmanager
def bad():
    yield 1
    yield 2
try:
    with bad():
        pass
except RuntimeError as e:
    print("RuntimeError", e)
