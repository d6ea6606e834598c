# Checks private name mangling: self.__x is stored as _Class__x, subclasses get their own mangled names, single underscore is untouched.
class Private:
    def __init__(self):
        self.__secret = 1
        self._prot = 2
    def reveal(self):
        return self.__secret
    def __helper(self):
        return "helper"
    def call_helper(self):
        return self.__helper()
pr = Private()
print(pr.reveal(), pr._prot, hasattr(pr, "__secret"), pr._Private__secret, sorted(vars(pr)))
print(pr.call_helper(), hasattr(pr, "__helper"), pr._Private__helper())
try:
    pr.__secret
except AttributeError as e:
    print("AttributeError", e)
class Child(Private):
    def __init__(self):
        super().__init__()
        self.__secret = "child"
    def child_secret(self):
        return self.__secret
c = Child()
print(c.reveal(), c.child_secret(), sorted(vars(c)))
class Dunder:
    def __init__(self):
        self.__both__ = "not mangled"
print(Dunder().__both__, sorted(vars(Dunder())))
class _Leading:
    def __init__(self):
        self.__v = 5
print(sorted(vars(_Leading())))
class Cls:
    __count = 0
    @classmethod
    def bump(cls):
        cls.__count += 1
        return cls.__count
print(Cls.bump(), Cls.bump(), Cls._Cls__count)
