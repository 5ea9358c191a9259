"""`frozen` makes classes that behave as `@dataclass(frozen=True, slots=True)` makes them:
the same objects, equality, hashes, text, errors and pickles, before and after their
`__init__` is compiled for bulk use."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import itertools
import pickle
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gba_advisor.core.frozen import WARM_UP, frozen


@frozen
class WarmPoint:
    name: str
    x: float
    tags: list[str] = field(default_factory=list)
    note: str | None = None


@frozen
class ColdPoint:
    name: str
    x: float
    tags: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass(frozen=True, slots=True)
class PlainPoint:
    name: str
    x: float
    tags: list[str] = field(default_factory=list)
    note: str | None = None


for _ in range(WARM_UP):  # past the warm-up: WarmPoint uses the compiled `__init__`
    WarmPoint("warm", 0.0)


def test_a_class_made_in_bulk_gets_the_compiled_init() -> None:
    @frozen
    class Made:
        value: int

    for count in range(WARM_UP):
        assert "after the warm-up" not in (Made.__init__.__doc__ or "")
        assert Made(count).value == count
    assert "after the warm-up" in (Made.__init__.__doc__ or "")
    assert "after the warm-up" in (WarmPoint.__init__.__doc__ or "")
    assert "after the warm-up" not in (ColdPoint.__init__.__doc__ or "")
    assert Made(7) == Made(value=7)


def arguments(name: str, x: float, tags: list[str]) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    return [((name, x), {}), ((name, x, tags), {"note": name}), ((), {"x": x, "name": name})]


@given(st.text(max_size=8), st.floats(allow_nan=False), st.lists(st.text(max_size=3)))
def test_an_object_is_what_the_dataclass_makes(name: str, x: float, tags: list[str]) -> None:
    for made in (WarmPoint, ColdPoint):
        for args, kwargs in arguments(name, x, tags):
            ours, plain = made(*args, **kwargs), PlainPoint(*args, **kwargs)
            assert dataclasses.astuple(ours) == dataclasses.astuple(plain)
            assert repr(ours) == repr(plain).replace("PlainPoint", made.__name__)
            assert pickle.loads(pickle.dumps(ours)) == ours == copy.copy(ours)
            assert dataclasses.replace(ours, note="n").note == "n"
        assert made(name, x).tags is not made(name, x).tags  # a new default for every object
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
            made(name, x).x = 1.0  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'x'"):
            del made(name, x).x  # type: ignore[misc]


def test_wrong_arguments_are_refused_as_the_dataclass_refuses_them() -> None:
    assert str(inspect.signature(WarmPoint)) == "(name, x, tags=<factory>, note=None)"
    for made in (WarmPoint, ColdPoint, PlainPoint):
        for args, kwargs in (
            (("only a name",), {}),
            (("a", 1.0, [], None, "extra"), {}),
            (("a", 1.0), {"colour": "red"}),
            (("a", 1.0), {"name": "twice"}),
        ):
            with pytest.raises(TypeError):
                made(*args, **kwargs)  # type: ignore[arg-type,call-arg,misc]


def test_post_init_runs_and_a_class_with_it_keeps_binding_its_arguments() -> None:
    @frozen
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    for _ in range(WARM_UP + 1):
        assert Checked(1).value == 1
    with pytest.raises(ValueError, match="negative"):
        Checked(-1)
    assert "after the warm-up" not in (Checked.__init__.__doc__ or "")


def test_a_class_that_writes_its_own_init_keeps_it() -> None:
    @frozen
    class Own:
        value: int

        def __init__(self, text: str) -> None:
            object.__setattr__(self, "value", int(text))

    for _ in range(WARM_UP + 1):
        assert Own("7").value == 7
    assert Own("7") == Own("7")


def test_the_shared_repr_leaves_out_what_dataclasses_leaves_out() -> None:
    @frozen
    class Shared:
        shown: tuple[int, ...]
        hidden: str = field(default="x", repr=False)

    @dataclass(frozen=True, slots=True)
    class Own:
        shown: tuple[int, ...]
        hidden: str = field(default="x", repr=False)

    assert repr(Shared((1, 2))) == repr(Own((1, 2))).replace("Own", "Shared")
    assert repr(Shared((1,))).endswith(".Shared(shown=(1,))")
    assert dataclasses.is_dataclass(Shared)
    assert Shared.__slots__ == ("shown", "hidden")  # type: ignore[attr-defined]


def test_fields_that_init_does_not_set_by_position_are_refused() -> None:
    with pytest.raises(TypeError, match="by position"):

        @frozen
        class Partial:
            value: int
            later: int = field(default=0, init=False)


@frozen
class SharedKinds:
    a: float
    b: tuple[str, ...] = ()
    skipped: int = field(default=0, compare=False)
    hashed_only: str = field(default="", compare=False, hash=True)


@dataclass(frozen=True, slots=True)
class OwnKinds:
    a: float
    b: tuple[str, ...] = ()
    skipped: int = field(default=0, compare=False)
    hashed_only: str = field(default="", compare=False, hash=True)


@frozen
class SharedOne:
    a: float


@dataclass(frozen=True, slots=True)
class OwnOne:
    a: float


@frozen
class SharedNone:
    pass


@dataclass(frozen=True, slots=True)
class OwnNone:
    pass


values = st.tuples(st.floats(), st.lists(st.text(max_size=2), max_size=2), st.integers(), st.text())


@given(values, values)
def test_equality_and_hashes_are_the_compiled_ones(
    one: tuple[float, list[str], int, str], two: tuple[float, list[str], int, str]
) -> None:
    pairs: list[tuple[Any, Any]] = [
        (SharedKinds(v[0], tuple(v[1]), v[2], v[3]), OwnKinds(v[0], tuple(v[1]), v[2], v[3]))
        for v in (one, two)
    ]
    pairs += [(SharedOne(v[0]), OwnOne(v[0])) for v in (one, two)]
    for shared, own in pairs:
        assert hash(shared) == hash(own)
        assert (shared == shared) is (own == own)  # NaN: a field is equal to itself in a tuple
        assert shared != own  # another class: not equal, as dataclasses has it
    for (s1, o1), (s2, o2) in itertools.product(pairs, repeat=2):
        if type(s1) is type(s2):
            assert (s1 == s2) is (o1 == o2)
            assert (s1 != s2) is (o1 != o2)
    assert SharedNone() == SharedNone()
    assert hash(SharedNone()) == hash(OwnNone())
