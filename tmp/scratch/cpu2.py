import threading
def work():
    total = 0
    for i in range(2000000):
        total += i
a = threading.Thread(target=work, name="A")
b = threading.Thread(target=work, name="B")
a.start(); b.start(); a.join(); b.join()
