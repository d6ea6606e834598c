# Checks strict alternation of two threads using a Condition and a turn variable; the output order is fully determined.
import threading
cond = threading.Condition()
turn = "ping"
log = []
def player(me, other, rounds):
    global turn
    for i in range(rounds):
        with cond:
            cond.wait_for(lambda: turn == me)
            log.append(f"{me}{i}")
            turn = other
            cond.notify_all()
a = threading.Thread(target=player, args=("ping", "pong", 5))
b = threading.Thread(target=player, args=("pong", "ping", 5))
b.start(); a.start()
a.join(); b.join()
print(" ".join(log))
sems = [threading.Semaphore(1), threading.Semaphore(0), threading.Semaphore(0)]
order = []
def step(k):
    for r in range(3):
        sems[k].acquire()
        order.append((r, k))
        sems[(k + 1) % 3].release()
ts = [threading.Thread(target=step, args=(k,)) for k in (2, 0, 1)]
for t in ts: t.start()
for t in ts: t.join()
print(order)
