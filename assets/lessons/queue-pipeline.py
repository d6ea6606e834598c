import queue
import threading
import time

ITEMS = 12
CONSUMERS = 3
MAXSIZE = 2  # 0 = no bound: the producer never waits
MAKE = 0.01  # seconds the producer takes per item
WORK = 0.1  # seconds a consumer takes per item

tasks = queue.Queue(maxsize=MAXSIZE)
done = []
done_lock = threading.Lock()
producer_waited = 0.0


def produce():
    global producer_waited
    for item in range(ITEMS):
        time.sleep(MAKE)  # making the item
        before = time.perf_counter()
        tasks.put(item)  # waits while the queue is full
        producer_waited += time.perf_counter() - before
    for _ in range(CONSUMERS):
        tasks.put(None)  # one sentinel per consumer: "no more work"


def consume():
    while True:
        item = tasks.get()
        if item is None:
            tasks.task_done()
            break
        time.sleep(WORK)  # working on it
        with done_lock:
            done.append(item)
        tasks.task_done()


# part: pipeline
start = time.perf_counter()
consumers = [threading.Thread(target=consume, name=f"consumer-{i + 1}") for i in range(CONSUMERS)]
for consumer in consumers:
    consumer.start()
producer = threading.Thread(target=produce, name="producer")
producer.start()
producer.join()  # every item is in the queue (or taken) now
tasks.join()  # returns once every item (and sentinel) is marked done
elapsed = time.perf_counter() - start
for consumer in consumers:
    consumer.join()

print(f"{len(done)} of {ITEMS} items done in {elapsed:.2f} s")
print(f"the producer waited {producer_waited:.2f} s for room in the queue")
