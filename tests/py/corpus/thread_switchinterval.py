# Checks sys.setswitchinterval/getswitchinterval with threads running lock-protected counters; totals are exact whatever the interval.
import sys, threading
print(sys.getswitchinterval())
for interval in (0.0001, 0.001, 0.01):
    sys.setswitchinterval(interval)
    total = 0
    lock = threading.Lock()
    def add():
        global total
        for _ in range(500):
            with lock:
                total += 1
    ts = [threading.Thread(target=add) for _ in range(3)]
    for t in ts: t.start()
    for t in ts: t.join()
    print(sys.getswitchinterval(), total)
sys.setswitchinterval(0.005)
print(sys.getswitchinterval())
