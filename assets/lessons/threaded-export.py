import threading
import time
from concurrent.futures import ThreadPoolExecutor

NOTES = 10
FORMAT_COUNT = 3  # md, then json, then csv
DELAY = 0.1  # seconds one write takes: a stand-in for a slow disk
WORKERS = 0  # 0 = one thread per file
FORMATS = ["md", "json", "csv"][:FORMAT_COUNT]


def export(note, fmt):
    # Writing note{note}.{fmt} would go here; the sleep is the disk's wait.
    time.sleep(DELAY)


jobs = [(note, fmt) for note in range(1, NOTES + 1) for fmt in FORMATS]

# part: sequential
start = time.perf_counter()
for note, fmt in jobs:
    export(note, fmt)
sequential = time.perf_counter() - start

# part: threaded
start = time.perf_counter()
if WORKERS == 0:
    threads = [threading.Thread(target=export, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
else:
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(export, *zip(*jobs)))
threaded = time.perf_counter() - start

print(f"sequential: {sequential:.3f} s")
print(f"threaded: {threaded:.3f} s")
print(f"speedup: {sequential / threaded:.1f}x")
