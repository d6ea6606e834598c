# Checks Lock: mutual exclusion for a shared counter, acquire(blocking=False), timeout, locked(), release errors, with-statement.
import threading
lock = threading.Lock()
counter = 0
def add(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1
threads = [threading.Thread(target=add, args=(1000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter", counter)
print(lock.locked(), lock.acquire(), lock.locked())
print(lock.acquire(blocking=False), lock.acquire(timeout=0.01))
lock.release()
print(lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError", e)
with lock:
    print("in with", lock.locked())
print("after with", lock.locked())
def try_lock(out):
    out.append(lock.acquire(blocking=False))
lock.acquire()
out = []
t = threading.Thread(target=try_lock, args=(out,))
t.start()
t.join()
print("other thread got it:", out)
lock.release()
t = threading.Thread(target=try_lock, args=(out,))
t.start()
t.join()
print("other thread got it:", out, lock.locked())
lock.release()
try:
    with lock:
        raise ValueError("inside")
except ValueError:
    print("released on exception:", not lock.locked())
try:
    lock.acquire(blocking=False, timeout=1)
except ValueError as e:
    print("ValueError", e)
print(type(lock).__name__ in ("lock", "LockType"))
