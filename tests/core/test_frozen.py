"""`frozen` makes the class `@dataclass(frozen=True, slots=True)` makes, repr included, and
`fast_init` gives the very objects the dataclass's own `__init__` gives, or leaves the class
as it is."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import itertools
import pickle
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gba_advisor.core.frozen import WARM_UP, fast_init, frozen


@frozen
class FastPoint:
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


FAST, PLAIN = FastPoint, PlainPoint
for _ in range(WARM_UP):  # past the warm-up: the tests below use the compiled `__init__`
    FastPoint("warm", 0.0)


def test_a_class_made_in_bulk_gets_the_compiled_init() -> None:
    @frozen
    class Made:
        value: int

    for count in range(WARM_UP):
        assert "fast_init" not in (Made.__init__.__doc__ or "")
        assert Made(count).value == count
    assert "fast_init" in (Made.__init__.__doc__ or "")
    assert "fast_init" in (FastPoint.__init__.__doc__ or "")
    assert Made(7) == Made(value=7)


@given(st.text(max_size=8), st.floats(allow_nan=False), st.lists(st.text(max_size=3)))
def test_a_fast_object_is_what_the_dataclass_makes(name: str, x: float, tags: list[str]) -> None:
    for args, kwargs in (
        ((name, x), {}),
        ((name, x, tags), {"note": name}),
        ((), {"x": x, "name": name}),
    ):
        fast, plain = FAST(*args, **kwargs), PLAIN(*args, **kwargs)
        assert dataclasses.astuple(fast) == dataclasses.astuple(plain)
        assert repr(fast) == repr(plain).replace("PlainPoint", "FastPoint")
        assert pickle.loads(pickle.dumps(fast)) == fast == copy.copy(fast)
        assert dataclasses.replace(fast, note="n").note == "n"
    assert FAST(name, x).tags is not FAST(name, x).tags  # a new default for every object
    with pytest.raises(dataclasses.FrozenInstanceError):
        FAST(name, x).x = 1.0  # type: ignore[attr-defined]


def test_it_takes_the_same_parameters() -> None:
    assert str(inspect.signature(FAST)) == "(name, x, tags=<factory>, note=None)"
    with pytest.raises(TypeError):
        FAST("only a name")


def test_a_class_it_cannot_promise_for_is_left_as_is() -> None:
    @frozen
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    @dataclass(frozen=True)
    class Unslotted:
        value: int

    for cls in (Checked, Unslotted):
        init = cls.__init__
        assert fast_init(cls).__init__ is init
    with pytest.raises(ValueError, match="negative"):
        Checked(-1)


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
    assert getattr(Shared, "__dataclass_params__").frozen  # noqa: B009


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
    pairs = [
        (
            SharedKinds(one[0], tuple(one[1]), one[2], one[3]),
            OwnKinds(one[0], tuple(one[1]), one[2], one[3]),
        ),
        (
            SharedKinds(two[0], tuple(two[1]), two[2], two[3]),
            OwnKinds(two[0], tuple(two[1]), two[2], two[3]),
        ),
        (SharedOne(one[0]), OwnOne(one[0])),
        (SharedOne(two[0]), OwnOne(two[0])),
    ]
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


def test_a_class_that_writes_its_own_init_keeps_it() -> None:
    @frozen
    class Own:
        value: int

        def __init__(self, text: str) -> None:
            object.__setattr__(self, "value", int(text))

    for _ in range(WARM_UP + 1):
        assert Own("7").value == 7
    assert "fast_init" not in (Own.__init__.__doc__ or "")
