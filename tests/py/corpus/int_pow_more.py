# Checks three-argument pow with a negative exponent (modular inverse, Python 3.8+).
print(pow(7, -1, 10), pow(3, -1, 11), pow(2, -3, 7), pow(38, -1, 97))
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError", e)
