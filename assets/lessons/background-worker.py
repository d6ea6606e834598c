import queue
import threading
import time

JOBS = 5
WORK = 0.1  # seconds each job takes
IDLE = 0.05  # seconds the idle worker waits on the event before looking again
WAIT = 1  # 1: stop(wait=True) lets the worker finish; 0: the program just ends

jobs = queue.Queue()
stopping = threading.Event()
done = []


def worker():
    while True:
        try:
            job = jobs.get_nowait()
        except queue.Empty:
            # Nothing to do: sleep until told to stop, or until IDLE has passed.
            if stopping.wait(timeout=IDLE):
                return
            continue
        time.sleep(WORK)  # the job
        done.append(job)
        jobs.task_done()


def stop(wait):
    if wait:
        jobs.join()  # every job taken has been marked done
    stopping.set()
    if wait:
        background.join()


# part: run
start = time.perf_counter()
background = threading.Thread(target=worker, name="worker", daemon=True)
background.start()
for job in range(JOBS):
    jobs.put(job)
stop(wait=WAIT == 1)
elapsed = time.perf_counter() - start
print(f"{len(done)} of {JOBS} jobs done when the program ended")
