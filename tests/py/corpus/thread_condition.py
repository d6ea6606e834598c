# Checks Condition: wait/notify handoff, wait_for predicate, notify_all, wait timeout returning False.
import threading
cond = threading.Condition()
items = []
consumed = []
def consumer():
    for _ in range(5):
        with cond:
            cond.wait_for(lambda: len(items) > 0)
            consumed.append(items.pop(0))
            cond.notify_all()
def producer():
    for i in range(5):
        with cond:
            cond.wait_for(lambda: len(items) == 0)
            items.append(i * 10)
            cond.notify_all()
c = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c.start(); p.start()
c.join(); p.join()
print("consumed in order:", consumed)
with cond:
    print("wait timeout ->", cond.wait(0.01))
    print("wait_for timeout ->", cond.wait_for(lambda: False, timeout=0.01))
    print("wait_for true ->", cond.wait_for(lambda: 42))
try:
    cond.notify()
except RuntimeError as e:
    print("RuntimeError", e)
try:
    cond.wait(0.01)
except RuntimeError as e:
    print("RuntimeError", e)
gate = threading.Condition()
opened = False
woken = []
wl = threading.Lock()
def wait_gate(i):
    with gate:
        while not opened:
            gate.wait()
    with wl:
        woken.append(i)
ts = [threading.Thread(target=wait_gate, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
with gate:
    opened = True
    gate.notify_all()
for t in ts:
    t.join()
print("woken:", sorted(woken))
rcond = threading.Condition(threading.RLock())
with rcond:
    with rcond:
        rcond.notify()
print("rlock condition ok")
lcond = threading.Condition(threading.Lock())
with lcond:
    print(lcond.wait(0.001))
