# Checks user exception hierarchies: catching by base class, handler order, args/attributes, __str__/__repr__, exceptions as values.
# Note: 3.9 omits the class name in the TypeError ("__init__() missing ..."); this file follows 3.12.
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"missing {key}")
        self.key = key
class Invalid(AppError):
    pass
class Fatal(Invalid):
    def __str__(self):
        return "FATAL: " + super().__str__()
def raiser(kind):
    if kind == 1:
        raise NotFound("k1")
    if kind == 2:
        raise Invalid("bad", 2)
    if kind == 3:
        raise Fatal("stop")
    if kind == 4:
        raise AppError()
    return "no error"
for k in range(5):
    try:
        r = raiser(k)
        print("ok", r)
    except NotFound as e:
        print("NotFound", e, e.key, e.args)
    except Fatal as e:
        print("Fatal", e, e.args)
    except Invalid as e:
        print("Invalid", e, e.args)
    except AppError as e:
        print("AppError", repr(str(e)), e.args)
print(issubclass(Fatal, AppError), isinstance(Fatal("x"), Invalid), Fatal.__mro__[1].__name__)
errs = [ValueError("v"), KeyError("k"), NotFound("n")]
print([type(e).__name__ for e in errs], [str(e) for e in errs])
print(repr(NotFound("z")), repr(Invalid()), repr(Invalid(1, 2)))
def catch_all(fn):
    try:
        fn()
    except (ValueError, TypeError) as e:
        return "value-or-type:" + type(e).__name__
    except Exception as e:
        return "other:" + type(e).__name__
print(catch_all(lambda: int("x")), catch_all(lambda: len(1)), catch_all(lambda: {}["a"]))
class WithData(Exception):
    def __init__(self, code):
        self.code = code
try:
    raise WithData(7)
except WithData as e:
    print(e.code, e.args, repr(str(e)))
e1 = AppError("saved")
try:
    raise e1
except AppError as caught:
    print(caught is e1)
try:
    raise NotFound
except TypeError as e:
    print("TypeError", e)
try:
    raise 5
except TypeError as e:
    print("TypeError", e)
class NotAnException:
    pass
try:
    raise NotAnException()
except TypeError as e:
    print("TypeError", e)
try:
    try:
        raise Fatal("inner")
    except Invalid as e:
        raise AppError("wrapped") from e
except AppError as e:
    print(e, "<-", e.__cause__)
