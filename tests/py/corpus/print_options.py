# Checks print(): multiple args, sep, end, empty print, file=sys.stdout/stderr, flush, non-string sep errors.
import sys
print()
print("a", "b", "c")
print("a", "b", sep="")
print("a", "b", sep=", ", end=".\n")
print(1, 2.5, None, True, [1], (2,), {3: 4}, sep="|")
print("no newline", end="")
print(" <- joined")
print(*range(5))
print(*"abc", sep="-", end="!\n")
print("stderr line", file=sys.stderr)
print("stdout explicit", file=sys.stdout, flush=True)
print("x", sep=None, end=None)
print("multi\nline")
print("", "", sep="*")
print("tab\tsep", "and", sep="\t")
try:
    print("a", sep=5)
except TypeError as e:
    print("TypeError", e)
try:
    print("a", end=1)
except TypeError as e:
    print("TypeError", e)
class S:
    def __str__(self):
        return "S-object"
print(S(), [S()] != [], str(S()))
print("end")
