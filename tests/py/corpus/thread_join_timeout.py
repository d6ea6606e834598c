# Checks join(timeout) on a thread that is still blocked: returns with is_alive() True; after releasing, join finishes.
import threading
release = threading.Event()
def blocked():
    release.wait()
t = threading.Thread(target=blocked, name="blocker")
t.start()
t.join(0.01)
print("alive after short join:", t.is_alive())
t.join(timeout=0)
print("alive after zero join:", t.is_alive())
release.set()
t.join()
print("alive after full join:", t.is_alive())
t.join(0.01)
print("join again ok")
try:
    threading.Thread(target=print).join()
except RuntimeError as e:
    print("RuntimeError", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError", e)
t2 = threading.Thread(target=lambda: None)
t2.start()
t2.join()
try:
    t2.start()
except RuntimeError as e:
    print("RuntimeError", e)
quick = threading.Thread(target=lambda: None)
quick.start()
quick.join(5)
print("quick done:", not quick.is_alive())
