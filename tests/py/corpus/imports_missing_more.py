# Checks importing a module that does not exist raises ModuleNotFoundError (a subclass of ImportError) that can be caught.
try:
    import no_such_module_xyz
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    from no_such_pkg_abc import thing
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
print("continues")
