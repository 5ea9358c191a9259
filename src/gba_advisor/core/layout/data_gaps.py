"""Inputs with no data behind them: what a profile asks for that the sources cannot rate.

A target market that no platform rates, or a priority the sources hold nothing on (cost), would
otherwise count 0 for every platform, or the same invented level everywhere, and silently
dilute the criteria that do tell platforms apart. Scoring leaves them out; these warnings say so.
"""

from __future__ import annotations

from collections.abc import Iterator

from gba_advisor.core.kept import keep
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import Warning
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.vocabulary import Market, Priority


def inputs_without_data(basis: Basis, profile: ResolvedProfile) -> Iterator[Warning]:
    """One warning per target market and per rated priority that is not scored for lack of data.

    The warnings depend on the market, or on the priority, its rating and the reason alone:
    each is written once and shared by every result that has it (a screening list repeats
    them on most lines)."""
    for market in profile.target_markets:
        if market in basis.unrated_markets:
            found = _WRITTEN.get(market)
            yield found if found is not None else keep(_WRITTEN, market, _market(market), _KEPT)
    unscored = basis.knowledge_base.rules.unscored_priorities
    if not unscored:
        return
    rated = profile.profile.priorities
    written = rated.model_fields_set
    for priority, name in _PRIORITIES:
        # Only a rating the profile writes asks for something; the default 3 asks nothing.
        if priority in unscored and name in written and (level := rated.level(priority)) > 0:
            key = (priority, level, unscored[priority])
            found = _WRITTEN.get(key)
            yield found if found is not None else keep(_WRITTEN, key, _priority(*key), _KEPT)


def _market(market: Market) -> Warning:
    return Warning(
        "market_without_data",
        f"target market {market.value}: the knowledge base rates no platform's reach to "
        "it, so it is left out of the market gateway instead of counting 0 everywhere",
    )


def _priority(priority: Priority, level: int, why: str) -> Warning:
    return Warning(
        "priority_without_data", f"priority {priority.value} ({level}) is not scored: {why}"
    )


_PRIORITIES = tuple((priority, priority.value) for priority in Priority)
"""In the order of `Priority`, with their field names (read once: this runs per profile)."""
_WRITTEN: dict[object, Warning] = {}
_KEPT = 256
