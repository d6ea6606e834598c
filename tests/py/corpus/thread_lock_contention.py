# Checks a Lock held by one thread: other threads' acquire(timeout) fails while held and succeeds after release; counts are exact.
import threading
lock = threading.Lock()
held = threading.Event()
release = threading.Event()
def holder():
    with lock:
        held.set()
        release.wait()
h = threading.Thread(target=holder)
h.start()
held.wait()
outcomes = []
ol = threading.Lock()
def try_timeout():
    got = lock.acquire(timeout=0.01)
    with ol:
        outcomes.append(got)
    if got:
        lock.release()
ts = [threading.Thread(target=try_timeout) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print("while held:", outcomes)
release.set()
h.join()
outcomes.clear()
ts = [threading.Thread(target=try_timeout) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print("after release:", outcomes)
counter = {"n": 0}
def add():
    for _ in range(300):
        lock.acquire()
        try:
            counter["n"] += 1
        finally:
            lock.release()
ts = [threading.Thread(target=add) for _ in range(5)]
for t in ts: t.start()
for t in ts: t.join()
print(counter["n"], lock.locked())
