# Checks float.hex/float.fromhex and float.conjugate.
print(float.fromhex("0x1.8p1"), (3.5).hex(), (0.1).hex(), (1.0).hex(), float.fromhex("-0x1p-2"))
print((2.5).conjugate(), float.fromhex("inf"))
