# Checks list/set/dict comprehensions, nesting, conditions, scoping and generator expressions.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[x * y for y in range(3)] for x in range(3)])
print({x % 5 for x in range(20)})
print({x: x ** 2 for x in range(5)})
print({v: k for k, v in {"a": 1, "b": 2}.items()})
print(sum(x for x in range(101)))
print(list(x + 1 for x in [1, 2, 3]))
print(max((len(w), w) for w in ["aa", "b", "cccc", "dd"]))
print([c.upper() if c in "aeiou" else c for c in "education"])
x = "outer"
print([x for x in "ab"], x)
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
print([y for row in matrix for y in row if y != 4])
print({(a, b) for a in range(2) for b in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
print(sorted({n * 7 % 11 for n in range(11)}))
g = (i for i in range(3))
print(next(g), list(g), list(g))
print([n for n in range(10) if (sq := n * n) > 20], sq)
def scope():
    k = 10
    return [k + i for i in range(3)]
print(scope())
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print(C.doubled)
print(dict((k, len(k)) for k in ["one", "three"]))
print({i: [j for j in range(i)] for i in range(4)})
print(any(x > 3 for x in [1, 5]), all(x > 3 for x in [1, 5]))
nested = [[[i, j, k] for k in range(2)] for i in range(2) for j in range(2)]
print(nested)
print([i for i in range(5)][::-1], [i for i in []])
