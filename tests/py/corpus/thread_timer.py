# Checks threading.Timer: firing after its interval with args, cancel before firing (never runs), is_alive after join.
import threading
fired = []
t = threading.Timer(0.01, fired.append, args=("fired",))
t.start()
t.join()
print(fired, t.is_alive())
c = threading.Timer(0.05, fired.append, args=("cancelled-should-not-appear",))
c.start()
c.cancel()
c.join()
print(fired, c.is_alive())
def greet(name, punct="!"):
    fired.append("hello " + name + punct)
g = threading.Timer(0.001, greet, args=["bob"], kwargs={"punct": "?"})
g.start()
g.join()
print(fired)
u = threading.Timer(0.01, fired.append, args=("never",))
u.cancel()
u.start()
u.join()
print(fired)
print(isinstance(t, threading.Thread), type(t).__name__)
timers = [threading.Timer(0.001 * i, fired.append, args=(i,)) for i in range(5)]
for tm in timers:
    tm.start()
for tm in timers:
    tm.join()
print(sorted(x for x in fired if isinstance(x, int)))
