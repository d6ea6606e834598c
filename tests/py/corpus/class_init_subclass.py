# Checks __init_subclass__: the nearest base's hook hears of each new subclass (implicitly a classmethod), super() chains it, a class does not hear of itself.
registry = []


class Plugin:
    def __init_subclass__(cls):
        registry.append(cls.__name__)
        cls.tag = cls.__name__.lower()


class Csv(Plugin):
    pass


class Json(Plugin):
    pass


class Strict(Json):
    pass


print(registry, Csv.tag, Strict.tag, hasattr(Plugin, "tag"))


class Counted:
    count = 0

    @classmethod
    def __init_subclass__(cls):
        super().__init_subclass__()
        Counted.count += 1


class One(Counted):
    pass


class Two(One):
    pass


print(Counted.count, One.count)
