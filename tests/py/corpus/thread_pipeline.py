# Checks a three-stage pipeline of threads connected by queues with sentinels; single worker per stage keeps order deterministic.
import threading, queue
SENTINEL = object()
def stage(fn, inq, outq):
    while True:
        item = inq.get()
        if item is SENTINEL:
            outq.put(SENTINEL)
            return
        outq.put(fn(item))
q1, q2, q3 = queue.Queue(), queue.Queue(maxsize=2), queue.Queue()
s1 = threading.Thread(target=stage, args=(lambda x: x + 1, q1, q2), name="inc")
s2 = threading.Thread(target=stage, args=(lambda x: x * x, q2, q3), name="sq")
s1.start(); s2.start()
for i in range(8):
    q1.put(i)
q1.put(SENTINEL)
out = []
while True:
    v = q3.get()
    if v is SENTINEL:
        break
    out.append(v)
s1.join(); s2.join()
print(out)
print(sum(out), q1.empty(), q2.empty(), q3.empty())
