# Checks threading.local: per-thread attributes, main thread's values untouched, AttributeError for unset attributes in new threads.
import threading
data = threading.local()
data.value = "main"
results = {}
lock = threading.Lock()
def worker(i):
    try:
        data.value
        seen = "inherited?!"
    except AttributeError:
        seen = "unset"
    data.value = i * 11
    data.items = [i]
    for _ in range(3):
        data.items.append(data.value)
    with lock:
        results[i] = (seen, data.value, data.items)
ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for k in sorted(results):
    print(k, results[k])
print("main still:", data.value, hasattr(data, "items"))
class MyLocal(threading.local):
    def __init__(self, start):
        self.count = start
loc = MyLocal(100)
out = []
def bump():
    loc.count += 1
    out.append(loc.count)
t = threading.Thread(target=bump)
t.start(); t.join()
print(out, loc.count)
try:
    del data.missing
except AttributeError:
    print("AttributeError on del")
del data.value
print(hasattr(data, "value"))
