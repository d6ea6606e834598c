# Checks LifoQueue and PriorityQueue ordering (single thread and fed by threads), maxsize, full()/empty(), tuple priorities.
import queue, threading
lq = queue.LifoQueue()
for i in range(5):
    lq.put(i)
print([lq.get() for _ in range(5)])
pq = queue.PriorityQueue()
for item in [(3, "c"), (1, "a"), (2, "b"), (1, "aa"), (0, "z")]:
    pq.put(item)
print([pq.get() for _ in range(5)])
pq2 = queue.PriorityQueue()
def feed(vals):
    for v in vals:
        pq2.put(v)
ts = [threading.Thread(target=feed, args=(range(k, 30, 3),)) for k in range(3)]
for t in ts: t.start()
for t in ts: t.join()
drained = []
while not pq2.empty():
    drained.append(pq2.get())
print(drained == sorted(drained), len(drained), drained[:5])
bq = queue.Queue(maxsize=2)
bq.put(1); bq.put(2)
print(bq.full(), bq.qsize(), bq.maxsize)
print(bq.get(), bq.full())
sq = queue.SimpleQueue()
sq.put("x"); sq.put("y")
print(sq.get(), sq.qsize(), sq.empty())
class Task:
    def __init__(self, pri, name):
        self.pri, self.name = pri, name
    def __lt__(self, other):
        return self.pri < other.pri
tq = queue.PriorityQueue()
for p, n in [(5, "low"), (1, "high"), (3, "mid")]:
    tq.put(Task(p, n))
print([tq.get().name for _ in range(3)])
lq2 = queue.LifoQueue(maxsize=1)
lq2.put("only")
try:
    lq2.put_nowait("more")
except queue.Full:
    print("LifoQueue full")
