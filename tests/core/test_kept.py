"""What memos keep: by identity for objects too large to hash, by value within a bound."""

from __future__ import annotations

from gba_advisor.core.kept import KeptBy, keep


class Owner:
    """An object found by its identity, as a knowledge base or a compiled table is."""


def test_what_is_derived_is_found_again_by_its_own_object_only() -> None:
    kept: KeptBy[Owner, list[int]] = KeptBy(2)
    first, second, third = Owner(), Owner(), Owner()
    made = kept.get(first, lambda _: [1])
    assert kept.get(first, lambda _: [2]) is made
    kept.get(second, lambda _: [2])
    kept.get(third, lambda _: [3])  # the oldest owner is dropped
    assert kept.get(first, lambda _: [4]) == [4]


def test_a_full_memo_starts_again_before_it_stores() -> None:
    memo: dict[str, int] = {}
    assert keep(memo, "a", 1, 2) == 1
    keep(memo, "b", 2, 2)
    assert memo == {"a": 1, "b": 2}
    assert keep(memo, "c", 3, 2) == 3
    assert memo == {"c": 3}
