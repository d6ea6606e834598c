# Checks calling dunder methods of built-in types directly: int.__add__, list.__setitem__, str.__len__, dict.__getitem__.
print((5).__add__(3), (5).__rsub__(3), (5).__mul__(2), (7).__floordiv__(2), (2).__pow__(3))
print("abc".__len__(), "abc".__contains__("b"), "ab".__add__("cd"), "x".__mul__(3))
lst = [1, 2]
lst.__setitem__(0, 9)
print(lst, lst.__getitem__(1), lst.__len__(), lst.__contains__(9))
d = {"a": 1}
print(d.__getitem__("a"), d.__contains__("b"), d.__len__())
print((1).__eq__(1), (1).__eq__("a"), (1).__lt__(2), (3).__hash__() == hash(3))
print(int.__add__(2, 3), str.__add__("a", "b"), list.__len__([1, 2, 3]))
