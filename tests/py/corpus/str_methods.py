# Checks str methods: split/join/strip/find/replace/case/predicates/partition/justify.
s = "  Hello, World  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixx".strip("x")))
print("a,b,,c".split(","), "a b  c".split(), "a,b,c".split(",", 1), "a,b,c".rsplit(",", 1))
print("line1\nline2\r\nline3".splitlines(), "x\ny\n".splitlines(True))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("abc"))
print("hello".find("l"), "hello".rfind("l"), "hello".find("z"), "hello".index("e"))
try:
    "hello".index("z")
except ValueError as e:
    print("ValueError", e)
print("hello".replace("l", "L"), "hello".replace("l", "L", 1), "aaa".count("a"), "abab".count("ab"))
print("Hello".upper(), "Hello".lower(), "hello world".title(), "hello".capitalize(), "HeLLo".swapcase())
print("abc".isalpha(), "abc1".isalnum(), "123".isdigit(), "  ".isspace(), "ABC".isupper(), "abc".islower())
print("".isalpha(), "12a".isdigit(), "x_1".isidentifier(), "1x".isidentifier())
print("hello".startswith("he"), "hello".endswith("lo"), "hello".startswith(("x", "h")), "hello".endswith("l", 0, 4))
print("a=b=c".partition("="), "a=b=c".rpartition("="), "abc".partition("z"))
print(repr("ab".center(6)), repr("ab".ljust(5, ".")), repr("ab".rjust(5)), "42".zfill(5), "-42".zfill(5))
print("ab" * 3, "a" + "b", "abc"[::-1], "abcdef"[1:4], "abcdef"[-2:], "abcdef"[::2])
print(len("héllo"), "héllo".upper(), ord("é"), chr(233), chr(0x1F600) == "\U0001F600")
print(repr("tab\there"))
print("%s-%d-%05.1f-%x-%r" % ("s", 42, 3.14159, 255, "q"))
print("%(a)s and %(b)s" % {"a": 1, "b": 2}, "%%", "%c" % 65, "%5s|%-5s|" % ("r", "l"))
print("{} {} {}".format(1, "two", 3.0), "{1} {0}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"), "{0[1]}".format([5, 6]), "{:.3}".format("abcdef"))
print("abc" < "abd", "Z" < "a", "abc" == "abc", "a" in "abc", "ac" in "abc")
print(str(123), str(1.5), str(None), str([1, "a"]), repr("it's"), repr('say "hi"'), repr("both'\""))
print("CaseFold".casefold(), "ß".upper(), "x".join("123"))
print("hello world".split("o"), "".split(","), "".split())
print(" a ".strip() == "a", "abc".removeprefix("ab"), "abc".removesuffix("bc"))
print("%.2f%%" % 99.5)
try:
    "a" + 1
except TypeError as e:
    print("TypeError", e)
try:
    "abc"[10]
except IndexError as e:
    print("IndexError", e)
try:
    "abc"[0] = "x"
except TypeError as e:
    print("TypeError", e)
print(repr("\n\t\\"), repr("\x00"), repr("é"))
print(min("hello"), max("hello"), sorted("hello"), list("abc"))
print("a,b".split(",") == ["a", "b"], "abc".upper().lower())
print(str.upper("x"), "A".isupper(), "3".zfill(3))
print("{:,}".format(1234567), "{:_x}".format(0xabcdef), format(3.5, "08.3f"), format("x", "^5"))
