# Checks try/except/else/finally control flow: order, return overriding in finally, multiple handlers, tuples, bare except.
def flow(kind):
    log = []
    try:
        log.append("try")
        if kind == "value":
            raise ValueError("v")
        if kind == "key":
            raise KeyError("k")
        if kind == "other":
            raise TypeError("t")
    except ValueError as e:
        log.append("except-value:" + str(e))
    except (KeyError, IndexError) as e:
        log.append("except-tuple:" + type(e).__name__)
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log
for k in ["none", "value", "key"]:
    print(k, flow(k))
try:
    flow("other")
except TypeError as e:
    print("escaped", e)

def finally_return():
    try:
        return "try"
    finally:
        print("finally before return")
print(finally_return())

def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"
print(finally_overrides())

def finally_swallows():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(finally_swallows())

def loop_finally():
    out = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(f"f{i}")
    return out
print(loop_finally())

try:
    raise IndexError("idx")
except LookupError as e:
    print("LookupError caught", type(e).__name__)
try:
    raise ZeroDivisionError
except ArithmeticError as e:
    print("ArithmeticError caught", type(e).__name__, repr(str(e)))
try:
    [].pop()
except:
    print("bare except")
def nested():
    try:
        try:
            raise ValueError("inner")
        except KeyError:
            print("wrong handler")
        finally:
            print("inner finally")
    except ValueError as e:
        print("outer caught", e)
nested()
e = "before"
try:
    raise ValueError("x")
except ValueError as e:
    pass
try:
    print(e)
except NameError as err:
    print("NameError: except target deleted")
def handler_raises():
    try:
        raise ValueError(1)
    except ValueError:
        raise KeyError(2)
    finally:
        print("finally still runs")
try:
    handler_raises()
except KeyError as k:
    print("KeyError", k, type(k.__context__).__name__)
try:
    try:
        raise ValueError("a")
    except ValueError as first:
        try:
            raise TypeError("b")
        except TypeError:
            pass
        raise
except ValueError as again:
    print("re-raised the right one:", again)
print(issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError), issubclass(Exception, BaseException))
print([c.__name__ for c in ValueError.__mro__], UnboundLocalError.__mro__[1].__name__, StopIteration.__base__.__name__)
def exc_in_else():
    try:
        pass
    except Exception:
        return "no"
    else:
        raise RuntimeError("from else")
try:
    exc_in_else()
except RuntimeError as r:
    print("RuntimeError", r)
count = 0
while True:
    try:
        count += 1
        if count < 3:
            raise ValueError
        break
    except ValueError:
        continue
print("count", count)
