# Checks if/elif/else, while/for with else, break/continue, nested loops, pass, ternaries and walrus.
for n in range(12):
    if n % 15 == 0:
        out = "FizzBuzz"
    elif n % 3 == 0:
        out = "Fizz"
    elif n % 5 == 0:
        out = "Buzz"
    else:
        out = str(n)
    print(out, end=" ")
print()
for i in range(3):
    pass
else:
    print("for-else ran, i =", i)
for i in range(10):
    if i == 4:
        break
else:
    print("not printed")
print("broke at", i)
k = 0
while k < 5:
    k += 1
    if k == 2:
        continue
    print("k", k)
else:
    print("while-else", k)
while True:
    k -= 1
    if k < 2:
        break
print("k now", k)
primes = []
for cand in range(2, 30):
    for d in range(2, cand):
        if cand % d == 0:
            break
    else:
        primes.append(cand)
print(primes)
x = 7
print("odd" if x % 2 else "even", "big" if x > 100 else "mid" if x > 5 else "small")
data = [1, 5, 12, 3, 20]
if (big := [v for v in data if v > 10]):
    print("big values", big, len(big))
i = 0
while (i := i + 1) < 4:
    print("walrus loop", i)
results = [y for x in range(5) if (y := x * x) % 2 == 0]
print(results, y)
for outer in range(3):
    for inner in range(3):
        if inner == outer:
            continue
        if inner > 1:
            break
        print(outer, inner, sep=":", end=" ")
print()
count = 0
for _ in []:
    count += 1
else:
    count = -1
print(count)
def early(v):
    for i in range(v):
        if i == 2:
            return "returned in loop"
    return "finished"
print(early(5), early(1))
print(1 < 2 < 3 < 4, 1 < 3 < 2, 1 == 1 < 2, (1 < 2) == True, 0 <= x <= 10)
flag = None
print(flag is None, flag is not None, not flag, (flag or "default"), (0 and 1), (1 and 0), ("" or 0 or [] or "last"))
v = 0
if v:
    print("no")
elif v == 0:
    print("zero branch")
n = 5
total = 0
while n:
    total += n
    n -= 1
print(total)
try:
    for i in range(3):
        try:
            if i == 1:
                continue
            print("try body", i)
        finally:
            print("finally", i)
except Exception:
    pass
