# Checks that finally blocks and with __exit__ run (printing) while an uncaught exception propagates.
class CM:
    def __enter__(self):
        print("enter")
    def __exit__(self, *a):
        print("exit", a[0].__name__)
def work():
    try:
        with CM():
            print("working")
            raise RuntimeError("fatal")
    finally:
        print("finally")
work()
