# Checks exceptions inside pool tasks: exception() returns them, result() re-raises, later tasks still run, map stops at the first failure.
from concurrent.futures import ThreadPoolExecutor, as_completed
def task(n):
    if n % 3 == 0:
        raise ValueError(f"bad {n}")
    return n
with ThreadPoolExecutor(max_workers=3) as ex:
    fs = {ex.submit(task, n): n for n in range(1, 10)}
    good, bad = [], []
    for f in as_completed(fs):
        e = f.exception()
        if e is None:
            good.append(f.result())
        else:
            bad.append((fs[f], type(e).__name__, str(e)))
print(sorted(good), sorted(bad))
with ThreadPoolExecutor(max_workers=2) as ex:
    it = ex.map(task, [1, 2, 3, 4])
    got = []
    try:
        for v in it:
            got.append(v)
    except ValueError as e:
        print("map raised", e, "after", got)
with ThreadPoolExecutor(max_workers=2) as ex:
    f = ex.submit(task, 6)
    try:
        f.result()
    except ValueError as e:
        print("result raised", e, "traceback kept:", e.__traceback__ is not None)
    print(ex.submit(task, 7).result())
