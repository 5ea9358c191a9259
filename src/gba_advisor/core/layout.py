"""The exact layout optimiser: the best assignments of functions to platforms.

The objective of an assignment is the mean of its function scores, minus a cost for every site
beyond the first, plus the synergies it realises. The search is a depth-first branch and bound
that keeps the k best assignments: a branch is cut only when even its optimistic bound (best
remaining score per function, every still-possible synergy, no further site cost) falls below
the k-th best found, so the result is exactly what brute force would return, ties included.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Synergy:
    """`points` when function index `first` goes to `first_platform` and `second` to its own."""

    first: int
    first_platform: str
    second: int
    second_platform: str
    points: float


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

    def objective(self, assignment: Sequence[str]) -> float:
        """The layout score; always summed in function order so that floats are reproducible."""
        mean = sum(self.scores[i][p] for i, p in enumerate(assignment)) / len(assignment)
        cost = self.site_cost * (len(set(assignment)) - 1)
        bonus = sum(
            s.points
            for s in self.synergies
            if assignment[s.first] == s.first_platform and assignment[s.second] == s.second_platform
        )
        return mean - cost + bonus

    def feasible(self, assignment: Sequence[str]) -> bool:
        return self.max_sites is None or len(set(assignment)) <= self.max_sites


Ranked = tuple[float, tuple[str, ...]]


def rank_key(entry: Ranked) -> tuple[float, tuple[str, ...]]:
    """Best objective first; equal objectives in the order of their platform ids."""
    return (-entry[0], entry[1])


def best_layouts(problem: LayoutProblem, keep: int) -> list[Ranked]:
    """The `keep` best feasible assignments, best first (empty when none is feasible)."""
    return _Search(problem, keep).run()


def brute_force(problem: LayoutProblem, keep: int) -> list[Ranked]:
    """Every assignment tried; the reference the optimiser is tested against."""
    options = [sorted(scores) for scores in problem.scores]
    found = [
        (problem.objective(assignment), assignment)
        for assignment in itertools.product(*options)
        if problem.feasible(assignment)
    ]
    return sorted(found, key=rank_key)[:keep]


class _Search:
    def __init__(self, problem: LayoutProblem, keep: int) -> None:
        self.problem = problem
        self.keep = keep
        count = problem.size
        # Functions with fewest options first: constraints bite early and cut more.
        self.order = sorted(range(count), key=lambda i: (len(problem.scores[i]), i))
        self.options = [_by_score(problem.scores[i]) for i in range(count)]
        best = [max(problem.scores[i].values(), default=-math.inf) for i in self.order]
        self.rest = [sum(best[j:]) / count if count else 0.0 for j in range(count + 1)]
        self.assignment: list[str | None] = [None] * count
        self.sites: dict[str, int] = {}
        self.top: list[Ranked] = []

    def run(self) -> list[Ranked]:
        if self.problem.size and all(self.options):
            self._descend(0, 0.0)
        return self.top

    def _threshold(self) -> float:
        return self.top[-1][0] if len(self.top) >= self.keep else -math.inf

    def _descend(self, depth: int, partial: float) -> None:
        problem = self.problem
        if depth == problem.size:
            chosen = tuple(p for p in self.assignment if p is not None)
            self._record((problem.objective(chosen), chosen))
            return
        bound = (
            partial / problem.size
            + self.rest[depth]
            - problem.site_cost * (len(self.sites) - 1 if self.sites else 0)
            + self._possible_synergy()
        )
        if bound < self._threshold() - EPSILON:
            return
        index = self.order[depth]
        for platform in self.options[index]:
            is_new = platform not in self.sites
            if is_new and problem.max_sites is not None and len(self.sites) >= problem.max_sites:
                continue
            self.assignment[index] = platform
            self.sites[platform] = self.sites.get(platform, 0) + 1
            self._descend(depth + 1, partial + problem.scores[index][platform])
            self.sites[platform] -= 1
            if not self.sites[platform]:
                del self.sites[platform]
        self.assignment[index] = None

    def _possible_synergy(self) -> float:
        total = 0.0
        for synergy in self.problem.synergies:
            first = self.assignment[synergy.first]
            second = self.assignment[synergy.second]
            if first in (None, synergy.first_platform) and second in (
                None,
                synergy.second_platform,
            ):
                total += synergy.points
        return total

    def _record(self, entry: Ranked) -> None:
        self.top.append(entry)
        self.top.sort(key=rank_key)
        del self.top[self.keep :]


def _by_score(scores: dict[str, float]) -> list[str]:
    """Platforms best first, so that good layouts are found early and bounds cut sooner."""
    return sorted(scores, key=lambda platform: (-scores[platform], platform))
