import threading

INCREMENTS = 300_000
THREADS = 2
counter = 0


def add_many():
    global counter
    for _ in range(INCREMENTS):
        counter += 1


# part: threaded
threads = [threading.Thread(target=add_many) for _ in range(THREADS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

expected = INCREMENTS * THREADS
print(f"expected: {expected}")
print(f"actual: {counter}")
print(f"lost: {expected - counter}")
