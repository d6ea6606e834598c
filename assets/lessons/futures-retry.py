import random
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

CALLS = 8
FAIL_RATE = 0.4  # the chance that one attempt fails
RETRIES = 3  # attempts after the first
BACKOFF = 0.05  # seconds before the first retry; doubled each time
CALL = 0.1  # seconds one attempt takes
SEED = 1


class Flaky(Exception):
    pass


def fetch(n, attempt):
    time.sleep(CALL)
    # Whether this attempt fails is drawn from (SEED, n, attempt): the same in every run.
    if random.Random(SEED * 1000 + n * 10 + attempt).random() < FAIL_RATE:
        raise Flaky(f"call {n} failed on attempt {attempt + 1}")
    return n * n


def with_retries(n):
    for attempt in range(RETRIES + 1):
        try:
            return fetch(n, attempt), attempt
        except Flaky:
            if attempt == RETRIES:
                raise  # out of retries: the caller's future.result() re-raises it
            time.sleep(BACKOFF * 2**attempt)


# part: calls
results = {}
retried = 0
failed = []
with ThreadPoolExecutor(max_workers=CALLS) as pool:
    futures = {pool.submit(with_retries, n): n for n in range(CALLS)}
    for future in as_completed(futures):
        n = futures[future]
        try:
            value, attempts = future.result()
        except Flaky:
            failed.append(n)  # its last attempt's exception, re-raised by result()
            continue
        results[n] = value
        retried += attempts

gathered = [results.get(n) for n in range(CALLS)]  # back in input order
print(f"results in input order: {gathered}")
print(f"{len(results)} of {CALLS} succeeded after {retried} retries; gave up on {sorted(failed)}")
