"""The exact layout optimiser: the best assignments of functions to platforms.

The objective of an assignment is the mean of its function scores, minus a cost for every site
beyond the first, plus the synergies it realises. The search is a depth-first branch and bound
that keeps the k best assignments: a branch is cut only when even its optimistic bound (every
remaining function at its best open site, or elsewhere less its share of a new site's cost,
with the synergies it leads) cannot reach the k-th best found, so the result is exactly what
brute force returns, ties included.

Arithmetic is done in integer micro-points (scores are quantised to 1e-6), so that equal
layouts are exactly equal, ties are broken by platform ids rather than by rounding noise, and a
bound that equals the k-th best can be cut safely when its branch cannot win the tie-break.
"""

from __future__ import annotations

import math

from gba_advisor.core.layout.problem import (
    ENUMERATE_UP_TO,
    SCALE,
    LayoutProblem,
    Ranked,
    Synergy,
    brute_force,
    enumerate_best,
    units_of,
)

__all__ = [
    "SCALE",
    "LayoutProblem",
    "Ranked",
    "Synergy",
    "best_layouts",
    "brute_force",
    "searched_layouts",
]

_IMPOSSIBLE = -(10**18)
"""A bound no layout reaches: the branch cannot be completed."""


def best_layouts(problem: LayoutProblem, keep: int) -> list[Ranked]:
    """The `keep` best feasible assignments, best first (empty when none is feasible)."""
    if math.prod(len(row) for row in problem.scores) <= ENUMERATE_UP_TO:
        return [(problem.objective(a), a) for _, a in enumerate_best(problem, keep)]
    return searched_layouts(problem, keep)


def searched_layouts(problem: LayoutProblem, keep: int) -> list[Ranked]:
    """`best_layouts` by the branch and bound whatever the problem's size (tests use it on
    small problems too)."""
    return [(problem.objective(a), a) for _, a in _Search(problem, keep).run()]


class _Search:
    def __init__(self, problem: LayoutProblem, keep: int) -> None:
        self.problem = problem
        self.keep = keep
        count = problem.size
        self.scores = [{p: units_of(s) for p, s in scores.items()} for scores in problem.scores]
        # Functions with fewest options first: constraints bite early and cut more.
        self.order = sorted(range(count), key=lambda i: (len(self.scores[i]), i))
        self.options = [_by_score(scores) for scores in self.scores]
        self.lowest = [min(scores) if scores else "" for scores in problem.scores]
        self.site_units = count * units_of(problem.site_cost)
        self.synergies = [(s, count * units_of(s.points)) for s in problem.synergies]
        self.led_by: list[list[tuple[Synergy, int]]] = [[] for _ in range(count)]
        """Per function, the synergies it leads (is `first` of), credited in its bound."""
        for synergy, units in self.synergies:
            if synergy.first_platform in self.scores[synergy.first]:
                self.led_by[synergy.first].append((synergy, units))
        self.values = [
            {platform: score + self._ledunits_of(i, platform) for platform, score in row.items()}
            for i, row in enumerate(self.scores)
        ]
        """Per function and platform: its score and every synergy it leads there."""
        self.assignment: list[str | None] = [None] * count
        self.sites: dict[str, int] = {}
        self.top: list[tuple[int, tuple[str, ...]]] = []
        """(-units, assignment), sorted: the best found so far."""

    def run(self) -> list[tuple[int, tuple[str, ...]]]:
        if self.keep > 0 and self.problem.size and all(self.options):
            self._descend(0, 0)
        return self.top

    def _descend(self, depth: int, partial: int) -> None:
        problem = self.problem
        if depth == problem.size:
            chosen = tuple(p for p in self.assignment if p is not None)
            # The same integers `problem.units` adds, already summed on the way down; with every
            # function placed, the synergies still possible are the ones realised.
            units = partial - self.site_units * (len(self.sites) - 1) + self._placed_synergy()
            self._record((-units, chosen))
            return
        if self._hopeless(depth, partial):
            return
        index = self.order[depth]
        for platform in self.options[index]:
            is_new = platform not in self.sites
            if is_new and problem.max_sites is not None and len(self.sites) >= problem.max_sites:
                continue
            self.assignment[index] = platform
            self.sites[platform] = self.sites.get(platform, 0) + 1
            self._descend(depth + 1, partial + self.scores[index][platform])
            self.sites[platform] -= 1
            if not self.sites[platform]:
                del self.sites[platform]
        self.assignment[index] = None

    def _hopeless(self, depth: int, partial: int) -> bool:
        """True when no completion of this branch can enter the k best."""
        if len(self.top) < self.keep:
            return False
        fixed = partial - self.site_units * max(len(self.sites) - 1, 0) + self._placed_synergy()
        bound = fixed + self._best_completion(depth)
        worst_units, worst = -self.top[-1][0], self.top[-1][1]
        limited = self.site_units or self.problem.max_sites is not None
        if bound >= worst_units and self.sites and limited:
            # The cheap bounds did not cut: try the one that prices every new site.
            bound = min(bound, fixed + self._by_new_sites(depth))
        if bound != worst_units:
            return bound < worst_units
        return self._smallest_completion() > worst

    def _by_new_sites(self, depth: int) -> int:
        """A third bound: every function at its best open site, plus, for each platform not
        open, what it would add to the functions it beats an open site for, less its cost
        (when that is positive). Any completion opens some of those platforms (no more than
        `max_sites` allows) and gains at most the sum of the best of them. Synergies are
        credited as if their partners could all still follow."""
        remaining = self.order[depth:]
        opened = self.sites
        closed = self.problem.max_sites is not None and len(opened) >= self.problem.max_sites
        total = 0
        gains: dict[str, int] = {}
        for index in remaining:
            values = self.values[index]
            best_open = max((values[p] for p in opened if p in values), default=None)
            if best_open is None:
                if closed:
                    return _IMPOSSIBLE
                best_open = _IMPOSSIBLE
            else:
                total += best_open
            if closed:
                continue
            for platform, value in values.items():
                if platform not in opened and value > best_open:
                    gain = value if best_open == _IMPOSSIBLE else value - best_open
                    gains[platform] = gains.get(platform, 0) + gain
        cost = self.site_units
        worth = sorted(gain - cost for gain in gains.values() if gain > cost)
        if self.problem.max_sites is not None:
            # Only so many more sites may open: the best of them are all a completion can use.
            # (Clamped at 0: a negative start would slice from the end and drop worthy sites.)
            worth = worth[max(len(worth) - (self.problem.max_sites - len(opened)), 0) :]
        return total + sum(worth)

    def _best_completion(self, depth: int) -> int:
        """An upper bound on what the functions not yet placed can add: their scores, the
        synergies they lead, and the cost of the sites they open.

        Two bounds, both optimistic, and the lower is kept. (a) Either every function goes to
        a site already open, or at least one new site opens and costs its price once. (b) Each
        function goes to a site already open, or elsewhere bearing its share of a new site's
        cost: a new site serves at most the functions left. The first site is free; with
        `max_sites` reached no site may open. A synergy is credited to the function that leads
        it, when that function takes its platform and the other function still can.
        """
        remaining = self.order[depth:]
        opened = self.sites
        if not opened:
            return sum(self._best_value(index, None) for index in remaining)
        closed = self.problem.max_sites is not None and len(opened) >= self.problem.max_sites
        share = self.site_units // len(remaining)
        in_open = anywhere = shared = 0
        for index in remaining:
            value_open = self._best_value(index, opened)
            if closed:
                if value_open == _IMPOSSIBLE:
                    return _IMPOSSIBLE
                in_open += value_open
                continue
            value_any = max(value_open, self._best_value(index, None))
            in_open += value_open
            anywhere += value_any
            shared += max(value_open, value_any - share)
        if closed:
            return in_open
        return min(max(in_open, anywhere - self.site_units), shared)

    def _best_value(self, index: int, among: dict[str, int] | None) -> int:
        """The best a function can add at one of `among` (any platform when None): its score
        and the synergies it leads there that its partners can still realise."""
        scores = self.scores[index]
        best = _IMPOSSIBLE
        for platform in self.options[index]:
            if among is None or platform in among:
                best = scores[platform]
                break
        for synergy, _ in self.led_by[index]:
            platform = synergy.first_platform
            if among is not None and platform not in among:
                continue
            value = scores[platform] + sum(
                units
                for other, units in self.led_by[index]
                if other.first_platform == platform
                and self.assignment[other.second] in (None, other.second_platform)
            )
            best = max(best, value)
        return best

    def _ledunits_of(self, index: int, platform: str) -> int:
        led = self.led_by[index]
        return sum(units for synergy, units in led if synergy.first_platform == platform)

    def _placed_synergy(self) -> int:
        """The synergies led by functions already placed that their partner can still realise."""
        total = 0
        for synergy, units in self.synergies:
            first = self.assignment[synergy.first]
            if first is None or first != synergy.first_platform:
                continue
            if self.assignment[synergy.second] in (None, synergy.second_platform):
                total += units
        return total

    def _smallest_completion(self) -> tuple[str, ...]:
        """A lower bound, in tie-break order, on every assignment this branch can reach."""
        return tuple(
            chosen if chosen is not None else self.lowest[i]
            for i, chosen in enumerate(self.assignment)
        )

    def _record(self, entry: tuple[int, tuple[str, ...]]) -> None:
        self.top.append(entry)
        self.top.sort()
        del self.top[self.keep :]


def _by_score(scores: dict[str, int]) -> list[str]:
    """Platforms best first, so that good layouts are found early and bounds cut sooner."""
    return sorted(scores, key=lambda platform: (-scores[platform], platform))
