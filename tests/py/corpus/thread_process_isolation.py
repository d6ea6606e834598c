# Checks that a worker process has its own copy of the program's globals: what it changes stays in that process, and one worker keeps its state between calls.
# Note: nothing changes a global before the pool starts, so fork (CPython on Linux) and spawn (threadlab, macOS, Windows) print the same.
from concurrent.futures import ProcessPoolExecutor

counter = 0
seen = []


def bump(n):
    global counter
    counter += n
    seen.append(n)
    return counter, len(seen)


def read():
    return counter


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        print([ex.submit(bump, k).result() for k in (1, 2, 3)])
        print(ex.submit(read).result())
    print(counter, seen)
