# Checks list methods and operations: append/extend/insert/pop/remove/index/count/reverse/copy/clear, aliasing, repetition.
a = [3, 1, 4]
a.append(1)
a.extend([5, 9])
a.insert(0, 2)
a.insert(100, "end")
a.insert(-1, "before-end")
print(a, len(a))
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(1)
print(a, a.index(4), a.count(1), a.index(1, 2) if 1 in a[2:] else "no", 9 in a)
a.reverse()
print(a)
b = a.copy()
b.append(0)
print(a, b, a == b[:-1])
c = a
c.clear()
print(a, c, c is a)
row = [0] * 3
grid = [row] * 2
grid[0][0] = 1
print(grid)
grid2 = [[0] * 3 for _ in range(2)]
grid2[0][0] = 1
print(grid2)
print([1, 2] + [3], [1] * 0, [[]] * 2, [1, 2] * 2)
x = [1, 2]
y = x
x += [3]
print(x, y, x is y)
x = x + [4]
print(x, y, x is y)
print([1, 2, 3] == [1, 2, 3], [1, 2] < [1, 3], [] < [0], [1, [2]] == [1, [2]])
lst = list(range(10))
del lst[2:5]
print(lst)
del lst[::2]
print(lst)
lst[1:1] = ["ins"]
print(lst)
lst[:] = []
print(lst)
nested = [1, [2, [3, [4]]]]
print(nested[1][1][1][0], len(nested))
s = [5, 3, 8]
s.sort(reverse=True)
print(s, s.sort() is None)
print(list("hey"), list((1, 2)), list({"a": 1}), list(range(3)))
try:
    [].index(1)
except ValueError as e:
    print("ValueError", e)
try:
    [1].pop(5)
except IndexError as e:
    print("IndexError", e)
try:
    [].remove(0)
except ValueError as e:
    print("ValueError", e)
st = []
st.append(1); st.append(2)
print(st.pop(), st.pop(), st)
big = [i % 7 for i in range(30)]
print(big.count(3), big.index(6), sum(big), max(big), min(big))
t = [3, 1]
t *= 3
print(t)
print([i for i in reversed([1, 2, 3])], list(map(list, [(1,), (2, 3)])))
e = [1, 2, 3]
e[-1] = e
print(e)
print(repr([None, True, 1.5, "s", ("t",)]))
