# Checks an exception in a thread: the default excepthook writes to stderr only, the thread ends, main continues; a custom hook sees exc_type/thread.
import threading
def bad():
    raise ValueError("thread failure")
t = threading.Thread(target=bad, name="badthread")
t.start()
t.join()
print("main continues, alive:", t.is_alive())
seen = []
def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))
old = threading.excepthook
threading.excepthook = hook
t2 = threading.Thread(target=bad, name="hooked")
t2.start()
t2.join()
def key_err():
    {}["nope"]
t3 = threading.Thread(target=key_err, name="hooked2")
t3.start()
t3.join()
threading.excepthook = old
print(seen)
print(callable(old), threading.excepthook is old)
def exits():
    import sys
    sys.exit(5)
t4 = threading.Thread(target=exits)
t4.start()
t4.join()
print("SystemExit in thread is silent")
