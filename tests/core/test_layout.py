"""The layout optimiser is exact: it returns what brute force returns, ties and order included."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gba_advisor.core.layout.optimiser import (
    LayoutProblem,
    Ranked,
    Synergy,
    best_layouts,
    brute_force,
    searched_layouts,
)

SCORE_SETS: list[list[float]] = [
    [0.0, 50.0, 100.0],
    [10.0, 20.0],
    [float(n) for n in range(0, 101, 5)],
    [33.3, 66.7, 12.5],
    [100 / 3, 200 / 3, 50.0],
]


@st.composite
def layout_problems(draw: st.DrawFn) -> LayoutProblem:
    platforms = [f"p{i}" for i in range(draw(st.integers(1, 6)))]
    functions = draw(st.integers(1, 5))
    values = draw(st.sampled_from(SCORE_SETS))
    scores = []
    for _ in range(functions):
        allowed = draw(st.lists(st.sampled_from(platforms), unique=True, max_size=len(platforms)))
        scores.append({platform: draw(st.sampled_from(values)) for platform in allowed})
    synergies = draw(
        st.lists(
            st.builds(
                Synergy,
                st.integers(0, functions - 1),
                st.sampled_from(platforms),
                st.integers(0, functions - 1),
                st.sampled_from(platforms),
                st.sampled_from([0.0, 1.0, 2.5, 5.0, 20.0]),
            ),
            max_size=3,
        )
    )
    return LayoutProblem(
        scores=scores,
        max_sites=draw(st.none() | st.integers(1, 4)),
        site_cost=draw(st.sampled_from([0.0, 1.0, 2.5, 3.0, 40.0])),
        synergies=tuple(synergies),
    )


def random_problem(rng: random.Random) -> LayoutProblem:
    platforms = [f"p{i}" for i in range(rng.randint(1, 6))]
    functions = rng.randint(1, 5)
    values = rng.choice(SCORE_SETS)
    scores = []
    for _ in range(functions):
        allowed = [p for p in platforms if rng.random() < 0.75]
        if not allowed and rng.random() < 0.9:
            allowed = [rng.choice(platforms)]
        scores.append({p: rng.choice(values) for p in allowed})
    synergies = tuple(
        Synergy(
            rng.randrange(functions),
            rng.choice(platforms),
            rng.randrange(functions),
            rng.choice(platforms),
            rng.choice([0.0, 1.0, 2.5, 5.0]),
        )
        for _ in range(rng.randint(0, 3))
    )
    return LayoutProblem(
        scores=scores,
        max_sites=rng.choice([None, 1, 2, 3, 4, 6]),
        site_cost=rng.choice([0.0, 1.0, 2.5, 3.0]),
        synergies=synergies,
    )


def is_sorted_best_first(found: list[Ranked]) -> bool:
    keys = [(-score, assignment) for score, assignment in found]
    return keys == sorted(keys) and len(set(keys)) == len(keys)


@settings(max_examples=400, deadline=None)
@given(layout_problems(), st.integers(1, 4))
def test_matches_brute_force(problem: LayoutProblem, keep: int) -> None:
    expected = brute_force(problem, keep)
    assert best_layouts(problem, keep) == expected
    assert searched_layouts(problem, keep) == expected  # the search, even where enumerating wins


@pytest.mark.parametrize("seed", range(0, 600, 50))
def test_matches_brute_force_on_seeded_instances(seed: int) -> None:
    for offset in range(50):
        problem = random_problem(random.Random(seed + offset))
        for keep in range(1, 5):
            expected = brute_force(problem, keep)
            assert best_layouts(problem, keep) == expected, (seed + offset, keep)
            assert searched_layouts(problem, keep) == expected, (seed + offset, keep)
            assert is_sorted_best_first(expected)


def test_brute_force_is_itself_exhaustive() -> None:
    problem = LayoutProblem([{"a": 1.0, "b": 2.0}, {"a": 3.0, "c": 3.0}], None, 0.5)

    everything = brute_force(problem, 100)

    assert sorted(a for _, a in everything) == sorted(itertools.product(["a", "b"], ["a", "c"]))
    assert all(score == problem.objective(a) for score, a in everything)


HAND = LayoutProblem(
    scores=[{"a": 80.0, "b": 60.0}, {"a": 50.0, "b": 90.0}],
    max_sites=None,
    site_cost=3.0,
    synergies=(Synergy(0, "a", 1, "b", 2.5),),
)


@pytest.mark.parametrize(
    ("assignment", "objective"),
    [
        (("a", "b"), (80 + 90) / 2 - 3 + 2.5),
        (("b", "b"), (60 + 90) / 2),
        (("a", "a"), (80 + 50) / 2),
        (("b", "a"), (60 + 50) / 2 - 3),
    ],
)
def test_objective_is_mean_minus_site_cost_plus_synergy(
    assignment: tuple[str, ...], objective: float
) -> None:
    assert HAND.objective(assignment) == pytest.approx(objective, abs=1e-9)


def test_hand_example_ranking() -> None:
    assert best_layouts(HAND, 4) == [
        (84.5, ("a", "b")),
        (75.0, ("b", "b")),
        (65.0, ("a", "a")),
        (52.0, ("b", "a")),
    ]
    assert best_layouts(HAND, 2) == [(84.5, ("a", "b")), (75.0, ("b", "b"))]


def test_max_sites_excludes_spread_layouts() -> None:
    single = replace(HAND, max_sites=1)

    assert best_layouts(single, 4) == [(75.0, ("b", "b")), (65.0, ("a", "a"))]
    assert not single.feasible(("a", "b"))
    assert single.feasible(("b", "b"))


def test_site_cost_is_per_site_beyond_the_first() -> None:
    problem = LayoutProblem([{"a": 90.0}, {"b": 90.0}, {"c": 90.0}], None, 4.0)

    assert best_layouts(problem, 1) == [(90.0 - 2 * 4.0, ("a", "b", "c"))]


def test_synergy_counts_only_when_both_placements_hold() -> None:
    synergy = Synergy(0, "a", 1, "a", 10.0)
    problem = LayoutProblem([{"a": 50.0, "b": 70.0}, {"a": 50.0, "b": 70.0}], None, 0.0, (synergy,))

    assert problem.objective(("a", "a")) == 60.0
    assert problem.objective(("a", "b")) == 60.0
    assert problem.objective(("b", "b")) == 70.0
    assert best_layouts(problem, 1) == [(70.0, ("b", "b"))]


def test_ties_are_broken_by_platform_ids() -> None:
    problem = LayoutProblem([{"c": 50.0, "a": 50.0, "b": 50.0}, {"b": 10.0, "a": 10.0}], 1, 0.0)

    assert best_layouts(problem, 5) == [(30.0, ("a", "a")), (30.0, ("b", "b"))]


def test_equal_scores_reached_by_different_sums_are_tied() -> None:
    """0.1 + 0.2 and 0.3 must tie, so the id decides, not floating-point noise."""
    problem = LayoutProblem([{"a": 0.1, "b": 0.0}, {"a": 0.2, "b": 0.3}], 1, 0.0)

    found = best_layouts(problem, 2)

    assert [a for _, a in found] == [("a", "a"), ("b", "b")]
    assert found[0][0] == found[1][0]
    assert found == brute_force(problem, 2)


def test_a_branch_explored_later_can_still_win_a_tie() -> None:
    """Function 1 (fewer options) is searched first, so (c, b) is found before (a, a)."""
    problem = LayoutProblem([{"a": 60.0, "b": 0.0, "c": 50.0}, {"a": 50.0, "b": 60.0}], None, 0.0)

    assert best_layouts(problem, 2) == [(60.0, ("a", "b")), (55.0, ("a", "a"))]
    assert best_layouts(problem, 3) == brute_force(problem, 3)


@pytest.mark.parametrize("max_sites", [1, 2])
def test_disjoint_options_beyond_max_sites_are_infeasible(max_sites: int) -> None:
    problem = LayoutProblem([{"a": 90.0}, {"b": 80.0}, {"c": 70.0}], max_sites, 1.0)

    assert best_layouts(problem, 3) == []
    assert brute_force(problem, 3) == []


def test_a_function_without_options_is_infeasible() -> None:
    problem = LayoutProblem([{"a": 90.0}, {}], None, 1.0)

    assert best_layouts(problem, 3) == []
    assert brute_force(problem, 3) == []


def test_unused_site_allowance_does_not_hide_worthy_sites() -> None:
    """Two sites worth opening and room for three more: the bound must count both (it once
    sliced from the end and kept only the best, cutting the 4th best layout)."""
    problem = LayoutProblem(
        scores=[
            {"p01": 90.87, "p04": 25.84, "p00": 75.8, "p03": 58.17, "p02": 72.87, "p05": 32.34},
            {"p01": 89.6, "p04": 90.53, "p00": 86.13, "p03": 65.73},
            {"p04": 77.18, "p00": 78.16, "p03": 49.19, "p02": 22.88, "p05": 82.24},
            {"p01": 73.29, "p04": 21.82, "p00": 59.13, "p02": 46.06},
        ],
        max_sites=4,
        site_cost=0.0,
    )

    assert searched_layouts(problem, 4) == brute_force(problem, 4)
    assert searched_layouts(problem, 4)[-1][1] == ("p01", "p00", "p05", "p01")


def test_asking_for_more_than_exist_returns_them_all() -> None:
    problem = LayoutProblem([{"a": 1.0, "b": 2.0}, {"a": 3.0}], None, 0.0)

    assert best_layouts(problem, 10) == [(2.5, ("b", "a")), (2.0, ("a", "a"))]


def test_keeping_none_returns_nothing() -> None:
    assert best_layouts(HAND, 0) == brute_force(HAND, 0) == []


def large_problem(seed: int) -> LayoutProblem:
    rng = random.Random(seed)
    platforms = [f"p{i:02d}" for i in range(12)]
    scores = [
        {p: float(rng.randint(0, 40) * 2.5) for p in platforms if rng.random() < 0.9}
        for _ in range(8)
    ]
    synergies = tuple(
        Synergy(
            rng.randrange(8), rng.choice(platforms), rng.randrange(8), rng.choice(platforms), 2.0
        )
        for _ in range(4)
    )
    return LayoutProblem(scores, rng.choice([None, 3]), 3.0, synergies)


def restricted(problem: LayoutProblem, fixed: dict[int, str]) -> LayoutProblem:
    scores = [
        {fixed[i]: options[fixed[i]]} if i in fixed else options
        for i, options in enumerate(problem.scores)
    ]
    return replace(problem, scores=scores)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_large_instance_is_consistent_with_restricted_brute_force(seed: int) -> None:
    problem = large_problem(seed)

    found = best_layouts(problem, 4)

    assert len(found) == 4
    assert is_sorted_best_first(found)
    for score, assignment in found:
        assert len(assignment) == 8
        assert problem.feasible(assignment)
        assert all(p in problem.scores[i] for i, p in enumerate(assignment))
        assert score == problem.objective(assignment)
    best = found[0][1]
    worst_key = (-found[-1][0], found[-1][1])
    for fixed_part in (range(4), range(4, 8), range(0, 8, 2)):
        fixed = {i: best[i] for i in fixed_part}
        local = brute_force(restricted(problem, fixed), 4)
        assert local[0] == found[0]
        # Every layout brute force finds near the best must be among the optimiser's k best.
        for entry in local:
            if (-entry[0], entry[1]) <= worst_key:
                assert entry in found
