# Checks dict methods, insertion order, views, errors and merging.
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d), list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.get("a"), d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(d.pop("b"), d, d.pop("zz", "dflt"))
try:
    d.pop("zz")
except KeyError as e:
    print("KeyError", e)
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e, repr(e))
print(d.setdefault("a", 100), d.setdefault("n", []), d)
d["n"].append(1)
print(d)
d.update({"x": 9}, y=8)
d.update([("z", 7)])
print(d)
print(d.popitem(), d)
e = dict(one=1, two=2)
print(e, dict([(1, "a"), (2, "b")]), dict(zip("ab", [1, 2])))
print(dict.fromkeys([1, 2, 3]), dict.fromkeys("ab", 0))
f = e.copy()
f["three"] = 3
print(e, f, e == f, e == {"two": 2, "one": 1})
print(e | {"z": 26}, {**e, "one": 100})
e |= {"four": 4}
print(e)
del e["one"]
print(e)
try:
    del e["one"]
except KeyError as ex:
    print("KeyError", ex)
k = d.keys()
d["new"] = 1
print(len(k), "new" in k)
print(sorted({3: "c", 1: "a", 2: "b"}.items()))
print(list(reversed({1: 1, 2: 2, 3: 3})))
g = {}
g[1] = "int"
g[1.0] = "float"
g[True] = "bool"
print(g)
g[(1, 2)] = "tuple"
print(g[(1, 2)])
try:
    g[[1]] = 1
except TypeError as ex:
    print("TypeError", ex)
h = {i: i * i for i in range(5)}
for key in list(h):
    if key % 2:
        del h[key]
print(h)
try:
    for key in h:
        h[key + 100] = 0
except RuntimeError as ex:
    print("RuntimeError", ex)
print({}.get(1), dict(), repr({}), str({"a": [1, {"b": None}]}))
c = {"x": 1}
c.clear()
print(c)
items = {"b": 1, "a": 2}.items()
print(("a", 2) in items, ("a", 3) in items)
print(max({"a": 3, "b": 5}, key=lambda k: {"a": 3, "b": 5}[k]))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(sorted(counts, key=counts.get, reverse=True))
print({1: "a"} == {1: "a"}, {1: "a"} != {1: "b"})
