"""functools for threadlab: the parts a program of this size uses."""

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__')


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=()):
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            try:
                setattr(wrapper, attr, value)
            except (AttributeError, TypeError):
                pass
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=()):
    def decorator(wrapper):
        return update_wrapper(wrapper, wrapped, assigned, updated)
    return decorator


class partial:
    """A callable with some arguments filled in."""

    def __init__(self, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if isinstance(func, partial):
            # A partial of a partial is flattened, as CPython's.
            args = func.args + args
            merged = dict(func.keywords)
            merged.update(keywords)
            keywords = merged
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, /, *args, **keywords):
        merged = dict(self.keywords)
        merged.update(keywords)
        return self.func(*self.args, *args, **merged)

    def __repr__(self):
        parts = [repr(self.func)]
        parts.extend(repr(a) for a in self.args)
        parts.extend("%s=%r" % (k, v) for k, v in self.keywords.items())
        return "functools.partial(" + ", ".join(parts) + ")"


_missing = object()


def reduce(function, iterable, initial=_missing):
    it = iter(iterable)
    if initial is _missing:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value") from None
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value


def cmp_to_key(mycmp):
    class K:
        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0
    return K


class _CacheInfo:
    def __init__(self, hits, misses, maxsize, currsize):
        self.hits, self.misses, self.maxsize, self.currsize = hits, misses, maxsize, currsize

    def __iter__(self):
        return iter((self.hits, self.misses, self.maxsize, self.currsize))

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __repr__(self):
        return "CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)" % tuple(self)


def lru_cache(maxsize=128, typed=False):
    """Remembers results; the least recently used go first once maxsize are kept."""
    def decorating_function(user_function):
        cache = {}
        order = []
        stats = [0, 0]  # hits, misses

        def wrapper(*args, **kwargs):
            key = args + tuple(sorted(kwargs.items()))
            if key in cache:
                stats[0] += 1
                if maxsize is not None:
                    order.remove(key)
                    order.append(key)
                return cache[key]
            stats[1] += 1
            result = user_function(*args, **kwargs)
            if maxsize is None:
                cache[key] = result
            elif maxsize > 0:
                if len(order) >= maxsize:
                    del cache[order.pop(0)]
                cache[key] = result
                order.append(key)
            return result

        def cache_info():
            return _CacheInfo(stats[0], stats[1], maxsize, len(cache))

        def cache_clear():
            cache.clear()
            order.clear()
            stats[0] = stats[1] = 0

        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return update_wrapper(wrapper, user_function)
    if callable(maxsize) and not isinstance(maxsize, int):
        function, maxsize = maxsize, 128
        return decorating_function(function)
    return decorating_function


def cache(user_function):
    return lru_cache(maxsize=None)(user_function)


def total_ordering(cls):
    """Fills in the rich comparisons from __eq__ and one of __lt__, __le__, __gt__, __ge__."""
    def defined(name):
        method = getattr(cls, name, None)
        return method is not None and method is not getattr(object, name, None)
    roots = [name for name in ('__lt__', '__le__', '__gt__', '__ge__') if defined(name)]
    if not roots:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = roots[0]
    given = getattr(cls, root)

    def derive(negate, combine):
        # combine: '' (just the result), 'or_eq' or 'and_ne'
        def method(self, other):
            result = given(self, other)
            if result is NotImplemented:
                return result
            if negate:
                result = not result
            if combine == 'or_eq':
                return result or self == other
            if combine == 'and_ne':
                return result and self != other
            return result
        return method

    derived = {
        '__lt__': {'__gt__': derive(True, 'and_ne'), '__le__': derive(False, 'or_eq'), '__ge__': derive(True, '')},
        '__le__': {'__ge__': derive(True, 'or_eq'), '__lt__': derive(False, 'and_ne'), '__gt__': derive(True, '')},
        '__gt__': {'__lt__': derive(True, 'and_ne'), '__ge__': derive(False, 'or_eq'), '__le__': derive(True, '')},
        '__ge__': {'__le__': derive(True, 'or_eq'), '__gt__': derive(False, 'and_ne'), '__lt__': derive(True, '')},
    }
    for name, method in derived[root].items():
        if name not in roots:
            method.__name__ = name
            setattr(cls, name, method)
    return cls


class cached_property:
    """Computes the attribute once per instance, then keeps it."""

    def __init__(self, func):
        self.func = func
        self.attrname = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        cache = instance.__dict__
        if self.attrname in cache:
            return cache[self.attrname]
        value = self.func(instance)
        cache[self.attrname] = value
        return value


def singledispatch(func):
    """One function, an implementation per type of its first argument."""
    registry = {object: func}
    cache = {}

    def dispatch(cls):
        if cls in cache:
            return cache[cls]
        impl = None
        for base in cls.__mro__:
            if base in registry:
                impl = registry[base]
                break
        if impl is None:
            impl = func
        cache[cls] = impl
        return impl

    def register(cls, f=None):
        if f is None:
            if isinstance(cls, type):
                return lambda f: register(cls, f)
            # @f.register with an annotated first parameter.
            f = cls
            annotations = getattr(f, '__annotations__', {})
            if not annotations:
                raise TypeError(f"Invalid first argument to `register()`: {f!r}. "
                                "Use either `@register(some_class)` or plain `@register` "
                                "on an annotated function.")
            cls = next(iter(annotations.values()))
            if not isinstance(cls, type):
                raise TypeError(f"Invalid annotation for {next(iter(annotations))!r}. {cls!r} is not a class.")
        registry[cls] = f
        cache.clear()
        return f

    def wrapper(*args, **kw):
        if not args:
            raise TypeError(f'{getattr(func, "__name__", "singledispatch function")} requires at least 1 positional argument')
        return dispatch(args[0].__class__)(*args, **kw)

    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = registry
    update_wrapper(wrapper, func)
    return wrapper
