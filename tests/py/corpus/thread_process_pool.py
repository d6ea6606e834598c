# Checks ProcessPoolExecutor: map, submit with arguments, as_completed, results and exceptions copied between processes, unpicklable calls, shutdown.
from concurrent.futures import ProcessPoolExecutor, as_completed, wait


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


class Refused(Exception):
    pass


def square(n):
    return n * n


def describe(name, *values, sep="-", **extra):
    return name + ":" + sep.join(str(v) for v in values) + ":" + ",".join(sorted(extra))


def move(p, dx=1):
    return Point(p.x + dx, p.y * 2)


def shapes(n):
    return (n, [n] * 2, {"n": n}, {n, n + 1}, frozenset([n]), None, True, 1.5, "s" * n)


def fail(n):
    if n == 2:
        raise Refused("no %d" % n)
    raise KeyError(n)


def main():
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(square, range(8))))
        print(ex.submit(describe, "a", 1, 2, sep="+", z=1, y=2).result())
        print(ex.submit(move, Point(1, 2), dx=5).result())
        print(ex.submit(shapes, 3).result())
        print(sorted(f.result() for f in as_completed([ex.submit(pow, 2, k) for k in range(6)])))
        done, not_done = wait([ex.submit(square, k) for k in range(4)])
        print(sorted(f.result() for f in done), len(not_done))
        for n in (2, 3):
            f = ex.submit(fail, n)
            try:
                f.result()
            except Refused as e:
                print("Refused", e, type(e.__cause__).__name__)
            except KeyError as e:
                print("KeyError", e, f.exception() is not None)
        f = ex.submit(lambda: 1)
        print(type(f.exception()).__name__)

        def local():
            return 1
        print(type(ex.submit(local).exception()).__name__)
    try:
        ex.submit(square, 1)
    except RuntimeError as e:
        print("RuntimeError", e)
    try:
        ProcessPoolExecutor(max_workers=0)
    except ValueError as e:
        print("ValueError", e)


if __name__ == "__main__":
    main()
