# Checks RecursionError from unbounded recursion is catchable and the interpreter recovers.
import sys
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print(type(e).__name__, str(e))
    print(isinstance(e, RuntimeError))

depth = 0
def count_depth():
    global depth
    depth += 1
    count_depth()
try:
    count_depth()
except RecursionError:
    print("depth reached", depth > 100)

def mutual_a(n):
    return mutual_b(n + 1)
def mutual_b(n):
    return mutual_a(n + 1)
try:
    mutual_a(0)
except RecursionError as e:
    print("mutual", type(e).__name__)

class Node:
    def __init__(self):
        self.me = self
    def walk(self):
        return self.me.walk()
try:
    Node().walk()
except RecursionError as e:
    print("method", type(e).__name__)

def fact(n):
    return 1 if n == 0 else n * fact(n - 1)
print(fact(20))
print(sys.getrecursionlimit() >= 1000)
def after():
    try:
        forever(0)
    except RecursionError:
        return "recovered again"
print(after())
