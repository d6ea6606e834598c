# Checks tuples: creation, immutability, methods, comparison, hashing, nested mutability, tuple() conversion.
t = (1, 2, 3, 2)
print(t, len(t), t[1], t[-1], t[1:3], t.count(2), t.index(3), 2 in t)
print((), (1,), tuple(), tuple("ab"), tuple([1, 2]), tuple(range(3)), (1, 2) + (3,), (0,) * 3)
a = (1, [2, 3])
a[1].append(4)
print(a)
try:
    a[0] = 9
except TypeError as e:
    print("TypeError", e)
try:
    hash(a)
except TypeError as e:
    print("TypeError", e)
print(hash((1, 2)) == hash((1, 2)), (1, 2) == (1, 2), (1, 2) is not None, (1, 2) < (1, 2, 3), (2,) > (1, 9))
x, y, z = (7, 8, 9)
print(x + y + z)
print(sorted([(2, "b"), (1, "z"), (2, "a")]), max([(1, 9), (2, 0)]), min((3, 1, 2)))
print(type((1)).__name__, type((1,)).__name__, type(()).__name__)
try:
    t.index(99)
except ValueError as e:
    print("ValueError", e)
try:
    t.append(1)
except AttributeError as e:
    print("AttributeError", e)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], len(nested), nested == ((1, 2), (3, (4, 5))))
d = {(0, 0): "origin", (1, 0): "east"}
print(d[(0, 0)], d[1, 0])
print(tuple(x * 2 for x in t), tuple(sorted(t)), tuple(reversed(t)))
t2 = t
t += (5,)
print(t, t2, t is t2)
print(repr((1,)), repr(("a", None)), str(((),)), ((),), (((1,),),))
def ret():
    return 1, "two"
r = ret()
print(r, r[0], len(r))
print(list(enumerate((9, 8))), dict([("a", 1), ("b", 2)]))
