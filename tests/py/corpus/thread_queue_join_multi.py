# Checks several producers and consumers on one Queue, q.join() waiting for all task_done calls, exact totals and multiset of items.
import threading, queue
q = queue.Queue(maxsize=4)
seen = []
lock = threading.Lock()
def producer(pid):
    for i in range(10):
        q.put((pid, i))
def consumer():
    while True:
        item = q.get()
        try:
            if item is None:
                return
            with lock:
                seen.append(item)
        finally:
            q.task_done()
cons = [threading.Thread(target=consumer) for _ in range(3)]
prods = [threading.Thread(target=producer, args=(p,)) for p in range(4)]
for t in cons + prods:
    t.start()
for t in prods:
    t.join()
q.join()
print(len(seen), sorted(seen) == sorted((p, i) for p in range(4) for i in range(10)))
for _ in cons:
    q.put(None)
for t in cons:
    t.join()
print(q.qsize(), q.unfinished_tasks, q.empty())
per_producer = {}
for p, i in seen:
    per_producer.setdefault(p, []).append(i)
print(sorted((p, sorted(v) == list(range(10))) for p, v in per_producer.items()))
