# Checks concurrent.futures.as_completed (results sorted since order is not guaranteed), mapping futures back to inputs, timeouts.
from concurrent.futures import ThreadPoolExecutor, as_completed, TimeoutError as FTimeout
import threading, time
def work(n):
    time.sleep(0.001 * (n % 3))
    return n * 10
with ThreadPoolExecutor(max_workers=4) as ex:
    fut_to_n = {ex.submit(work, n): n for n in range(10)}
    got = []
    for f in as_completed(fut_to_n):
        got.append((fut_to_n[f], f.result()))
    print(sorted(got))
    print(len(got), all(f.done() for f in fut_to_n))
gate = threading.Event()
with ThreadPoolExecutor(max_workers=2) as ex:
    slow = ex.submit(gate.wait)
    fast = ex.submit(lambda: "fast")
    first = next(as_completed([slow, fast]))
    print("first completed:", first.result(), first is fast)
    try:
        for f in as_completed([slow], timeout=0.01):
            pass
    except FTimeout as e:
        print("TimeoutError", type(e).__name__, "pending" in str(e) or "unfinished" in str(e))
    gate.set()
    print(slow.result())
with ThreadPoolExecutor(max_workers=3) as ex:
    fs = [ex.submit(pow, 2, k) for k in range(8)]
    done_vals = sorted(f.result() for f in as_completed(fs))
    print(done_vals)
    dup = ex.submit(int, "7")
    print([f.result() for f in as_completed([dup, dup])])
