"""Which incentives are in force on a date, and the strengths they give each platform."""

from __future__ import annotations

import datetime as dt

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Incentive, Platform
from gba_advisor.core.scoring.rules.base import Basis, PlatformStanding
from gba_advisor.core.vocabulary import Market, Priority


def is_expired(incentive: Incentive, as_of: dt.date) -> bool:
    """Ended by `as_of`; an unverified end counts as its commonly assumed end."""
    until = incentive.counted_until
    return until is not None and until < as_of


def is_pending(incentive: Incentive, as_of: dt.date) -> bool:
    """Not yet in force on `as_of`; an undated measure counts from when it was announced."""
    start = incentive.valid_from or incentive.announced
    return start is not None and start > as_of


def standing_of(platform: Platform, as_of: dt.date, cap: int) -> PlatformStanding:
    """Baseline strengths plus the boosts of incentives in force on `as_of`, capped at `cap`."""
    in_force = tuple(
        i for i in platform.incentives if not is_expired(i, as_of) and not is_pending(i, as_of)
    )
    levels = {}
    for priority in Priority:
        base = platform.strengths[priority].level if priority in platform.strengths else 0
        boost = sum(incentive.boosts.get(priority, 0) for incentive in in_force)
        levels[priority] = min(cap, base + boost)
    return PlatformStanding(
        levels=levels,
        in_force=in_force,
        expired=tuple(i for i in platform.incentives if is_expired(i, as_of)),
    )


def basis_for(knowledge_base: KnowledgeBase, as_of: dt.date) -> Basis:
    """Everything date-dependent about a knowledge base, computed once per run."""
    cap = knowledge_base.rules.strength_cap
    standings = {p.id: standing_of(p, as_of, cap) for p in knowledge_base.platforms}
    best = {
        priority: max(standing.levels[priority] for standing in standings.values())
        for priority in Priority
    }
    rated = {market for p in knowledge_base.platforms for market in p.partner_economies}
    unrated = frozenset(market for market in Market if market not in rated)
    return Basis(knowledge_base, as_of, standings, best, unrated)
