# Checks Event: set/clear/is_set, wait returning True/False, wait with timeout, threads released by set.
import threading
ev = threading.Event()
print(ev.is_set(), ev.wait(0.01))
ev.set()
print(ev.is_set(), ev.wait(), ev.wait(0))
ev.clear()
print(ev.is_set())
go = threading.Event()
done = []
lock = threading.Lock()
def waiter(i):
    r = go.wait(5)
    with lock:
        done.append((i, r))
ts = [threading.Thread(target=waiter, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
print("before set:", done)
go.set()
for t in ts:
    t.join()
print("after set:", sorted(done))
ready = threading.Event()
reply = threading.Event()
msgs = []
def ping():
    ready.wait()
    msgs.append("pong")
    reply.set()
t = threading.Thread(target=ping)
t.start()
msgs.append("ping")
ready.set()
reply.wait()
t.join()
print(msgs)
e2 = threading.Event()
def setter():
    e2.set()
threading.Thread(target=setter).start()
print(e2.wait(2))
