"""typing for threadlab: the names a typed program imports. threadlab does
not check types; these only have to exist and accept subscripts."""

TYPE_CHECKING = False


class _SpecialForm:
    def __init__(self, name):
        self._name = name

    def __getitem__(self, parameters):
        return self

    def __call__(self, *args, **kwargs):
        raise TypeError(f"Cannot instantiate typing.{self._name}")

    def __repr__(self):
        return "typing." + self._name


Any = _SpecialForm("Any")
Callable = _SpecialForm("Callable")
Optional = _SpecialForm("Optional")
Union = _SpecialForm("Union")
List = _SpecialForm("List")
Dict = _SpecialForm("Dict")
Tuple = _SpecialForm("Tuple")
Set = _SpecialForm("Set")
FrozenSet = _SpecialForm("FrozenSet")
Iterable = _SpecialForm("Iterable")
Iterator = _SpecialForm("Iterator")
Generator = _SpecialForm("Generator")
Sequence = _SpecialForm("Sequence")
Mapping = _SpecialForm("Mapping")
MutableMapping = _SpecialForm("MutableMapping")
Type = _SpecialForm("Type")
ClassVar = _SpecialForm("ClassVar")
Final = _SpecialForm("Final")
Literal = _SpecialForm("Literal")
NoReturn = _SpecialForm("NoReturn")
Awaitable = _SpecialForm("Awaitable")
Protocol = object
Generic = _SpecialForm("Generic")


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name

    def __repr__(self):
        return "~" + self.__name__


class ParamSpec(TypeVar):
    pass


def cast(typ, val):
    return val


def overload(func):
    return func


def final(f):
    return f


def no_type_check(f):
    return f
