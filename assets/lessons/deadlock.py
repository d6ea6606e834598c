import threading
import time

WORK = 0.1
TRANSFERS = 1
lock_a = threading.Lock()
lock_b = threading.Lock()
done = 0


def transfer(first, second):
    global done
    for _ in range(TRANSFERS):
        with first:
            time.sleep(WORK)  # work that needs only the first lock
            with second:
                done += 1


# part: threaded
alice = threading.Thread(target=transfer, args=(lock_a, lock_b), name="alice")
bob = threading.Thread(target=transfer, args=(lock_b, lock_a), name="bob")
alice.start()
bob.start()
alice.join()
bob.join()
print(f"done: {done} of {2 * TRANSFERS}")
