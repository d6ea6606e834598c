# Checks queue.Empty/queue.Full from get/put with block=False and with short timeouts, and blocking get woken by a put.
import queue, threading
q = queue.Queue(maxsize=1)
try:
    q.get_nowait()
except queue.Empty as e:
    print("Empty", type(e).__name__, repr(str(e)))
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("Empty after timeout")
try:
    q.get(block=False)
except queue.Empty:
    print("Empty non-blocking")
q.put("a")
try:
    q.put_nowait("b")
except queue.Full as e:
    print("Full", type(e).__name__, repr(str(e)))
try:
    q.put("b", timeout=0.01)
except queue.Full:
    print("Full after timeout")
try:
    q.put("b", block=False)
except queue.Full:
    print("Full non-blocking")
print(q.get())
print(issubclass(queue.Empty, Exception), issubclass(queue.Full, Exception))
r = queue.Queue()
def late_put():
    r.put("delivered")
t = threading.Timer(0.01, late_put)
t.start()
print(r.get(timeout=2))
t.join()
try:
    q.put(1, timeout=-1)
except ValueError as e:
    print("ValueError", e)
bounded = queue.Queue(maxsize=1)
bounded.put(0)
def take_later():
    bounded.get()
threading.Timer(0.01, take_later).start()
bounded.put(1, timeout=2)
print("put after space freed:", bounded.get())
