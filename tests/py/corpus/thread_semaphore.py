# Checks Semaphore limiting concurrency (max active never above the limit), acquire non-blocking/timeout, BoundedSemaphore over-release.
import threading, time
sem = threading.Semaphore(2)
active = 0
max_active = 0
lock = threading.Lock()
def worker():
    global active, max_active
    with sem:
        with lock:
            active += 1
            max_active = max(max_active, active)
        time.sleep(0.005)
        with lock:
            active -= 1
ts = [threading.Thread(target=worker) for _ in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("max active <= 2:", max_active <= 2, "final active:", active)
s = threading.Semaphore(1)
print(s.acquire(), s.acquire(blocking=False), s.acquire(timeout=0.01))
s.release()
s.release()
print(s.acquire(blocking=False), s.acquire(blocking=False), s.acquire(blocking=False))
z = threading.Semaphore(0)
print(z.acquire(timeout=0.001))
def rel():
    z.release()
threading.Thread(target=rel).start()
print(z.acquire(timeout=2))
b = threading.BoundedSemaphore(2)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError", e)
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError", e)
s3 = threading.Semaphore(3)
s3.release(2)
print([s3.acquire(blocking=False) for _ in range(6)])
