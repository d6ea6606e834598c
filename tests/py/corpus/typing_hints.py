# Checks that typing annotations (List, Dict, Optional, Union, Callable, TypeVar, Generic-free) are accepted and ignored at runtime.
from typing import List, Dict, Optional, Union, Tuple, Callable, Any, Iterable, Iterator, TypeVar, Sequence
import typing

T = TypeVar("T")

def first(items: Sequence[T]) -> Optional[T]:
    return items[0] if items else None

def total(xs: Iterable[int]) -> int:
    return sum(xs)

def apply(fn: Callable[[int], int], v: int) -> int:
    return fn(v)

def gen(n: int) -> Iterator[int]:
    yield from range(n)

def union(x: Union[int, str]) -> str:
    return str(x) * 2

counts: Dict[str, int] = {"a": 1}
names: List[str] = []
pair: Tuple[int, str] = (1, "a")
maybe: Optional[int] = None
anything: Any = 3.5
print(first([3, 4]), first([]), total([1, 2, 3]), apply(lambda v: v * 3, 4), list(gen(3)), union(4), union("ab"))
print(counts, names, pair, maybe, anything)
print(typing.TYPE_CHECKING)
class Stack:
    items: List[int]
    def __init__(self) -> None:
        self.items = []
    def push(self, v: int) -> "Stack":
        self.items.append(v)
        return self
print(Stack().push(1).push(2).items)
def cast_it(x: object) -> int:
    return typing.cast(int, x)
print(cast_it(5))
x: int
print("annotation without value ok")
