import threading
import time

durations = [3.0, 1.0, 2.0]


def worker(seconds):
    time.sleep(seconds)
    print(f"{threading.current_thread().name} finished after {seconds} s")


# part: threaded
start = time.perf_counter()
threads = []
for name, seconds in zip("ABCDEFGHIJKLMNOP", durations):
    thread = threading.Thread(target=worker, args=(seconds,), name=name)
    thread.start()
    threads.append(thread)

for thread in threads:
    thread.join()
print(f"all done in {time.perf_counter() - start:.2f} s")
