# Checks queue.Queue producer/consumer with a None sentinel, FIFO order per producer, task_done()/join().
import threading, queue
q = queue.Queue()
out = []
def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        out.append(item * 2)
        q.task_done()
c = threading.Thread(target=consumer)
c.start()
for i in range(10):
    q.put(i)
q.put(None)
q.join()
c.join()
print("FIFO single consumer:", out)
print(q.empty(), q.qsize(), q.unfinished_tasks)
work = queue.Queue()
results = queue.Queue()
def worker():
    while True:
        n = work.get()
        if n is None:
            work.task_done()
            return
        results.put(n * n)
        work.task_done()
ws = [threading.Thread(target=worker) for _ in range(3)]
for w in ws:
    w.start()
for n in range(1, 13):
    work.put(n)
work.join()
print("all tasks done, results:", results.qsize())
for _ in ws:
    work.put(None)
for w in ws:
    w.join()
collected = []
while not results.empty():
    collected.append(results.get_nowait())
print(sorted(collected), sum(collected))
try:
    q.task_done()
except ValueError as e:
    print("ValueError", e)
