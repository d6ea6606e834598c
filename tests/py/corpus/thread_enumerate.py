# Checks threading.enumerate/active_count/main_thread/get_ident while threads are parked on an Event and after they finish.
import threading
park = threading.Event()
started = threading.Semaphore(0)
def parked():
    started.release()
    park.wait()
ts = [threading.Thread(target=parked, name=f"parked-{i}") for i in range(3)]
for t in ts:
    t.start()
for _ in ts:
    started.acquire()
print(threading.active_count())
print(sorted(t.name for t in threading.enumerate()))
print(threading.main_thread() in threading.enumerate(), threading.current_thread() is threading.main_thread())
park.set()
for t in ts:
    t.join()
print(threading.active_count(), [t.name for t in threading.enumerate()])
ids = []
lock = threading.Lock()
def rec_id():
    with lock:
        ids.append(threading.get_ident())
t = threading.Thread(target=rec_id)
t.start(); t.join()
print(ids[0] == t.ident, ids[0] != threading.get_ident(), isinstance(threading.get_ident(), int))
