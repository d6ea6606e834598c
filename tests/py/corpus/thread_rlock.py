# Checks RLock: re-entrant acquisition by the owner, blocking other threads until fully released, release errors.
import threading
rl = threading.RLock()
def recurse(n):
    with rl:
        return 0 if n == 0 else 1 + recurse(n - 1)
print(recurse(5))
print(rl.acquire(), rl.acquire(), rl.acquire(blocking=False))
got = []
def other():
    ok = rl.acquire(blocking=False)
    got.append(ok)
    if ok:
        rl.release()
t = threading.Thread(target=other)
t.start(); t.join()
print("other while held 3x:", got)
rl.release(); rl.release()
t = threading.Thread(target=other)
t.start(); t.join()
print("other while held 1x:", got)
rl.release()
t = threading.Thread(target=other)
t.start(); t.join()
print("other after release:", got)
try:
    rl.release()
except RuntimeError as e:
    print("RuntimeError", e)
rl.acquire()
def release_not_owner():
    try:
        rl.release()
        got.append("released")
    except RuntimeError as e:
        got.append("not owner: " + str(e))
t = threading.Thread(target=release_not_owner)
t.start(); t.join()
print(got)
rl.release()
try:
    threading.RLock().release()
except RuntimeError as e:
    print("RuntimeError", e)
total = 0
rlock = threading.RLock()
def inc():
    global total
    with rlock:
        with rlock:
            total += 1
ts = [threading.Thread(target=lambda: [inc() for _ in range(200)]) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(total)
