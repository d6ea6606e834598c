# Checks executor shutdown: wait=True finishes queued work, cancel_futures=True cancels queued futures, submit after shutdown fails, exceptions in with-block.
from concurrent.futures import ThreadPoolExecutor
import threading
done = []
lock = threading.Lock()
def job(i):
    with lock:
        done.append(i)
    return i
ex = ThreadPoolExecutor(max_workers=2)
fs = [ex.submit(job, i) for i in range(10)]
ex.shutdown(wait=True)
print(sorted(done), all(f.done() for f in fs))
gate = threading.Event()
ex = ThreadPoolExecutor(max_workers=1)
first = ex.submit(gate.wait)
queued = [ex.submit(job, 100 + i) for i in range(3)]
t = threading.Timer(0.02, gate.set)
t.start()
ex.shutdown(wait=True, cancel_futures=True)
t.join()
print("first:", first.result(), "queued cancelled:", [q.cancelled() for q in queued])
print(sorted(done)[-1])
try:
    ex.submit(job, 1)
except RuntimeError as e:
    print("RuntimeError", e)
ex.shutdown()
print("second shutdown ok")
try:
    with ThreadPoolExecutor(max_workers=2) as ex2:
        f = ex2.submit(job, 50)
        raise ValueError("in with body")
except ValueError as e:
    print("ValueError", e, "future still completed:", f.result())
try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError", e)
ex3 = ThreadPoolExecutor(max_workers=2)
f3 = ex3.submit(job, 7)
ex3.shutdown(wait=False)
print("result after shutdown(wait=False):", f3.result())
