import threading
N = 3
counter = 0
lock = threading.Lock()
def work():
    global counter
    for _ in range(N):
        with lock:
            counter += 1
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print(counter)
