# Checks Barrier: all parties pass together, wait() indices are 0..n-1, action runs once, n_waiting/parties, abort -> BrokenBarrierError.
import threading
log = []
lock = threading.Lock()
action_runs = []
bar = threading.Barrier(4, action=lambda: action_runs.append("action"))
def worker(i):
    with lock:
        log.append(("before", i))
    idx = bar.wait()
    with lock:
        log.append(("after", i, idx))
ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
befores = [e for e in log[:4] if e[0] == "before"]
print("all befores first:", len(befores) == 4)
print("indices:", sorted(e[2] for e in log if e[0] == "after"))
print(action_runs, bar.parties, bar.n_waiting, bar.broken)
b2 = threading.Barrier(2, timeout=0.01)
try:
    b2.wait()
except threading.BrokenBarrierError as e:
    print("BrokenBarrierError", type(e).__name__, b2.broken)
b2.reset()
print("after reset broken:", b2.broken)
b3 = threading.Barrier(2)
res = []
def waiter():
    try:
        b3.wait()
        res.append("passed")
    except threading.BrokenBarrierError:
        res.append("broken")
t = threading.Thread(target=waiter)
t.start()
while b3.n_waiting == 0:
    pass
b3.abort()
t.join()
print(res, b3.broken)
rounds = []
b4 = threading.Barrier(3)
def cycler(i):
    for r in range(3):
        b4.wait()
        with lock:
            rounds.append(r)
ts = [threading.Thread(target=cycler, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(rounds), rounds[:3] == [0, 0, 0])
