# Checks and/or/not short-circuiting with side effects, truthiness of values and containers, bool() conversions.
log = []
def t(v):
    log.append(v)
    return v
print(t(0) and t(1), log); log.clear()
print(t(1) and t(2), log); log.clear()
print(t(0) or t(3), log); log.clear()
print(t(4) or t(5), log); log.clear()
print(t("") or t(None) or t(0), log); log.clear()
print(not t([]), not t([0]), log); log.clear()
print(t(1) and t(0) or t(6), log); log.clear()
print(t(1) < t(2) < t(0) < t(9), log); log.clear()
for v in [0, 0.0, -0.0, "", "0", [], [0], (), {}, set(), None, 1, -1, 0.1, " ", range(0), range(1)]:
    print(repr(v), bool(v))
print(True + True, True * 10, False - 1, True / 2, True == 1, False == 0, True is True)
print(bool(1) is True, bool(0) is False, isinstance(True, int), str(True), repr(False), int(True))
print(True and "yes", False or "no", None or [] or {} or "last", 0 and 1 / 0)
print([] == False, 0 == False, "" == False, None == False)
print(all(x for x in [1, 2, 3]), any(x > 2 for x in [1, 2]), sum([True, True, False]))
x = 5
print(x > 3 and x < 10, not x == 5, not (x > 3 and x < 4), x != 5 or x == 5)
