# Checks single inheritance, super() in __init__ and methods, MRO lookups and overriding.
# Note: the TypeError message differs on 3.9 ("__init__() missing ..." without the class name); this file follows 3.12.
class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} makes a sound"
    def describe(self):
        return f"{self.kind}:{self.name}:{self.speak()}"

class Dog(Animal):
    kind = "dog"
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def speak(self):
        return f"{self.name} barks"

class Puppy(Dog):
    def speak(self):
        return super().speak() + " softly"
    def describe(self):
        return "puppy/" + super().describe()

a = Animal("generic")
d = Dog("rex", "lab")
p = Puppy("bit", "pug")
print(a.describe())
print(d.describe(), d.breed)
print(p.describe())
print(isinstance(p, Dog), isinstance(p, Animal), isinstance(d, Puppy))
print(issubclass(Puppy, Animal), issubclass(Animal, Dog), issubclass(Dog, object))
print(Puppy.kind, Puppy.__name__, Puppy.__bases__[0].__name__)
print([c.__name__ for c in Puppy.__mro__])
print(type(p).__name__, type(p) is Puppy)

class Base:
    def __init__(self):
        self.log = ["base"]
    def hook(self):
        return "base-hook"
    def run(self):
        return self.hook()

class Child(Base):
    def __init__(self):
        super().__init__()
        self.log.append("child")
    def hook(self):
        return "child-hook+" + super().hook()

c = Child()
print(c.log, c.run())
print(Base.run(c))

class Explicit(Child):
    def hook(self):
        return "explicit+" + super(Explicit, self).hook()
print(Explicit().run())

class WithCls:
    count = 0
    def __init__(self):
        WithCls.count += 1
        self.count_seen = WithCls.count
class Sub(WithCls):
    pass
Sub(); Sub(); w = WithCls()
print(WithCls.count, Sub.count, w.count_seen)
Sub.count = 99
print(WithCls.count, Sub.count)
del Sub.count
print(Sub.count)

class NoInit(Animal):
    pass
n = NoInit("x")
print(n.speak())
try:
    NoInit()
except TypeError as e:
    print("TypeError", e)
