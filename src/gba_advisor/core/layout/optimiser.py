"""The exact layout optimiser: the best assignments of functions to platforms.

The objective of an assignment is the mean of its function scores, minus a cost for every site
beyond the first, plus the synergies it realises. The search is a depth-first branch and bound
that keeps the k best assignments: functions are placed one after the other, fewest options
first, each on its platforms best first, and a branch is cut only when even an optimistic bound
(`bounds.completion`) cannot reach the k-th best found, so the result is exactly what brute
force returns, ties included.

A node bounds what the functions after it can add once, and checks each child against that
before entering it: the bound serves every child on an open platform as it is, and says what
opening each closed platform could add, so most children are cut without a bound of their own.

A synergy is credited, while neither of its functions is placed, to the one placed first (at its
platform, as a value that may not be realised); placing that function there hands the synergy
over to its partner's platform, so a placed function's value is exact. The bounds need the site
cost not to be negative, as the knowledge base's schema ensures.

Arithmetic is done in integer micro-points (scores are quantised to 1e-6), so that equal
layouts are exactly equal, ties are broken by platform ids rather than by rounding noise, and a
bound that equals the k-th best can be cut safely when its branch cannot win the tie-break.
"""

from __future__ import annotations

import bisect
import math

from gba_advisor.core.layout.bounds import NO_LAYOUT, Completion, Row, completion
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

_Handed = tuple[int, Row, int, int]
"""A synergy handed over by a placement: (partner depth, its row before, platform, units)."""


def best_layouts(problem: LayoutProblem, keep: int) -> list[Ranked]:
    """The `keep` best feasible assignments, best first (empty when none is feasible)."""
    if math.prod(len(row) for row in problem.scores) <= ENUMERATE_UP_TO:
        # The objective from the units the enumeration summed: `objective` would sum them again.
        return [(-negated / (len(a) * SCALE), a) for negated, a in enumerate_best(problem, keep)]
    return searched_layouts(problem, keep)


def searched_layouts(problem: LayoutProblem, keep: int) -> list[Ranked]:
    """`best_layouts` by the branch and bound whatever the problem's size (tests use it on
    small problems too)."""
    return [(problem.objective(a), a) for _, a in _Search(problem, keep).run()]


class _Search:
    """Platforms are numbered in the order of their ids, so that tuples of numbers sort as the
    tuples of ids would: the tie-break is done on numbers."""

    def __init__(self, problem: LayoutProblem, keep: int) -> None:
        self.keep = keep
        self.size = count = problem.size
        self.names = sorted({platform for row in problem.scores for platform in row})
        number = {name: i for i, name in enumerate(self.names)}
        scores = [{number[p]: units_of(s) for p, s in row.items()} for row in problem.scores]
        self.feasible = count > 0 and all(scores)
        # Functions with fewest options first: constraints bite early and cut more. Then those
        # that lose most by leaving their best platform: the first platforms tried are then the
        # ones the best layouts use, and a good k-th best is found early.
        self.order = sorted(range(count), key=lambda i: (len(scores[i]), -_regret(scores[i]), i))
        self.site = count * units_of(problem.site_cost)
        self.max_sites = problem.max_sites
        self.gains = [dict(scores[function]) for function in self.order]
        """Per depth and platform: exactly what placing the function there adds (before any
        site cost), given the functions placed above it."""
        values = [dict(scores[function]) for function in self.order]
        self.hand_over: list[list[tuple[int, int, int, int]]] = [[] for _ in range(count)]
        """Per depth: (platform, partner depth, partner platform, units) of the synergies it is
        credited with while free."""
        depth_of = {function: depth for depth, function in enumerate(self.order)}
        for synergy in problem.synergies:
            self._credit(synergy, depth_of, number, values)
        self.rows = [_best_first(row) for row in values]
        """Per depth: (value, platform) best first, a value never below the gain there."""
        self.lowest = [min(row, default=0) for row in scores]
        self.counts = [0] * len(self.names)
        """How many placed functions use each platform: a platform is open when positive."""
        self.open_sites = 0
        self.assignment = [-1] * count
        """Per function (not depth): its platform, -1 while not placed."""
        self.top: list[tuple[int, tuple[int, ...]]] = []
        """(-units, assignment), sorted: the best found so far."""

    def _credit(
        self,
        synergy: Synergy,
        depth_of: dict[int, int],
        number: dict[str, int],
        values: list[dict[int, int]],
    ) -> None:
        units = self.size * units_of(synergy.points)
        # Indexed as brute force indexes the assignment (so -1 is the last function).
        functions = range(self.size)
        first = depth_of[functions[synergy.first]]
        second = depth_of[functions[synergy.second]]
        at_first = number.get(synergy.first_platform, -1)
        at_second = number.get(synergy.second_platform, -1)
        if at_first not in values[first] or at_second not in values[second]:
            return  # a function cannot go there: the synergy is never realised
        if first == second:
            if at_first == at_second:
                self.gains[first][at_first] += units
                values[first][at_first] += max(units, 0)
            return
        if first > second:
            first, second, at_first, at_second = second, first, at_second, at_first
        values[first][at_first] += max(units, 0)
        self.hand_over[first].append((at_first, second, at_second, units))

    def run(self) -> list[tuple[int, tuple[str, ...]]]:
        if self.keep > 0 and self.feasible:
            self._descend(0, 0)
        return [(units, tuple(self.names[p] for p in key)) for units, key in self.top]

    def _descend(self, depth: int, partial: int, after: Completion | None = None) -> None:
        """Place the function at `depth` on each platform that may still lead into the k best;
        `partial` is exactly what the functions placed so far add, `after` the completion bound
        below this depth when the caller has it."""
        last = depth + 1 == self.size
        if last:
            rest = 0
        elif not self.open_sites:
            # The first platform is free, so none is priced: each child is bounded once placed.
            rest = sum(row[0][0] for row in self.rows[depth + 1 :])
        else:
            if after is None:
                after = self._completion(depth + 1)
            rest = after.value
            if rest == NO_LAYOUT:
                return
        shared: Completion | None = None
        function = self.order[depth]
        top, counts, gains = self.top, self.counts, self.gains[depth]
        for value, platform in self.rows[depth]:
            new = not counts[platform]
            if new and self.max_sites is not None and self.open_sites >= self.max_sites:
                continue
            cost = self.site if new and self.open_sites else 0
            full = len(top) >= self.keep
            worst = -top[-1][0] if full else 0
            # Opening a platform adds at most its cost to what the others can add, and this
            # platform's cost is paid: `rest` bounds every child.
            ceiling = partial + value + rest
            if full and ceiling < worst:
                break  # the values come best first: no later platform can do better
            if full and new and after is not None:
                ceiling = min(ceiling, partial + value - cost + after.opened(platform))
                if ceiling < worst:
                    continue
            gain = gains[platform] - cost
            if last:
                self._record(partial + gain, function, platform)
                continue
            handed = self._place(depth, function, platform)
            if full and after is None:
                ceiling = partial + gain + self._completion(depth + 1).value
            if not full or ceiling > worst or (ceiling == worst and self._may_win_tie()):
                below = None
                if not new and not handed and depth + 2 < self.size:
                    # The sites and the rows below are the same for every child on an open
                    # platform that hands nothing over: so is their bound.
                    shared = shared or self._completion(depth + 2)
                    below = shared
                self._descend(depth + 1, partial + gain, below)
            self._unplace(function, platform, handed)

    def _completion(self, depth: int) -> Completion:
        more = None if self.max_sites is None else self.max_sites - self.open_sites
        return completion(self.rows[depth:], self.counts, self.site, more)

    def _place(self, depth: int, function: int, platform: int) -> list[_Handed]:
        self.assignment[function] = platform
        if not self.counts[platform]:
            self.open_sites += 1
        self.counts[platform] += 1
        handed: list[_Handed] = []
        for at, partner, at_partner, units in self.hand_over[depth]:
            if at == platform:
                # Realised if the partner goes to its platform: exact there from now on.
                row = self.rows[partner]
                handed.append((partner, row, at_partner, units))
                self.gains[partner][at_partner] += units
                self.rows[partner] = _best_first(
                    {p: v + units if p == at_partner else v for v, p in row}
                )
        return handed

    def _unplace(self, function: int, platform: int, handed: list[_Handed]) -> None:
        # In reverse: a partner handed two synergies gets its first row back last.
        for partner, row, at_partner, units in reversed(handed):
            self.rows[partner] = row
            self.gains[partner][at_partner] -= units
        self.counts[platform] -= 1
        if not self.counts[platform]:
            self.open_sites -= 1
        self.assignment[function] = -1

    def _may_win_tie(self) -> bool:
        """The branch's bound equals the k-th best: only a smaller assignment can replace it.
        Every completion is at least the one with each free function at its lowest platform."""
        smallest = tuple(p if p >= 0 else self.lowest[i] for i, p in enumerate(self.assignment))
        return smallest <= self.top[-1][1]

    def _record(self, units: int, function: int, platform: int) -> None:
        top = self.top
        full = len(top) >= self.keep
        if full and units < -top[-1][0]:
            return
        self.assignment[function] = platform
        entry = (-units, tuple(self.assignment))
        self.assignment[function] = -1
        if full and entry > top[-1]:
            return
        bisect.insort(top, entry)
        del top[self.keep :]


def _best_first(values: dict[int, int]) -> Row:
    """Platforms best first (then by id), so that good layouts are found early and the bound
    can stop at the first open platform."""
    return sorted(((v, p) for p, v in values.items()), key=lambda entry: (-entry[0], entry[1]))


def _regret(scores: dict[int, int]) -> int:
    """How much a function loses at its second best platform rather than its best."""
    ordered = sorted(scores.values(), reverse=True)
    return ordered[0] - ordered[1] if len(ordered) > 1 else 0
