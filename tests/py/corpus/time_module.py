# Checks the time module without printing times: sleep returns None, monotonic/perf_counter never go back, types.
import time
a = time.monotonic()
p = time.perf_counter()
w = time.time()
r = time.sleep(0.01)
print(r)
b = time.monotonic()
q = time.perf_counter()
print(b >= a, q >= p, q - p >= 0.009, type(a).__name__, type(w).__name__, w > 1_000_000_000)
time.sleep(0)
print(time.monotonic() >= b)
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError", e)
print(type(time.sleep).__name__, callable(time.perf_counter))
