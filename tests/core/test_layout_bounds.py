"""The layout search's bounds never understate what the functions left can add: checked against
every completion of small random rows."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from gba_advisor.core.layout.bounds import NO_LAYOUT, Row, completion

PLATFORMS = 5


@st.composite
def situations(draw: st.DrawFn) -> tuple[list[Row], list[int], int, int | None]:
    """Rows of 1-4 functions over 5 platforms, some of them open, a site cost, a limit."""
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        platforms = draw(st.lists(st.integers(0, PLATFORMS - 1), min_size=1, unique=True))
        values = {p: draw(st.integers(-20, 100)) for p in platforms}
        rows.append(sorted(((v, p) for p, v in values.items()), key=lambda e: (-e[0], e[1])))
    counts = [draw(st.integers(0, 2)) for _ in range(PLATFORMS)]
    if not any(counts):
        counts[draw(st.integers(0, PLATFORMS - 1))] = 1
    site = draw(st.sampled_from([0, 1, 5, 30, 200]))
    more = draw(st.none() | st.integers(0, 3))
    return rows, counts, site, more


def best_completion(rows: list[Row], opened: set[int], site: int, more: int | None) -> int:
    """Every assignment of the rows tried: the most they add, paying for platforms not open."""
    best = NO_LAYOUT
    for choice in itertools.product(*rows):
        new = {p for _, p in choice} - opened
        if more is not None and len(new) > more:
            continue
        best = max(best, sum(v for v, _ in choice) - site * len(new))
    return best


@settings(max_examples=500, deadline=None)
@given(situations())
def test_bounds_are_never_below_the_best_completion(
    situation: tuple[list[Row], list[int], int, int | None],
) -> None:
    rows, counts, site, more = situation
    opened = {p for p, count in enumerate(counts) if count}

    bound = completion(rows, counts, site, more)

    assert bound.value >= best_completion(rows, opened, site, more)
    if more is None or more > 0:
        fewer = None if more is None else more - 1
        for platform in set(range(PLATFORMS)) - opened:
            exact = best_completion(rows, opened | {platform}, site, fewer)
            assert bound.opened(platform) >= exact, platform


def test_one_function_between_an_open_and_a_better_closed_platform_is_bounded_exactly() -> None:
    row: Row = [(90, 1), (60, 0)]

    bound = completion([row], [1, 0], 20, None)

    assert bound.value == max(60, 90 - 20)
    assert bound.opened(1) == 90


def test_nothing_may_open_and_nothing_is_open_for_a_function() -> None:
    assert completion([[(90, 1)]], [1, 0], 0, 0).value == NO_LAYOUT
