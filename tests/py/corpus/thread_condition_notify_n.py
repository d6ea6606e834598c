# Checks Condition.notify(n) wakes exactly n waiters (the rest keep waiting) and notify_all wakes the remainder.
import threading
cond = threading.Condition()
tickets = 0
woken = []
waiting = 0
def waiter(i):
    global tickets, waiting
    with cond:
        waiting += 1
        cond.notify_all()
        while tickets == 0:
            cond.wait()
        tickets -= 1
        woken.append(i)
ts = [threading.Thread(target=waiter, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
with cond:
    cond.wait_for(lambda: waiting == 5)
    tickets = 2
    cond.notify(2)
def count_woken():
    with cond:
        return len(woken)
while count_woken() < 2:
    with cond:
        cond.wait(0.001)
with cond:
    print("after notify(2):", len(woken))
    tickets = 3
    cond.notify_all()
for t in ts:
    t.join()
print("after notify_all:", len(woken), sorted(woken), tickets)
