# Checks concurrent.futures.wait with FIRST_COMPLETED, ALL_COMPLETED, FIRST_EXCEPTION and a timeout; done/not_done sets.
from concurrent.futures import ThreadPoolExecutor, wait, FIRST_COMPLETED, ALL_COMPLETED, FIRST_EXCEPTION
import threading
gate = threading.Event()
with ThreadPoolExecutor(max_workers=3) as ex:
    blocked = [ex.submit(gate.wait) for _ in range(2)]
    quick = ex.submit(lambda: "quick")
    done, not_done = wait(blocked + [quick], return_when=FIRST_COMPLETED)
    print("FIRST_COMPLETED:", len(done), quick in done, len(not_done), all(b in not_done for b in blocked))
    done, not_done = wait(blocked, timeout=0.01)
    print("timeout:", len(done), len(not_done))
    gate.set()
    done, not_done = wait(blocked + [quick], return_when=ALL_COMPLETED)
    print("ALL_COMPLETED:", len(done), len(not_done), sorted(str(f.result()) for f in done))
def boom():
    raise ValueError("first exception")
gate2 = threading.Event()
with ThreadPoolExecutor(max_workers=3) as ex:
    hang = ex.submit(gate2.wait)
    bad = ex.submit(boom)
    done, not_done = wait([hang, bad], return_when=FIRST_EXCEPTION)
    print("FIRST_EXCEPTION:", bad in done, hang in not_done, type(bad.exception()).__name__)
    gate2.set()
with ThreadPoolExecutor(max_workers=2) as ex:
    fs = [ex.submit(abs, -i) for i in range(5)]
    res = wait(fs)
    print(type(res).__name__, len(res.done), len(res.not_done), sorted(f.result() for f in res.done))
    done, _ = wait([], timeout=0)
    print(len(done))
