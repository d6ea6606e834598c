# Checks an uncaught user exception raised from a chain (raise from) exits with code 1 after partial output.
class ConfigError(Exception):
    pass
def load():
    try:
        int("notanumber")
    except ValueError as e:
        raise ConfigError("bad config value") from e
for i in range(3):
    print("step", i)
load()
print("unreachable")
