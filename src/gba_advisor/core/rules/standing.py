"""Which incentives are in force on a date, and the strengths they give each platform."""

from __future__ import annotations

import datetime as dt

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Incentive, Platform
from gba_advisor.core.rules.base import Basis, PlatformStanding
from gba_advisor.core.vocabulary import Priority

MAX_LEVEL = 5


def is_expired(incentive: Incentive, as_of: dt.date) -> bool:
    until = incentive.valid_until
    return isinstance(until, dt.date) and until < as_of


def is_pending(incentive: Incentive, as_of: dt.date) -> bool:
    return incentive.valid_from is not None and incentive.valid_from > as_of


def standing_of(platform: Platform, as_of: dt.date) -> PlatformStanding:
    """Baseline strengths plus the boosts of incentives in force on `as_of`, capped at 5."""
    in_force = tuple(
        i for i in platform.incentives if not is_expired(i, as_of) and not is_pending(i, as_of)
    )
    levels = {}
    for priority in Priority:
        base = platform.strengths[priority].level if priority in platform.strengths else 0
        boost = sum(incentive.boosts.get(priority, 0) for incentive in in_force)
        levels[priority] = min(MAX_LEVEL, base + boost)
    return PlatformStanding(
        levels=levels,
        in_force=in_force,
        expired=tuple(i for i in platform.incentives if is_expired(i, as_of)),
        not_yet=tuple(i for i in platform.incentives if is_pending(i, as_of)),
    )


def basis_for(knowledge_base: KnowledgeBase, as_of: dt.date) -> Basis:
    """Everything date-dependent about a knowledge base, computed once per run."""
    standings = {p.id: standing_of(p, as_of) for p in knowledge_base.platforms}
    best = {
        priority: max(standing.levels[priority] for standing in standings.values())
        for priority in Priority
    }
    return Basis(knowledge_base, as_of, standings, best)
