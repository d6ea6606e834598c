# Checks UnboundLocalError and NameError: local shadowing of globals, del'd names, messages.
# Note: 3.9 says "local variable 'x' referenced before assignment"; 3.11+ wording is used here (3.12).
x = 10
def f():
    try:
        print(x)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    x = 5
    return x
print(f())
def g():
    y = 1
    del y
    try:
        return y
    except UnboundLocalError as e:
        return type(e).__name__ + ": " + str(e)
print(g())
def h():
    try:
        return missing_global
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
print(h())
print(issubclass(UnboundLocalError, NameError))
def aug():
    counter += 1
try:
    aug()
except UnboundLocalError as e:
    print("aug", e)
z = 1
del z
try:
    z
except NameError as e:
    print(type(e).__name__, e)
def cond(flag):
    if flag:
        val = "set"
    return val
print(cond(True))
try:
    cond(False)
except UnboundLocalError as e:
    print("cond", e)
try:
    del never_defined
except NameError as e:
    print("del", e)
