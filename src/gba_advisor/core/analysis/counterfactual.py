"""Counterfactuals: what would change the recommendation, and why not the other platforms.

For each function of the layout this finds the smallest single change to the profile that
moves the function to another platform: one priority up or down (by as few levels as it
takes), one target market added or removed, one R&D need added or removed, or the R&D
intensity one level up or down. Every candidate is written as a change to the profile as the
client wrote it, resolved again and run through the unchanged core, so a change reported here
moves the function when applied to the file and run through `match`.

"Why not X for this function?" is answered from the contributions the result already holds:
the rules on which X loses points to the chosen platform, and those on which it gains.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gba_advisor.core.analysis.changes import Change, apply_change, candidate_changes
from gba_advisor.core.frozen import frozen
from gba_advisor.core.layout.constraints import LayoutConstraints
from gba_advisor.core.layout.pipeline import place
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import AdvisorResult, PlatformScore, rounded
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.scoring.score import Scores
from gba_advisor.core.vocabulary import FunctionId

__all__ = [
    "Change",
    "Counterfactuals",
    "FunctionCounterfactual",
    "RuleGap",
    "WhyNot",
    "candidate_changes",
    "counterfactuals",
    "why_not",
]

MOVES_SHOWN = 3


@frozen
class Move:
    """A change and where it sends the function."""

    change: Change
    platform: str
    assignments: Mapping[FunctionId, str]
    """The whole layout after the change."""

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.change.to_dict(),
            "moves_to": self.platform,
            "assignments": {f.value: p for f, p in self.assignments.items()},
        }


@frozen
class Closest:
    """When no single change moves a function: the change that narrows its margin most."""

    change: Change
    margin: float
    """The chosen platform's lead over the best other one for the function, after the change."""

    def to_dict(self) -> dict[str, Any]:
        return {**self.change.to_dict(), "margin_after": rounded(self.margin)}


@frozen
class RuleGap:
    """The points the chosen platform has over another on one rule (negative: it has fewer)."""

    rule: str
    points: float
    chosen_reason: str
    other_reason: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "points": rounded(self.points),
            "chosen_reason": self.chosen_reason,
            "other_reason": self.other_reason,
            "sources": list(self.sources),
        }


@frozen
class WhyNot:
    """Why a platform was not chosen for a function, rule by rule."""

    platform: str
    gap: float
    """The chosen platform's score minus this one's, for the function."""
    excluded_reason: str | None
    losses: tuple[RuleGap, ...]
    """Rules on which this platform scores fewer points, biggest loss first."""
    gains: tuple[RuleGap, ...]
    """Rules on which it scores more, biggest gain first."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"platform": self.platform, "gap": rounded(self.gap)}
        if self.excluded_reason is not None:
            data["excluded"] = self.excluded_reason
        data["losses"] = [g.to_dict() for g in self.losses]
        data["gains"] = [g.to_dict() for g in self.gains]
        return data


@frozen
class FunctionCounterfactual:
    """What holds one function where it is."""

    function: FunctionId
    platform: str
    pinned: bool
    runner_up: str | None
    """The best other platform for the function on its own."""
    margin: float | None
    """The chosen platform's score minus the runner-up's (negative: kept for the layout)."""
    moves: tuple[Move, ...]
    """The smallest single changes that move the function, smallest first."""
    closest: Closest | None
    """When no single change moves it, the one that comes closest."""
    why_not: tuple[WhyNot, ...]
    """Every other platform, best first."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "pinned": self.pinned,
            "runner_up": self.runner_up,
            "margin": None if self.margin is None else rounded(self.margin),
            "smallest_changes": [m.to_dict() for m in self.moves],
            "closest": None if self.closest is None else self.closest.to_dict(),
            "why_not": [w.to_dict() for w in self.why_not],
        }


@frozen
class Counterfactuals:
    functions: tuple[FunctionCounterfactual, ...]
    tried: int
    """How many single changes were tried."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "tried": self.tried,
            "functions": {c.function.value: c.to_dict() for c in self.functions},
        }


def counterfactuals(
    basis: Basis, profile: ResolvedProfile, constraints: LayoutConstraints, result: AdvisorResult
) -> Counterfactuals:
    """Try every single change, and explain every function's choice against the others."""
    layout = result.layout.assignments
    changes = list(candidate_changes(profile))
    moves: dict[FunctionId, list[Move]] = {f: [] for f in profile.functions}
    closest: dict[FunctionId, Closest] = {}
    for change in changes:
        scores, assignments = _after(basis, profile, constraints, change)
        for function, platform in assignments.items():
            if platform != layout[function]:
                moves[function].append(Move(change, platform, assignments))
            margin = _lead(scores.by_function[function], layout[function])
            if margin is not None and (
                function not in closest or margin < closest[function].margin
            ):
                closest[function] = Closest(change, margin)
    return Counterfactuals(
        tuple(
            _for_function(
                function,
                result,
                constraints,
                moves[function],
                None if moves[function] else closest.get(function),
            )
            for function in profile.functions
        ),
        len(changes),
    )


def why_not(result: AdvisorResult, function: FunctionId, platform: str) -> WhyNot:
    """Why `platform` was not chosen for `function`: its gap to the chosen one, rule by rule."""
    chosen = _entry(result.by_function[function], result.layout.assignments[function])
    other = _entry(result.by_function[function], platform)
    mine = {c.rule: c for c in chosen.contributions}
    theirs = {c.rule: c for c in other.contributions}
    gaps = []
    for rule in dict.fromkeys([*mine, *theirs]):
        a, b = mine.get(rule), theirs.get(rule)
        points = (a.points if a else 0.0) - (b.points if b else 0.0)
        if rounded(points) == 0:
            continue
        sources = tuple(dict.fromkeys([*(a.sources if a else ()), *(b.sources if b else ())]))
        gaps.append(RuleGap(rule, points, a.reason if a else "", b.reason if b else "", sources))
    return WhyNot(
        platform=platform,
        gap=chosen.score - other.score,
        excluded_reason=other.excluded_reason,
        losses=tuple(sorted((g for g in gaps if g.points > 0), key=lambda g: -g.points)),
        gains=tuple(sorted((g for g in gaps if g.points < 0), key=lambda g: g.points)),
    )


def _after(
    basis: Basis, profile: ResolvedProfile, constraints: LayoutConstraints, change: Change
) -> tuple[Scores, Mapping[FunctionId, str]]:
    changed = apply_change(profile, change, basis.knowledge_base)
    trial = place(basis, changed, constraints)
    return trial.scores, trial.layout.assignments


def _lead(ranking: Sequence[PlatformScore], platform: str) -> float | None:
    """`platform`'s score minus the best other platform's, for one function."""
    rival = next((e for e in ranking if e.platform != platform), None)
    return None if rival is None else _entry(ranking, platform).score - rival.score


def _for_function(
    function: FunctionId,
    result: AdvisorResult,
    constraints: LayoutConstraints,
    moves: Sequence[Move],
    closest: Closest | None,
) -> FunctionCounterfactual:
    platform = result.layout.assignments[function]
    ranking = result.by_function[function]
    rival = next((e for e in ranking if e.platform != platform), None)
    smallest = sorted(moves, key=lambda m: m.change.size)[:MOVES_SHOWN]
    return FunctionCounterfactual(
        function=function,
        platform=platform,
        pinned=function in constraints.pin,
        runner_up=rival.platform if rival else None,
        margin=_lead(ranking, platform),
        moves=tuple(smallest),
        closest=closest,
        why_not=tuple(
            why_not(result, function, e.platform) for e in ranking if e.platform != platform
        ),
    )


def _entry(entries: Sequence[PlatformScore], platform: str) -> PlatformScore:
    return next(e for e in entries if e.platform == platform)
