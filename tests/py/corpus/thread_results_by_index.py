# Checks threads writing results into preallocated slots by index (no lock needed), args passing, and a parallel map over chunks.
import threading
N = 8
results = [None] * N
def compute(i, base):
    total = 0
    for k in range(1000):
        total += (k * i + base) % 7
    results[i] = total
ts = [threading.Thread(target=compute, args=(i, 3)) for i in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(results)
data = list(range(100))
chunks = [data[i:i + 25] for i in range(0, 100, 25)]
partial = [0] * len(chunks)
def summer(idx, chunk):
    partial[idx] = sum(x * x for x in chunk)
ts = [threading.Thread(target=summer, args=(i, c)) for i, c in enumerate(chunks)]
for t in ts: t.start()
for t in ts: t.join()
print(partial, sum(partial) == sum(x * x for x in data))
words = ["alpha", "beta", "gamma", "delta"]
upper = {}
lock = threading.Lock()
def up(w):
    with lock:
        upper[w] = w.upper()
ts = [threading.Thread(target=up, args=(w,)) for w in words]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(upper.items()))
