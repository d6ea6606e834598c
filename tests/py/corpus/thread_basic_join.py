# Checks Thread start/join with args and kwargs, results collected in a list, is_alive before/after, ident set after start.
import threading
results = []
lock = threading.Lock()
def worker(n, scale=1):
    value = n * n * scale
    with lock:
        results.append(value)
threads = [threading.Thread(target=worker, args=(i,), kwargs={"scale": 10}) for i in range(5)]
print([t.is_alive() for t in threads], threads[0].ident is None)
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))
print([t.is_alive() for t in threads], all(t.ident is not None for t in threads))
print(threading.active_count(), threading.current_thread().name, threading.current_thread() is threading.main_thread())
t = threading.Thread(target=print, args=("printed by thread",))
t.start()
t.join()
print("after join")
def returns():
    return "ignored return value"
t = threading.Thread(target=returns)
t.start()
t.join()
print(t.is_alive())
t = threading.Thread()
t.start()
t.join()
print("empty target ok")
