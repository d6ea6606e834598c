import threading
import time

CALLS = 20
RATE = 5  # calls allowed to start per second
AT_ONCE = 2  # calls allowed to run at the same moment
CALL = 0.05  # seconds one call takes (the remote service)

slots = threading.Semaphore(AT_ONCE)  # at most AT_ONCE calls inside at a time
schedule_lock = threading.Lock()
next_start = 0.0  # the moment the next call may start: one every 1 / RATE seconds
starts = []


def limited_call(n):
    global next_start
    with schedule_lock:  # take the next free start time
        now = time.perf_counter()
        start_at = max(now, next_start)
        next_start = start_at + 1.0 / RATE
    time.sleep(start_at - now)  # wait for our turn
    with slots:
        starts.append(time.perf_counter())
        time.sleep(CALL)  # the call itself


# part: calls
begin = time.perf_counter()
threads = [threading.Thread(target=limited_call, args=(n,)) for n in range(CALLS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
total = time.perf_counter() - begin

gap = min((b - a for a, b in zip(starts, starts[1:])), default=0.0)
print(f"{CALLS} calls at {RATE} per second took {total:.2f} s")
print(f"calls started at least {gap:.2f} s apart")
