# Checks an uncaught KeyError: stdout printed before it survives, exit code 1, traceback on stderr.
def lookup(d, k):
    return d[k]
print("before")
data = {"a": 1}
print(lookup(data, "a"))
lookup(data, "missing")
print("never printed")
