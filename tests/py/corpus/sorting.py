# Checks sorted/list.sort: key, reverse, stability, tuples, custom __lt__, errors.
# Note: 3.9 says "max() arg is an empty sequence"; this file follows 3.12.
data = [5, 2, 9, 1, 5, 6]
print(sorted(data), sorted(data, reverse=True), data)
data.sort()
print(data)
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True))
pairs = [(1, "b"), (0, "z"), (1, "a"), (0, "a")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1]), sorted(pairs, key=lambda p: (-p[0], p[1])))
recs = [("x", 3), ("y", 1), ("z", 3), ("w", 1), ("v", 2)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: r[1], reverse=True))
class V:
    def __init__(self, v, tag):
        self.v, self.tag = v, tag
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return f"V({self.v},{self.tag})"
vs = [V(3, "a"), V(1, "b"), V(3, "c"), V(2, "d"), V(1, "e")]
print(sorted(vs))
print(min(vs), max(vs))
print(sorted("hello world"), sorted({3: "a", 1: "b"}), sorted((3, 1, 2)), sorted(range(5), reverse=True))
try:
    sorted([1, "a", 2])
except TypeError as e:
    print("TypeError", e)
try:
    sorted([3, None])
except TypeError as e:
    print("TypeError", e)
lst = [3, 1, 2]
print(lst.sort(), lst)
lst.sort(key=lambda x: -x)
print(lst)
print(sorted([-3, 2, -1, 4], key=abs), sorted([[2, 1], [1, 2], [1]], key=sum))
print(sorted([0.5, -1.5, 2.25, float("-inf")]), sorted([True, False, True]))
print(max(words, key=len), min(words, key=len), max([], default="none"), min([4, 2], default=0))
print(max("a", "b", key=lambda s: 0), max([1, 3, 2], key=lambda x: -x))
big = list(range(50))
big.reverse()
print(sorted(big)[:10], big[:5])
people = [{"n": "a", "age": 30}, {"n": "b", "age": 25}, {"n": "c", "age": 30}]
for p in sorted(people, key=lambda d: d["age"]):
    print(p["n"], p["age"], end="; ")
print()
print(list(reversed(sorted([2, 3, 1]))))
try:
    max([])
except ValueError as e:
    print("ValueError", e)
print(sorted([3, 1, 2], key=None), sorted(["b", "a"], reverse=False))
nested = [[3, [1]], [1, [2]], [3, [0]]]
nested.sort()
print(nested)
