# Checks lazy evaluation order of chained generators and generator expressions (interleaved prints), early termination and reuse.
def source(n):
    for i in range(n):
        print("produce", i)
        yield i
def double(it):
    for x in it:
        print("double", x)
        yield x * 2
def take(it, k):
    for i, x in enumerate(it):
        if i >= k:
            return
        yield x
print(list(take(double(source(10)), 3)))
g = (print("genexp", x) or x for x in range(3))
print("created")
print(next(g))
print(sum(g))
evens = (x for x in range(10) if x % 2 == 0)
squares = (x * x for x in evens)
print(list(squares), list(evens))
def running_total(it):
    total = 0
    for x in it:
        total += x
        yield total
print(list(running_total(range(1, 6))))
first_big = next((x for x in range(100) if x * x > 50), None)
print(first_big, next((x for x in []), "empty"))
def gen_finally():
    try:
        yield 1
        yield 2
    finally:
        print("gen finalised")
# close() is explicit: CPython would also finalise an unreachable generator
# at once, by reference counting, which threadlab does not have.
g = gen_finally()
for v in g:
    print("got", v)
    break
g.close()
print("after break")
it = iter(range(5))
print(list(zip(it, it)))
nums = [3, 1, 2]
lazy = (n * 10 for n in nums)
nums.append(9)
print(list(lazy))
def chain(*its):
    for i in its:
        yield from i
print(list(chain("ab", [1, 2], range(2))))
