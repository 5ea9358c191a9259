"""What a rule sees and what it returns.

A rule rates one platform for one function on one criterion: a value from 0 to 1, the weight
the criterion carries for this profile, a one-line reason and the sources of the facts used.
Scoring turns weights into points; rules never see other platforms' values except through the
`Basis` (which holds knowledge-base-wide maxima, fixed for a knowledge base and a date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Incentive, Platform, Rated
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.vocabulary import FunctionId, Market, Priority


@frozen
class Outcome:
    """One criterion's verdict on one platform for one function."""

    rule: str
    value: float
    """0..1: how well the platform meets the criterion."""
    weight: float
    """Relative weight for this profile; scoring normalises weights to 100 points."""
    reason: str
    sources: tuple[str, ...]


@frozen
class PlatformStanding:
    """A platform's effective strengths on a date: baseline plus incentives in force."""

    levels: Mapping[Priority, int]
    in_force: tuple[Incentive, ...]
    expired: tuple[Incentive, ...]


@frozen
class Basis:
    """Facts about a knowledge base on a date that every profile is scored against."""

    knowledge_base: KnowledgeBase
    as_of: dt.date
    standings: Mapping[str, PlatformStanding]
    best: Mapping[Priority, int]
    """Highest effective level of any platform on each priority (normalises priority values)."""
    unrated_markets: frozenset[Market] = frozenset()
    """Markets no platform rates: the sources say nothing about reaching them."""


@frozen
class Context:
    """What a rule may read: the basis, the profile, the platform and the function."""

    basis: Basis
    profile: ResolvedProfile
    platform: Platform
    function: FunctionId

    @property
    def standing(self) -> PlatformStanding:
        return self.basis.standings[self.platform.id]


def sources_of(*groups: Iterable[str], limit: int = 8) -> tuple[str, ...]:
    """Distinct source ids in first-seen order, at most `limit`."""
    seen: dict[str, None] = {}
    for group in groups:
        for source in group:
            seen.setdefault(source, None)
    return tuple(seen)[:limit]


def mean_rating(
    rule: str,
    what: str,
    wanted: Sequence[StrEnum],
    ratings: Mapping[Any, Rated],
    weight: float,
) -> Outcome | None:
    """The mean level of `ratings` over what the profile wants (absent counts 0), and why.

    The reason lists each level and quotes the best-rated fact; `None` when nothing is wanted.
    """
    if not wanted:
        return None
    levels = [(item, ratings[item].level if item in ratings else 0.0) for item in wanted]
    listing = ", ".join(f"{item.value} {level:.1f}" for item, level in levels)
    reason = f"{what} ({listing})"
    best, best_level = max(levels, key=lambda pair: pair[1])
    if best_level > 0:
        reason += f"; {ratings[best].reason}"
    sources = sources_of(*(ratings[item].sources for item, _ in levels if item in ratings))
    return Outcome(rule, sum(level for _, level in levels) / len(levels), weight, reason, sources)
