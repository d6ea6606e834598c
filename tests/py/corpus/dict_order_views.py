# Checks dict insertion order after updates, deletes and re-inserts, live key/value/item views, view set operations.
d = {}
for k in ["c", "a", "b"]:
    d[k] = len(d)
print(list(d))
d["a"] = 100
print(list(d.items()))
del d["c"]
d["c"] = -1
print(list(d.items()))
keys = d.keys()
vals = d.values()
items = d.items()
d["z"] = 26
print(list(keys), list(vals), list(items), len(keys))
print(keys & {"a", "q"} == {"a"}, sorted(keys | {"y"}), sorted(keys - {"a"}), ("a", 100) in items, 26 in vals)
print(d.keys() == {"a", "b", "c", "z"}, list(reversed(d.keys())), list(reversed(d.items()))[0])
e = dict.fromkeys(range(5))
for i in [3, 1]:
    del e[i]
e[1] = "back"
print(list(e))
print({1: 1, 2: 2} == {2: 2, 1: 1}, list({2: 0, 1: 0}))
n = {i: i for i in range(10)}
for i in range(0, 10, 2):
    n.pop(i)
print(n, list(n.values()))
n.update({0: "zero", 5: "five"})
print(list(n.items())[-2:], n[5])
print(repr(d.keys())[:9], type(d.values()).__name__, type(d.items()).__name__)
m = {"x": 1}
m.setdefault("y", 2)
m.setdefault("x", 99)
print(m)
