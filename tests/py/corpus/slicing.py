# Checks slicing of lists, tuples, strings and ranges: negative indices, steps, out-of-range bounds, assignment and deletion.
s = "abcdefghij"
L = list(range(10))
T = tuple(range(10))
for sl in [(None, None, None), (2, 5, None), (-3, None, None), (None, -3, None), (None, None, 2), (None, None, -1),
           (8, 2, -2), (-1, -5, -1), (100, 200, None), (-100, 3, None), (5, 5, None), (7, 2, None), (1, None, 3), (None, 2, -1)]:
    sli = slice(*sl)
    print(sl, s[sli], L[sli], T[sli], list(range(10)[sli]))
print(s[::-1], s[-1], s[-10], L[-1], T[0])
print(slice(1, 5, 2), slice(3), slice(1, 5, 2).indices(3), slice(None, None, -1).indices(5))
m = list(range(8))
m[2:4] = ["a", "b", "c"]
print(m)
m[::3] = [0, 0, 0]
print(m)
try:
    m[::2] = [1]
except ValueError as e:
    print("ValueError", e)
m[-2:] = []
print(m)
del m[:2]
print(m)
m[len(m):] = [99]
print(m)
w = [1, 2, 3, 4, 5]
w[1:4] = []
print(w)
w[:0] = [7, 8]
print(w)
print("hello"[1:100], "hello"[10:], "hello"[-100:2], ""[:5], [][:5])
print((1, 2, 3)[::-2], "abc"[::-2], [1, 2, 3][1:][::-1])
cp = L[:]
cp[0] = "changed"
print(L[0], cp[0], cp is L)
try:
    (1, 2)[0] = 5
except TypeError as e:
    print("TypeError", e)
try:
    L["a"]
except TypeError as e:
    print("TypeError", e)
try:
    L[10]
except IndexError as e:
    print("IndexError", e)
print(L[9], L[-10])
try:
    L[-11]
except IndexError as e:
    print("IndexError", e)
