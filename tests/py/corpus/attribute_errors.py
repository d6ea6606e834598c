# Checks where an attribute can be set: a bare object() has no __dict__, a class's instance has; builtin types name their C module in errors as CPython's tp_name does.
import threading

o = object()
for target in (o, 1, "s", [].append, threading.Lock(), threading.RLock()):
    try:
        target.x = 1
        print("set on", type(target).__name__)
    except AttributeError as e:
        print("AttributeError:", e)
try:
    object.__setattr__(o, "y", 2)
except AttributeError as e:
    print("AttributeError:", e)
try:
    threading.Lock().missing
except AttributeError as e:
    print("AttributeError:", e)
print(type(threading.Lock()).__name__, type(threading.Lock()).__module__)


class Plain:
    pass


p = Plain()
p.x = 1
object.__setattr__(p, "y", 2)
print(p.x, p.y, sorted(vars(p)))
ev = threading.Event()
ev.flagged = True
print(ev.flagged)
try:
    Plain.missing
except AttributeError as e:
    print("AttributeError:", e)
