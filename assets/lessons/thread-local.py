import threading
import time

REQUESTS = 4
PAUSE = 0.05  # seconds each request waits for its database call

context = threading.local()  # one request_id per thread
shared = {}  # a plain global: one request_id for every thread


def handle(request_id, logged, use_local):
    if use_local:
        context.request_id = request_id
    else:
        shared["request_id"] = request_id
    time.sleep(PAUSE + request_id * 0.001)  # the other requests start meanwhile
    seen = context.request_id if use_local else shared["request_id"]
    logged[request_id] = seen  # what the log line would say


def serve(use_local):
    logged = {}
    threads = [threading.Thread(target=handle, args=(r, logged, use_local)) for r in range(1, REQUESTS + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return logged


# part: local
with_local = serve(True)
# part: global
with_global = serve(False)

wrong_local = sum(1 for r, seen in with_local.items() if seen != r)
wrong_global = sum(1 for r, seen in with_global.items() if seen != r)
for r in range(1, REQUESTS + 1):
    print(f"request {r}: threading.local says {with_local[r]}, the global says {with_global[r]}")
print(f"wrong ids: {wrong_local} with threading.local, {wrong_global} with a global")
