# Checks exception chaining: raise from, implicit __context__, __cause__, __suppress_context__.
class AppError(Exception):
    pass

def low():
    raise KeyError("k")

def mid():
    try:
        low()
    except KeyError as e:
        raise AppError("mid failed") from e

try:
    mid()
except AppError as e:
    print(type(e).__name__, e)
    print(type(e.__cause__).__name__, repr(e.__cause__))
    print(e.__context__ is e.__cause__, e.__suppress_context__)

def implicit():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during handling")

try:
    implicit()
except ValueError as e:
    print(e, type(e.__context__).__name__, e.__cause__, e.__suppress_context__)

def suppressed():
    try:
        [][1]
    except IndexError:
        raise RuntimeError("clean") from None

try:
    suppressed()
except RuntimeError as e:
    print(e, e.__cause__, type(e.__context__).__name__, e.__suppress_context__)

def reraise():
    try:
        int("x")
    except ValueError:
        raise

try:
    reraise()
except ValueError as e:
    print("reraised:", e)

class Custom(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
        self.msg = msg
    def __str__(self):
        return f"[{self.code}] {self.msg}"

try:
    raise Custom(404, "not found")
except Custom as e:
    print(e, e.args, e.code, repr(e.msg))

e = ValueError("a", 1)
print(e.args, str(e), repr(e))
print(str(ValueError()), repr(ValueError()), repr(ValueError("x")))
print(str(KeyError("k")), str(KeyError()), repr(KeyError(1)))

try:
    try:
        raise TypeError("inner")
    finally:
        print("finally runs")
except TypeError as e:
    print("caught", e)

def chain_depth():
    try:
        try:
            raise ValueError(1)
        except ValueError as a:
            raise TypeError(2) from a
    except TypeError as b:
        raise KeyError(3) from b
try:
    chain_depth()
except KeyError as e:
    x = e
    names = []
    while x is not None:
        names.append(type(x).__name__)
        x = x.__cause__
    print(names)

try:
    raise AppError
except Exception as e:
    print(type(e).__name__, e.args, isinstance(e, Exception))

try:
    raise ValueError("x") from KeyError("y")
except ValueError as e:
    print(repr(e.__cause__))
