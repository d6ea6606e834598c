# Checks name resolution: LEGB order, class-body scope not visible in methods, comprehension scope in a class, global vs nonlocal.
x = "global"
def outer():
    x = "enclosing"
    def inner():
        return x
    return inner()
print(outer())
def local_first():
    x = "local"
    return x
print(local_first(), x)
len = lambda s: "shadowed len"
print(len("abc"))
del len
print(len("abc"))
class K:
    y = "class-y"
    def method(self):
        try:
            return y
        except NameError as e:
            return "NameError: " + str(e)
    def method2(self):
        return self.y + "/" + K.y
    items = [1, 2]
    pairs = [(i, i * 2) for i in items]
print(K().method(), K().method2(), K.pairs)
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    def peek():
        return n
    return inc, peek
inc, peek = counter()
inc(); inc()
print(peek())
g = 1
def read_then_global():
    global g
    r = g
    g = 2
    return r
print(read_then_global(), g)
def deep():
    a = 1
    def l1():
        b = 2
        def l2():
            c = 3
            def l3():
                return a + b + c
            return l3()
        return l2()
    return l1()
print(deep())
def loop_var_leak():
    for i in range(3):
        pass
    return i
print(loop_var_leak())
def comp_no_leak():
    j = "before"
    [j for j in range(3)]
    return j
print(comp_no_leak())
def default_captures():
    v = 1
    def f(a=v):
        return a
    v = 2
    return f(), (lambda: v)()
print(default_captures())
def modify_global_list():
    lst_global.append(4)
lst_global = [1, 2, 3]
modify_global_list()
print(lst_global)
class Outer:
    val = 1
    class Inner:
        try:
            got = val
        except NameError:
            got = "Inner cannot see Outer.val"
print(Outer.Inner.got)
