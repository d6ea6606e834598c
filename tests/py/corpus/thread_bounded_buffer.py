# Checks a hand-written bounded buffer (Condition with not_full/not_empty), several producers and consumers; totals are exact.
import threading
class Buffer:
    def __init__(self, cap):
        self.cap = cap
        self.items = []
        self.lock = threading.Lock()
        self.not_full = threading.Condition(self.lock)
        self.not_empty = threading.Condition(self.lock)
        self.max_seen = 0
    def put(self, x):
        with self.not_full:
            while len(self.items) >= self.cap:
                self.not_full.wait()
            self.items.append(x)
            self.max_seen = max(self.max_seen, len(self.items))
            self.not_empty.notify()
    def get(self):
        with self.not_empty:
            while not self.items:
                self.not_empty.wait()
            x = self.items.pop(0)
            self.not_full.notify()
            return x
buf = Buffer(3)
got = []
glock = threading.Lock()
def producer(base):
    for i in range(20):
        buf.put(base + i)
def consumer(n):
    for _ in range(n):
        v = buf.get()
        with glock:
            got.append(v)
ps = [threading.Thread(target=producer, args=(b,)) for b in (0, 100, 200)]
cs = [threading.Thread(target=consumer, args=(30,)) for _ in range(2)]
for t in ps + cs: t.start()
for t in ps + cs: t.join()
print(len(got), sum(got), sorted(got) == sorted(list(range(20)) + list(range(100, 120)) + list(range(200, 220))))
print("capacity respected:", buf.max_seen <= 3, "empty at end:", buf.items)
