# Checks Future.add_done_callback: called once on completion (also for failures and cancellation), immediately if already done.
from concurrent.futures import ThreadPoolExecutor, Future
import threading
log = []
lock = threading.Lock()
def cb(fut):
    with lock:
        if fut.cancelled():
            log.append("cancelled")
        elif fut.exception() is not None:
            log.append("error:" + type(fut.exception()).__name__)
        else:
            log.append("ok:" + str(fut.result()))
with ThreadPoolExecutor(max_workers=2) as ex:
    fs = [ex.submit(lambda n=n: n * n, ) for n in range(4)]
    for f in fs:
        f.add_done_callback(cb)
    bad = ex.submit(lambda: [][0])
    bad.add_done_callback(cb)
print(sorted(log))
log.clear()
f = Future()
f.add_done_callback(cb)
print("before set:", log)
f.set_result("late")
print("after set:", log)
f.add_done_callback(cb)
print("already done:", log)
c = Future()
c.add_done_callback(cb)
print(c.cancel(), log[-1])
order = []
h = Future()
h.add_done_callback(lambda _: order.append(1))
h.add_done_callback(lambda _: order.append(2))
h.add_done_callback(lambda _: order.append(3))
h.set_result(None)
print(order)
def raising_cb(_):
    raise RuntimeError("callback error is logged, not raised")
k = Future()
k.add_done_callback(raising_cb)
k.set_result(1)
print("set_result survived", k.result())
