"""The search hands synergies from one function to its partner as they are placed: whatever the
synergies (repeated, on one function, on platforms it cannot take, negative), it still returns
what brute force returns."""

from __future__ import annotations

import random

import pytest

from gba_advisor.core.layout.optimiser import LayoutProblem, Synergy, brute_force, searched_layouts


def tangled(rng: random.Random) -> LayoutProblem:
    platforms = [f"p{i}" for i in range(rng.randint(2, 5))]
    functions = rng.randint(2, 5)
    scores = [
        {p: float(rng.randint(0, 10) * 10) for p in platforms if rng.random() < 0.8}
        for _ in range(functions)
    ]
    synergies = [
        Synergy(
            rng.randrange(functions),
            rng.choice(platforms),
            rng.randrange(functions),
            rng.choice(platforms),
            rng.choice([-10.0, -2.5, 0.0, 2.5, 10.0, 40.0]),
        )
        for _ in range(rng.randint(1, 5))
    ]
    synergies += rng.sample(synergies, rng.randint(0, len(synergies)))  # repeated ones add up
    return LayoutProblem(
        scores=scores,
        max_sites=rng.choice([None, 1, 2, 3]),
        site_cost=rng.choice([0.0, 2.5, 10.0]),
        synergies=tuple(synergies),
    )


@pytest.mark.parametrize("seed", range(0, 400, 100))
def test_any_synergies_give_what_brute_force_gives(seed: int) -> None:
    for offset in range(100):
        problem = tangled(random.Random(seed + offset))
        for keep in (1, 3):
            assert searched_layouts(problem, keep) == brute_force(problem, keep), seed + offset


def test_a_synergy_realised_by_the_function_placed_last_is_counted() -> None:
    """Function 0 has more options, so it is placed after function 1 and realises the synergy."""
    synergy = Synergy(0, "b", 1, "a", 50.0)
    problem = LayoutProblem(
        [{"a": 90.0, "b": 10.0, "c": 80.0}, {"a": 50.0, "b": 60.0}], None, 0.0, (synergy,)
    )

    assert searched_layouts(problem, 2) == brute_force(problem, 2)
    assert searched_layouts(problem, 1)[0][1] == ("b", "a")
