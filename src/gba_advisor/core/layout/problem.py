"""A layout problem in plain numbers, its objective, and the two ways of solving small ones.

The objective of an assignment of functions to platforms is the mean of its function scores,
minus a cost for every site beyond the first, plus the synergies it realises; it is computed in
integer micro-points (scores are quantised to 1e-6), so that equal layouts are exactly equal and
ties are broken by platform ids rather than by rounding noise. `brute_force` is the reference
the optimiser is tested against; `enumerate_best` solves problems small enough that trying
every assignment is cheaper than searching.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from gba_advisor.core.result.construct import fast_init

SCALE = 1_000_000


@fast_init
@dataclass(frozen=True, slots=True)
class Synergy:
    """`points` when function index `first` goes to `first_platform` and `second` to its own."""

    first: int
    first_platform: str
    second: int
    second_platform: str
    points: float


@fast_init
@dataclass(frozen=True, slots=True)
class LayoutProblem:
    """A layout problem in plain numbers; functions are indices into `scores`."""

    scores: Sequence[dict[str, float]]
    """Per function, the score of every platform it may go to (0-100)."""
    max_sites: int | None
    site_cost: float
    synergies: tuple[Synergy, ...] = ()

    @property
    def size(self) -> int:
        return len(self.scores)

    def units(self, assignment: Sequence[str]) -> int:
        """The objective times the number of functions, in integer micro-points."""
        count = len(assignment)
        total = sum(units_of(self.scores[i][p]) for i, p in enumerate(assignment))
        total -= count * units_of(self.site_cost) * (len(set(assignment)) - 1)
        total += count * sum(
            units_of(s.points)
            for s in self.synergies
            if assignment[s.first] == s.first_platform and assignment[s.second] == s.second_platform
        )
        return total

    def objective(self, assignment: Sequence[str]) -> float:
        """The layout score: mean function score - extra-site cost + synergies."""
        return self.units(assignment) / (len(assignment) * SCALE)

    def feasible(self, assignment: Sequence[str]) -> bool:
        return self.max_sites is None or len(set(assignment)) <= self.max_sites


Ranked = tuple[float, tuple[str, ...]]


def brute_force(problem: LayoutProblem, keep: int) -> list[Ranked]:
    """Every assignment tried; the reference the optimiser is tested against."""
    options = [sorted(scores) for scores in problem.scores]
    found = sorted(
        (-problem.units(assignment), assignment)
        for assignment in itertools.product(*options)
        if problem.feasible(assignment)
    )
    return [(problem.objective(a), a) for _, a in found[:keep]]


ENUMERATE_UP_TO = 64
"""Up to this many assignments (three functions on four platforms) trying them all is cheaper
than setting up the search: most profiles place one to three functions."""


def enumerate_best(problem: LayoutProblem, keep: int) -> list[tuple[int, tuple[str, ...]]]:
    """Every feasible assignment's objective, in the integers `LayoutProblem.units` uses.

    The assignments are grown a function at a time with their running sums, so that no sum is
    taken twice; integer sums are exact, and the k best are chosen by (objective, ids), so the
    order they are built in does not matter.
    """
    if keep == 1 and not problem.synergies:
        return _best_alone(problem)
    grown: list[tuple[tuple[str, ...], int]] = [((), 0)]
    for row in problem.scores:
        options = [(platform, units_of(row[platform])) for platform in sorted(row)]
        grown = [((*a, p), total + units) for a, total in grown for p, units in options]
    count = problem.size
    site = count * units_of(problem.site_cost)
    synergies = [
        (s.first, s.first_platform, s.second, s.second_platform, count * units_of(s.points))
        for s in problem.synergies
    ]
    limit = problem.max_sites
    # Each entry is (-objective, assignment): the k smallest are the k best, ties by ids.
    entries = []
    for assignment, total in grown:
        sites = len(set(assignment))
        if limit is not None and sites > limit:
            continue
        units = total - site * (sites - 1)
        for first, first_platform, second, second_platform, points in synergies:
            if assignment[first] == first_platform and assignment[second] == second_platform:
                units += points
        entries.append((-units, assignment))
    return heapq.nsmallest(keep, entries) if keep > 0 else []


def _best_alone(problem: LayoutProblem) -> list[tuple[int, tuple[str, ...]]]:
    """`enumerate_best(problem, 1)` without synergies, in a third of the time (a compact
    batch line asks for the best layout alone, and most profiles' problems are this small).

    The assignments are visited in the order of their ids (each function's platforms sorted,
    the last function varying fastest), so the first one to reach the best objective is the
    one the tie-break picks: only a strictly better one replaces it. Sites are counted from
    a bit per platform.
    """
    rows = problem.scores
    bit = {p: 1 << i for i, p in enumerate(sorted({p for row in rows for p in row}))}
    options = [[(p, units_of(row[p]), bit[p]) for p in sorted(row)] for row in rows]
    site = len(rows) * units_of(problem.site_cost)
    limit = problem.max_sites if problem.max_sites is not None else len(bit)
    grown: list[tuple[tuple[str, ...], int, int]] = [((), 0, 0)]
    for row in options[:-1]:
        grown = [((*a, p), t + u, m | b) for a, t, m in grown for p, u, b in row]
    best: tuple[int, tuple[str, ...]] | None = None
    lowest = 0
    for placed, total, used in grown:
        for platform, units, at in options[-1] if options else ():
            sites = (used | at).bit_count()
            if sites > limit:
                continue
            negated = site * (sites - 1) - total - units
            if best is None or negated < lowest:
                lowest, best = negated, (negated, (*placed, platform))
    return [best] if best is not None else []


def units_of(value: float) -> int:
    return round(value * SCALE)
