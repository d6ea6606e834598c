import threading
import time


def task(name, seconds):
    print(f"{name} goes to sleep for {seconds} s")
    time.sleep(seconds)
    print(f"{name} is done")


durations = [2.0, 1.0]
threads = [threading.Thread(target=task, args=(name, seconds), name=name)
           for name, seconds in zip("ABCDEFGHIJKLMNOP", durations)]

# part: threaded
start = time.perf_counter()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"total: {time.perf_counter() - start:.2f} s")
