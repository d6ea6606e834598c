# Checks ThreadPoolExecutor initializer/initargs running once per worker thread, with threading.local state per worker.
from concurrent.futures import ThreadPoolExecutor
import threading
state = threading.local()
inits = []
lock = threading.Lock()
def init(tag):
    state.tag = tag
    state.count = 0
    with lock:
        inits.append(tag)
def task(x):
    state.count += 1
    return (state.tag, x * 2)
with ThreadPoolExecutor(max_workers=2, initializer=init, initargs=("w",)) as ex:
    out = list(ex.map(task, range(6)))
print(sorted(out))
print(1 <= len(inits) <= 2, sorted(set(inits)))
with ThreadPoolExecutor(max_workers=1, initializer=init, initargs=("solo",)) as ex:
    out = [f.result() for f in [ex.submit(task, i) for i in range(3)]]
print(out)
