# Checks zip(strict=True) (Python 3.10+) and ordinary zip truncation.
# Note: 3.9 has no strict= (TypeError "zip() takes no keyword arguments"); this file follows 3.12.
print(list(zip([1, 2], "ab", strict=True)))
print(list(zip([1, 2, 3], "ab")))
for a, b in [([1, 2], [1]), ([1], [1, 2]), ([], [1])]:
    try:
        print(list(zip(a, b, strict=True)))
    except ValueError as e:
        print("ValueError", e)
try:
    list(zip([1], [2], [3, 4], strict=True))
except ValueError as e:
    print("ValueError", e)
try:
    list(zip([1, 2], [3], [4, 5], strict=True))
except ValueError as e:
    print("ValueError", e)
print(dict(zip("abc", range(3), strict=True)))
z = zip(iter([1, 2, 3]), iter([1, 2]), strict=True)
print(next(z), next(z))
try:
    next(z)
except ValueError as e:
    print("ValueError", e)
