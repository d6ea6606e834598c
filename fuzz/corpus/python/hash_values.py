# Checks hash() of ints and tuples (deterministic in CPython): small/negative/large ints, -1 special case, nested tuples, hash/eq consistency.
for v in [0, 1, -1, -2, 2, 100, -100, 2 ** 31, 2 ** 32, 2 ** 61 - 2, 2 ** 61 - 1, 2 ** 61, 2 ** 62, -(2 ** 61), 9223372036854775807, -9223372036854775807 - 1]:
    print(v, hash(v))
for t in [(), (0,), (1,), (-1,), (1, 2), (2, 1), (1, 2, 3), ((1, 2), 3), (1, (2, 3)), (True, False), (-1, -1), (0, 0, 0, 0)]:
    print(t, hash(t))
print(hash(True), hash(False), hash(1) == hash(True), hash((1,)) == hash((True,)))
print(hash(1.0) == hash(1), hash(0.0) == hash(0) == hash(-0.0))
print(hash(frozenset()) == hash(frozenset()), hash(None) == hash(None))
d = {}
for k in [(1, 2), (2, 1), 1, -1, -2]:
    d[k] = hash(k)
print(d)
