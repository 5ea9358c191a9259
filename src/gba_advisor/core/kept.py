"""What is derived from an object, kept for as long as it matters: found again by the object;
and `keep`, the bounded store of every memo that is keyed by value instead.

Knowledge bases, bases, compiled tables and batch jobs are frozen but not worth hashing (they
hold the whole knowledge base), so what is derived from them is found by their identity. An
id is only unique while its object lives: each entry holds its object, so a newer object at
a reused address never finds what was derived from an older one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

Owner = TypeVar("Owner")
Derived = TypeVar("Derived")
Key = TypeVar("Key")
Value = TypeVar("Value")


class KeptBy(Generic[Owner, Derived]):
    """What `build(owner)` gave for the last `size` owners; the oldest is dropped first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: dict[int, tuple[Owner, Derived]] = {}

    def get(self, owner: Owner, build: Callable[[Owner], Derived]) -> Derived:
        entry = self._entries.get(id(owner))
        if entry is not None and entry[0] is owner:
            return entry[1]
        derived = build(owner)
        if entry is None and len(self._entries) >= self._size:
            del self._entries[next(iter(self._entries))]
        self._entries[id(owner)] = (owner, derived)
        return derived

    def clear(self) -> None:
        self._entries.clear()


def keep(memo: dict[Key, Value], key: Key, value: Value, size: int) -> Value:
    """`value`, stored in `memo` under `key`; a memo holding `size` entries starts again first,
    so that a long run's memory stays flat."""
    if len(memo) >= size:
        memo.clear()
    memo[key] = value
    return value
