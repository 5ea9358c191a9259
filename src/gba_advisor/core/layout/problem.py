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

from gba_advisor.core.frozen import frozen

SCALE = 1_000_000


@frozen
class Synergy:
    """`points` when function index `first` goes to `first_platform` and `second` to its own."""

    first: int
    first_platform: str
    second: int
    second_platform: str
    points: float


@frozen
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
    """Every feasible assignment's objective, in the integers `LayoutProblem.units` uses; the
    `keep` best as (-objective, assignment), best first.

    The assignments are grown a function at a time with their running sums and a bit per
    platform they use, so that no sum is taken twice and sites are counted from the bits. They
    come in the order of their ids (each function's platforms sorted, the last varying
    fastest): so the best alone (what a compact batch line asks for) is the first to reach the
    best objective, found without ranking every layout; integer sums are exact.
    """
    rows = problem.scores
    if keep <= 0 or not rows:
        return []
    bit = {p: 1 << i for i, p in enumerate(sorted({p for row in rows for p in row}))}
    options = [[(p, units_of(row[p]), bit[p]) for p in sorted(row)] for row in rows]
    site = len(rows) * units_of(problem.site_cost)
    limit = problem.max_sites if problem.max_sites is not None else len(bit)
    synergies = [
        (s.first, s.first_platform, s.second, s.second_platform, len(rows) * units_of(s.points))
        for s in problem.synergies
    ]
    grown: list[tuple[tuple[str, ...], int, int]] = [((), 0, 0)]
    for row in options[:-1]:
        grown = [((*a, p), t + u, m | b) for a, t, m in grown for p, u, b in row]
    entries: list[tuple[int, tuple[str, ...]]] = []
    for placed, total, used in grown:
        for platform, units, at in options[-1]:
            sites = (used | at).bit_count()
            if sites > limit:
                continue
            negated = site * (sites - 1) - total - units
            if synergies:
                assignment = (*placed, platform)
                for first, first_platform, second, second_platform, points in synergies:
                    if (
                        assignment[first] == first_platform
                        and assignment[second] == second_platform
                    ):
                        negated -= points
            if keep > 1:
                entries.append((negated, (*placed, platform)))
            elif not entries or negated < entries[0][0]:
                entries = [(negated, (*placed, platform))]
    return entries if keep == 1 else heapq.nsmallest(keep, entries)


def units_of(value: float) -> int:
    return round(value * SCALE)
