"""`fast_constructor` gives the very objects the dataclass gives, or the class itself."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gba_advisor.core.result.construct import fast_constructor
from gba_advisor.core.result.model import Contribution, PlatformScore, make_score

texts = st.text(max_size=8)
floats = st.floats(allow_nan=False)


@given(texts, floats, st.one_of(st.none(), texts), st.booleans())
def test_a_made_score_is_the_dataclass_one(
    platform: str, score: float, reason: str | None, excluded: bool
) -> None:
    contributions = (Contribution("rule", score, "why", ("src",), 0.5, 0.25),)
    make = fast_constructor(PlatformScore)
    made = make(platform, score, contributions, reason, excluded_by_constraint=excluded)
    assert type(made) is PlatformScore
    assert made == PlatformScore(platform, score, contributions, reason, excluded)
    assert make_score(platform, score, ()) == PlatformScore(platform, score, ())
    # The defaults are the class's.
    assert dataclasses.astuple(make(platform, score, ())) == (platform, score, (), None, False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.score = 1.0  # type: ignore[misc]


def test_a_class_it_cannot_promise_for_is_given_back() -> None:
    @dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    @dataclass(frozen=True, slots=True)
    class Listed:
        items: list[int] = field(default_factory=list)

    @dataclass(frozen=True)
    class Unslotted:
        value: int

    for cls in (Checked, Listed, Unslotted):
        assert fast_constructor(cls) is cls
    with pytest.raises(ValueError, match="negative"):
        fast_constructor(Checked)(-1)
