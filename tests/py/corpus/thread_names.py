# Checks thread names: MainThread, default 'Thread-N (target)', explicit names, renaming, current_thread inside a thread.
# Note: on 3.9 default names have no " (target)" suffix ("Thread-1"); this file follows 3.12.
import threading
print(threading.current_thread().name, threading.main_thread().name)
seen = {}
lock = threading.Lock()
def worker():
    with lock:
        seen[threading.current_thread().name] = True
def other():
    pass
t1 = threading.Thread(target=worker)
t2 = threading.Thread(target=worker)
t3 = threading.Thread(target=other)
t4 = threading.Thread(target=worker, name="custom")
print(t1.name, t2.name, t3.name, t4.name)
for t in (t1, t2, t3, t4):
    t.start()
for t in (t1, t2, t3, t4):
    t.join()
print(sorted(seen))
t5 = threading.Thread(target=lambda: None)
print(t5.name)
class Job:
    def __call__(self):
        pass
t6 = threading.Thread(target=Job())
print(t6.name)
t7 = threading.Thread()
print(t7.name)
t7.name = "renamed"
print(t7.name)
def name_in_thread():
    me = threading.current_thread()
    with lock:
        seen["inner:" + me.name] = me is t8
t8 = threading.Thread(target=name_in_thread, name="checker")
t8.start()
t8.join()
print(sorted(k for k in seen if k.startswith("inner")), seen["inner:checker"])
print(repr(threading.current_thread().name), threading.current_thread().daemon)
