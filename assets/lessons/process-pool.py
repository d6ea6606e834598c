import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

ITERATIONS = 10_000_000
WORKERS = 2  # threads in the first pool, processes in the second


def count(n):
    # Pure Python computing: it holds its interpreter's GIL the whole time.
    total = 0
    for i in range(n):
        total += i
    return total


# part: threads
if __name__ == "__main__":
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(count, [ITERATIONS] * WORKERS))
    threads = time.perf_counter() - start

# part: processes
# Each worker process imports this file as __mp_main__: the guard keeps it from starting pools of its own.
if __name__ == "__main__":
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(count, [ITERATIONS] * WORKERS))
    processes = time.perf_counter() - start
    print(f"threads: {threads:.3f} s")
    print(f"processes: {processes:.3f} s")
    print(f"processes were {threads / processes:.2f}x as fast")
