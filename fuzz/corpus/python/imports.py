# Checks import forms: import X, import X as Y, from X import Y, from X import Y as Z, module attributes, failing imports.
import math
import math as m
from math import floor, ceil as c
import sys, time
from functools import reduce, partial
import threading
import queue
import random as rnd
import concurrent.futures
from concurrent.futures import ThreadPoolExecutor
print(math.floor(2.7), m.floor(2.7), floor(2.7), c(2.1), m is math, type(math).__name__)
print(reduce(lambda a, b: a + b, [1, 2]), partial(pow, 2)(3), callable(time.sleep), callable(rnd.random))
print(math.__name__, m.__name__, threading.__name__, queue.__name__, concurrent.futures.__name__, ThreadPoolExecutor.__name__)
try:
    from math import no_such_name
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
print(issubclass(ModuleNotFoundError, ImportError))
def local_import():
    import math as lm
    return lm.sqrt(49)
print(local_import())
print(hasattr(math, "sqrt"), getattr(math, "pi") == math.pi)
import math
print(math.factorial(5))
