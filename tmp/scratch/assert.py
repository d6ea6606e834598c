import threading
balance = 100
def withdraw(amount):
    global balance
    if balance >= amount:
        new = balance - amount
        balance = new
        assert balance >= 0, "overdrawn"
ts = [threading.Thread(target=withdraw, args=(80,)) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
assert balance >= 0, f"balance went negative: {balance}"
