"""Robustness: how often the recommendation survives plausible changes of its judgements.

A recommendation rests on two kinds of judgement: the client's priorities (whole numbers 0-5,
each of which the client could as well have rated one higher or lower) and the rule weights
in rules.yaml (the advisor's own). Each draw moves every one of them at random within the
plausible ranges below, re-runs the unchanged core (`score_profile` and `recommend`) on the
moved inputs, and records where each function goes. The shares are exact counts over a seeded
`random.Random`, so the same seed gives the same numbers; a platform better than the others on
every criterion keeps its function in every draw, whatever the weights.

The rank-reversal check answers the classic objection to additive scoring with normalised
values: removing a platform that was not chosen re-runs the whole knowledge base without it
(priority values are relative to the best platform, so that can move them) and reports every
function whose winner changes.

The plausible ranges are those of `perturbation.PlausibleRanges`.
"""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from gba_advisor.core.analysis.perturbation import (
    DEFAULT_RANGES,
    PlausibleRanges,
    perturb_profile,
    perturb_rules,
)
from gba_advisor.core.analysis.settings import DEFAULT_DRAWS, DEFAULT_SEED
from gba_advisor.core.frozen import frozen
from gba_advisor.core.layout.constraints import LayoutConstraints
from gba_advisor.core.layout.pipeline import place
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import Layout
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.scoring.rules.standing import basis_for
from gba_advisor.core.scoring.score import Scores, score_profile
from gba_advisor.core.vocabulary import FunctionId

__all__ = [
    "DEFAULT_RANGES",
    "PlausibleRanges",
    "Robustness",
    "perturb_profile",
    "perturb_rules",
    "robustness",
]

SHARE_DECIMALS = 4
ALTERNATIVES_SHOWN = 3

Assignment = tuple[str, ...]
KeyT = TypeVar("KeyT", str, Assignment)


@frozen
class FunctionRobustness:
    """How often one function of the recommended layout stays where it is."""

    function: FunctionId
    platform: str
    kept: float
    """Share of draws whose best layout puts the function on `platform`."""
    first: float
    """Share of draws in which `platform` ranks first for the function on its own."""
    alternative: str | None
    """The platform the function goes to most often when it moves."""
    alternative_share: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "kept": _share(self.kept),
            "first": _share(self.first),
            "alternative": self.alternative,
            "alternative_share": _share(self.alternative_share),
        }


@frozen
class LayoutShare:
    """A layout other than the recommended one and how often it won a draw."""

    assignments: Mapping[FunctionId, str]
    share: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "assignments": {f.value: p for f, p in self.assignments.items()},
            "share": _share(self.share),
        }


@frozen
class Reversal:
    """Removing a platform that was not chosen changed a winner: the rank reversal it shows."""

    removed: str
    function: FunctionId
    kind: str
    """`layout` (where the layout puts the function) or `first` (which platform ranks first)."""
    before: str
    after: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "removed": self.removed,
            "function": self.function.value,
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
        }


@frozen
class Robustness:
    """The robustness of one recommendation under plausible changes of its judgements."""

    draws: int
    seed: int
    ranges: PlausibleRanges
    layout_kept: float
    """Share of draws whose best layout is the recommended one."""
    functions: tuple[FunctionRobustness, ...]
    alternatives: tuple[LayoutShare, ...]
    """The layouts that won the other draws, most frequent first."""
    removal_checked: tuple[str, ...]
    """The platforms not in the layout that were each removed in turn."""
    reversals: tuple[Reversal, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "draws": self.draws,
            "seed": self.seed,
            "ranges": self.ranges.to_dict(),
            "layout_kept": _share(self.layout_kept),
            "functions": {r.function.value: r.to_dict() for r in self.functions},
            "alternatives": [a.to_dict() for a in self.alternatives],
            "rank_reversal": {
                "removed": list(self.removal_checked),
                "reversals": [r.to_dict() for r in self.reversals],
            },
        }


def robustness(
    basis: Basis,
    profile: ResolvedProfile,
    constraints: LayoutConstraints,
    layout: Layout,
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    ranges: PlausibleRanges = DEFAULT_RANGES,
) -> Robustness:
    """Re-run the recommendation `draws` times on perturbed judgements and count what holds."""
    functions = profile.functions
    chosen = tuple(layout.assignments[f] for f in functions)
    rng = random.Random(seed)
    layouts: Counter[Assignment] = Counter()
    firsts: Counter[tuple[FunctionId, str]] = Counter()
    for _ in range(draws):
        trial_profile = perturb_profile(profile, rng, ranges)
        trial_basis = perturb_rules(basis, rng, ranges)
        # Only where the functions go and who ranks first are read: no explanations.
        trial = place(trial_basis, trial_profile, constraints, compact=True)
        layouts[tuple(trial.layout.assignments[f] for f in functions)] += 1
        firsts.update((f, trial.scores.by_function[f][0].platform) for f in functions)
    total = max(draws, 1)
    checked, reversals = rank_reversals(basis, profile, constraints, layout)
    return Robustness(
        draws=draws,
        seed=seed,
        ranges=ranges,
        layout_kept=layouts[chosen] / total,
        functions=tuple(
            _function_share(f, index, chosen[index], layouts, firsts, total)
            for index, f in enumerate(functions)
        ),
        alternatives=tuple(
            LayoutShare(dict(zip(functions, assignment, strict=True)), count / total)
            for assignment, count in _most_common(layouts)
            if assignment != chosen
        )[:ALTERNATIVES_SHOWN],
        removal_checked=checked,
        reversals=reversals,
    )


def rank_reversals(
    basis: Basis, profile: ResolvedProfile, constraints: LayoutConstraints, layout: Layout
) -> tuple[tuple[str, ...], tuple[Reversal, ...]]:
    """Remove each platform the layout does not use, re-run, and list every changed winner."""
    knowledge_base = basis.knowledge_base
    used = set(layout.assignments.values())
    before = score_profile(basis, profile, explain=False)
    checked = tuple(sorted(p for p in knowledge_base.platform_ids if p not in used))
    reversals: list[Reversal] = []
    for removed in checked:
        remaining = tuple(p for p in knowledge_base.platforms if p.id != removed)
        smaller = dataclasses.replace(knowledge_base, platforms=remaining)
        trial_basis = basis_for(smaller, basis.as_of)
        trial = place(trial_basis, profile, constraints, compact=True)
        reversals.extend(
            _changes(removed, profile.functions, layout, trial.layout, before, trial.scores)
        )
    return checked, tuple(reversals)


def _changes(
    removed: str,
    functions: Sequence[FunctionId],
    layout: Layout,
    best: Layout,
    before: Scores,
    after: Scores,
) -> list[Reversal]:
    found = []
    for function in functions:
        if best.assignments[function] != layout.assignments[function]:
            found.append(
                Reversal(
                    removed,
                    function,
                    "layout",
                    layout.assignments[function],
                    best.assignments[function],
                )
            )
        was = next(e.platform for e in before.by_function[function] if e.platform != removed)
        now = after.by_function[function][0].platform
        if was != now:
            found.append(Reversal(removed, function, "first", was, now))
    return found


def _function_share(
    function: FunctionId,
    index: int,
    platform: str,
    layouts: Counter[Assignment],
    firsts: Counter[tuple[FunctionId, str]],
    total: int,
) -> FunctionRobustness:
    elsewhere: Counter[str] = Counter()
    kept = 0
    for assignment, count in layouts.items():
        if assignment[index] == platform:
            kept += count
        else:
            elsewhere[assignment[index]] += count
    alternative = _most_common(elsewhere)[0] if elsewhere else None
    return FunctionRobustness(
        function=function,
        platform=platform,
        kept=kept / total,
        first=firsts[(function, platform)] / total,
        alternative=alternative[0] if alternative else None,
        alternative_share=alternative[1] / total if alternative else 0.0,
    )


def _most_common(counts: Counter[KeyT]) -> list[tuple[KeyT, int]]:
    """Most frequent first, ties broken by the key, so that the order is deterministic."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _share(value: float) -> float:
    return round(value, SHARE_DECIMALS) + 0.0
