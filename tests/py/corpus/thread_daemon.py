# Checks daemon flag: default inherited from the creator, daemon=True kwarg, setting after start fails, a blocked daemon does not keep the process alive.
import threading
t = threading.Thread(target=lambda: None)
print(t.daemon, threading.current_thread().daemon)
d = threading.Thread(target=lambda: None, daemon=True)
print(d.daemon)
t.daemon = True
print(t.daemon)
inherit = []
def creator():
    inner = threading.Thread(target=lambda: None)
    inherit.append(inner.daemon)
c = threading.Thread(target=creator, daemon=True)
c.start(); c.join()
n = threading.Thread(target=creator)
n.start(); n.join()
print("inherited:", inherit)
forever = threading.Event()
bg = threading.Thread(target=forever.wait, daemon=True)
bg.start()
try:
    bg.daemon = False
except RuntimeError as e:
    print("RuntimeError", e)
print("daemon alive:", bg.is_alive())
print("main exits now")
