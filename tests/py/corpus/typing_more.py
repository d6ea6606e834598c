# Checks runtime annotation introspection: function and class __annotations__.
from typing import Optional, List
def annotated(a: int, b: str = "s") -> str:
    return str(a) + b
print(annotated.__annotations__["return"].__name__, sorted(annotated.__annotations__))
def opt(x: Optional[int]) -> None:
    pass
print(opt.__annotations__["x"] == Optional[int], opt.__annotations__["return"])
class Stack:
    items: List[int]
    size: int = 0
print(sorted(Stack.__annotations__), Stack.size)
