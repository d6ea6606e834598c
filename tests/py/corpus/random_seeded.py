# Checks random with an int seed: random, randint, choice, shuffle, sample, uniform, randrange, choices, gauss.
# Note: 3.9 raises IndexError 'list index out of range' from choice([]); this file follows 3.12.
import random
random.seed(42)
print([random.random() for _ in range(3)])
print([random.randint(1, 100) for _ in range(10)])
print(random.choice("abcdef"), random.choice([10, 20, 30]))
lst = list(range(10))
random.shuffle(lst)
print(lst)
print(random.sample(range(100), 5), random.sample(["a", "b", "c", "d"], 2))
print(random.uniform(1, 10), random.uniform(-1, 1))
print([random.randrange(10) for _ in range(8)], random.randrange(0, 100, 5), random.randrange(5, 10))
print(random.choices([1, 2, 3], k=5), random.choices("xyz", weights=[1, 0, 5], k=6))
print(random.gauss(0, 1), random.gauss(10, 2))
random.seed(0)
a = [random.random() for _ in range(5)]
random.seed(0)
b = [random.random() for _ in range(5)]
print(a == b, a)
random.seed(12345)
print(random.randint(0, 2 ** 31), random.randint(-5, 5), random.randint(0, 0))
random.seed(1)
deck = [f"{v}{s}" for s in "SH" for v in "A23"]
random.shuffle(deck)
print(deck)
random.seed(2024)
print(sorted(random.sample(range(1000), 10)))
print(random.randint(1, 1))
try:
    random.choice([])
except IndexError as e:
    print("IndexError", e)
try:
    random.randint(5, 1)
except ValueError as e:
    print("ValueError")
