# Checks assert (with/without message), del of names/items/attributes/slices, and global declarations.
try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as e:
    print("AssertionError", e)
try:
    assert False
except AssertionError as e:
    print("AssertionError", repr(str(e)), e.args)
assert True, "never"
try:
    assert [], f"empty list is falsy {len([])}"
except AssertionError as e:
    print(e)
x = 1
del x
print("x" in globals())
a, b = 1, 2
del a, b
lst = [0, 1, 2, 3, 4]
del lst[0], lst[-1]
print(lst)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
class O:
    pass
o = O()
o.attr = 5
del o.attr
print(hasattr(o, "attr"))
counter = 0
def bump():
    global counter
    counter += 1
def read():
    return counter
bump(); bump()
print(counter, read())
def make_global():
    global created_later
    created_later = "made in function"
make_global()
print(created_later)
def del_global():
    global created_later
    del created_later
del_global()
print("created_later" in globals())
total = 100
def shadow():
    total = 1
    return total
print(shadow(), total)
def uses_before_global():
    global gg
    gg = [1]
    gg.append(2)
    return gg
print(uses_before_global(), gg)
items = [1, 2, 3]
for i in items[:]:
    if i == 2:
        del items[items.index(i)]
print(items)
def local_del():
    v = 10
    del v
    v = 20
    return v
print(local_del())
