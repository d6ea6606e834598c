# Checks set/frozenset of ints: print order (hash order), operations and methods.
s = {5, 1, 100, 33, 8, 64, 17}
print(s)
print({3, 2, 1}, {10, 20, 30, 40, 50}, {-1, -2, 0})
print(set(range(10, 0, -1)))
print({1000, 2000, 3000, 7, 8, 9})
t = {1, 2, 3, 4}
u = {3, 4, 5, 6}
print(t | u, t & u, t - u, u - t, t ^ u)
print(t.union([9, 8]), t.intersection(range(3)), t.difference({1}), t.symmetric_difference([4, 5]))
print(t <= u, {1, 2} <= t, {1, 2} < t, t >= {1}, t.isdisjoint({7}), t.issubset(range(10)))
a = set()
for i in [42, 7, 42, 13, 99, 7, 0, 64, 1]:
    a.add(i)
print(a, len(a))
a.discard(42); a.discard(1234)
print(a)
a.remove(7)
try:
    a.remove(7)
except KeyError as e:
    print("KeyError", e)
print(a.pop(), a)
b = {1, 2}
b.update([3], {4, 5})
print(b)
b.intersection_update({2, 3, 4, 100})
print(b)
b.difference_update([3])
print(b)
b = b ^ {4, 9}
print(b)
fs = frozenset([3, 1, 2])
print(fs, frozenset(), set(), type(fs).__name__)
print(fs | {9}, type(fs | {9}).__name__, type({9} | fs).__name__)
print(hash(fs) == hash(frozenset([1, 2, 3])))
print({fs: "x"}[frozenset({1, 2, 3})])
big = set(range(0, 200, 7))
print(big)
print(sorted(big)[:5], min(big), max(big), sum(big))
print({-5, 5, -10, 10, 0})
print({2 ** 40, 2 ** 20, 3, 2 ** 62})
c = {1, 2, 3}
c.clear()
print(c, bool(c), bool({0}))
print(set([1, 1, 1]) == {1}, {1, 2} == frozenset([2, 1]))
print({True, 1, 1.0}, {0, False})
print({x for x in range(30) if x % 4 == 1})
s2 = {1, 2, 3}
s3 = s2.copy()
s3.add(4)
print(s2, s3)
try:
    {[1]}
except TypeError as e:
    print("TypeError", e)
e = set(range(5))
e.update(range(60, 70))
print(e)
print(repr(set()), repr(frozenset({1})), str({1, 2}))
popped = []
p = {9, 18, 27, 36}
while p:
    popped.append(p.pop())
print(popped)
