# Checks subclassing Thread and overriding run(): attributes set in __init__, results stored on the instance, run() called directly.
import threading
class Summer(threading.Thread):
    def __init__(self, lo, hi):
        super().__init__(name=f"summer-{lo}")
        self.lo, self.hi = lo, hi
        self.total = None
    def run(self):
        self.total = sum(range(self.lo, self.hi))
workers = [Summer(i * 100, (i + 1) * 100) for i in range(4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print([w.total for w in workers], sum(w.total for w in workers), sum(range(400)))
print([w.name for w in workers])
class Direct(threading.Thread):
    def run(self):
        self.where = threading.current_thread().name
d = Direct(name="direct")
d.run()
print("run() in caller:", d.where)
d.start(); d.join()
print("start() in thread:", d.where)
class WithTarget(threading.Thread):
    def run(self):
        print("overridden run; target ignored")
wt = WithTarget(target=lambda: print("target ran"))
wt.start(); wt.join()
class CallsSuper(threading.Thread):
    def run(self):
        print("before super().run()")
        super().run()
        print("after super().run()")
cs = CallsSuper(target=print, args=("target via super",))
cs.start(); cs.join()
class Repeater(threading.Thread):
    def __init__(self, n, out, lock):
        super().__init__()
        self.n, self.out, self.lock = n, out, lock
    def run(self):
        for i in range(self.n):
            with self.lock:
                self.out.append(i)
out = []
lk = threading.Lock()
rs = [Repeater(3, out, lk) for _ in range(3)]
for r in rs: r.start()
for r in rs: r.join()
print(sorted(out))
class NoSuperInit(threading.Thread):
    def __init__(self):
        pass
try:
    NoSuperInit().start()
except RuntimeError as e:
    print("RuntimeError", e)
