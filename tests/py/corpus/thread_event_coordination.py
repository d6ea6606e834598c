# Checks staged startup with Events: workers report ready, main releases them together, each does one step per signal.
import threading
N = 3
ready = [threading.Event() for _ in range(N)]
start = threading.Event()
steps = []
lock = threading.Lock()
def worker(i):
    ready[i].set()
    start.wait()
    with lock:
        steps.append(i)
ts = [threading.Thread(target=worker, args=(i,)) for i in range(N)]
for t in ts:
    t.start()
for e in ready:
    e.wait()
print("all ready:", all(e.is_set() for e in ready), "steps before start:", steps)
start.set()
for t in ts:
    t.join()
print("steps after start:", sorted(steps))
stop = threading.Event()
ticks = []
def ticker():
    n = 0
    while not stop.is_set():
        n += 1
        if n == 5:
            stop.set()
    ticks.append(n)
t = threading.Thread(target=ticker)
t.start(); t.join()
print(ticks, stop.is_set())
