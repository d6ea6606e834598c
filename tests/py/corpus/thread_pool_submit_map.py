# Checks ThreadPoolExecutor submit/result, map order (with timeout and several iterables), context-manager shutdown, worker names.
from concurrent.futures import ThreadPoolExecutor
import threading
def square(x):
    return x * x
with ThreadPoolExecutor(max_workers=3) as ex:
    futs = [ex.submit(square, i) for i in range(8)]
    print([f.result() for f in futs])
    print(list(ex.map(square, range(6))))
    print(list(ex.map(pow, [2, 3, 4], [5, 2, 1])))
    print(list(ex.map(square, [], timeout=1)))
    f = ex.submit(lambda a, b=0: a - b, 10, b=3)
    print(f.result(timeout=2), f.done(), f.cancelled(), f.running())
names = set()
lock = threading.Lock()
def record(_):
    with lock:
        names.add(threading.current_thread().name)
    return _
with ThreadPoolExecutor(max_workers=1, thread_name_prefix="solo") as ex:
    print(list(ex.map(record, range(5))))
print(sorted(names))
names.clear()
with ThreadPoolExecutor(max_workers=2, thread_name_prefix="duo") as ex:
    list(ex.map(record, range(10)))
print(names <= {"duo_0", "duo_1"}, len(names) >= 1)
ex = ThreadPoolExecutor(2)
r = ex.submit(sum, [1, 2, 3])
ex.shutdown(wait=True)
print(r.result())
try:
    ex.submit(square, 2)
except RuntimeError as e:
    print("RuntimeError", e)
with ThreadPoolExecutor() as ex:
    print(sum(ex.map(square, range(100))))
def collect(ex_map_chunks):
    return ex_map_chunks
with ThreadPoolExecutor(max_workers=4) as ex:
    print(list(ex.map(str.upper, ["a", "b", "c"])))
    print(sorted(ex.map(len, ["xx", "y", "zzz"])))
