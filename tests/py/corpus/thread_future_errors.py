# Checks Future.result re-raising the worker's exception, exception(), result timeouts, cancel() of a queued future, CancelledError.
from concurrent.futures import ThreadPoolExecutor, CancelledError, TimeoutError as FTimeout
import concurrent.futures
import threading
def fail(msg):
    raise KeyError(msg)
with ThreadPoolExecutor(max_workers=1) as ex:
    f = ex.submit(fail, "missing")
    try:
        f.result()
    except KeyError as e:
        print("re-raised", type(e).__name__, e)
    print(type(f.exception()).__name__, f.done())
    ok = ex.submit(int, "5")
    print(ok.result(), ok.exception())
    z = ex.submit(lambda: 1 / 0)
    try:
        z.result()
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
gate = threading.Event()
with ThreadPoolExecutor(max_workers=1) as ex:
    running = ex.submit(gate.wait)
    queued = ex.submit(print, "queued ran?!")
    try:
        running.result(timeout=0.01)
    except FTimeout:
        print("result timed out")
    print("cancel queued:", queued.cancel(), queued.cancelled(), queued.done())
    try:
        queued.result()
    except CancelledError as e:
        print("CancelledError", type(e).__name__)
    try:
        queued.exception()
    except CancelledError:
        print("exception() also raises CancelledError")
    gate.set()
    print(running.result(), "cancel finished:", running.cancel())
f = concurrent.futures.Future()
print(f.done(), f.running(), f.cancelled())
f.set_result(99)
print(f.done(), f.result())
g = concurrent.futures.Future()
g.set_exception(ValueError("manual"))
try:
    g.result()
except ValueError as e:
    print("ValueError", e)
with ThreadPoolExecutor(max_workers=2) as ex:
    results = list(ex.map(lambda x: 10 // x, [5, 2, 1]))
    print(results)
    try:
        list(ex.map(lambda x: 10 // x, [1, 0, 2]))
    except ZeroDivisionError as e:
        print("map re-raised", type(e).__name__)
