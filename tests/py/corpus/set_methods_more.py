# Checks in-place set method variants: symmetric_difference_update, issuperset, and method forms with several arguments.
b = {2, 4}
b.symmetric_difference_update({4, 9})
print(b)
b.symmetric_difference_update([2, 9, 100])
print(b)
s = {1, 2, 3}
print(s.issuperset({1, 2}), s.issuperset([4]), s.union([4], (5,), {6}), s.intersection([1, 2], {2, 3}), s.difference([1], [2]))
s.update(range(3, 6), [10])
print(s)
s.intersection_update([1, 3, 5, 10], range(4))
print(s)
s.difference_update([1], [3])
print(s)
fs = frozenset([1, 2])
print(fs.issuperset([1]), fs.symmetric_difference([2, 3]), fs.union([5]))
