import threading
import time

ITERATIONS = 500000
THREADS = 2


def count(n):
    total = 0
    for i in range(n):
        total += i
    return total


# part: sequential
start = time.perf_counter()
for _ in range(THREADS):
    count(ITERATIONS)
sequential = time.perf_counter() - start

# part: threaded
start = time.perf_counter()
threads = [threading.Thread(target=count, args=(ITERATIONS,)) for _ in range(THREADS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
threaded = time.perf_counter() - start

print(f"sequential: {sequential:.3f} s")
print(f"threaded: {threaded:.3f} s")
print(f"speedup: {sequential / threaded:.2f}x")
