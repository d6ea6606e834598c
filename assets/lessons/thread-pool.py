import time
from concurrent.futures import ThreadPoolExecutor, as_completed

FILES = 30
WORKERS = 4
DELAY = 0.1  # seconds one write takes: a stand-in for a slow disk
JOBS = [0.3, 0.1, 0.2]  # seconds each of three jobs takes, for the order they come back in


def export(n):
    time.sleep(DELAY)  # writing file n would go here
    return n


def job(seconds):
    time.sleep(seconds)
    return seconds


# part: waves
start = time.perf_counter()
with ThreadPoolExecutor(max_workers=WORKERS) as pool:
    written = list(pool.map(export, range(FILES)))
waves = time.perf_counter() - start
print(f"{FILES} writes on {WORKERS} workers: {waves:.2f} s")

# part: order
with ThreadPoolExecutor(max_workers=len(JOBS)) as pool:
    mapped = list(pool.map(job, JOBS))
    futures = [pool.submit(job, seconds) for seconds in JOBS]
    completed = [future.result() for future in as_completed(futures)]
print(f"map gives them back in input order: {mapped}")
print(f"as_completed gives them as they finish: {completed}")
