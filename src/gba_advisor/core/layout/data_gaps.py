"""Inputs with no data behind them: what a profile asks for that the sources cannot rate.

A target market that no platform rates, or a priority the sources hold nothing on (cost), would
otherwise count 0 for every platform, or the same invented level everywhere, and silently
dilute the criteria that do tell platforms apart. Scoring leaves them out; these warnings say so.
"""

from __future__ import annotations

from collections.abc import Iterator

from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import Warning
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.vocabulary import Priority


def inputs_without_data(basis: Basis, profile: ResolvedProfile) -> Iterator[Warning]:
    """One warning per target market and per rated priority that is not scored for lack of data."""
    for market in profile.target_markets:
        if market in basis.unrated_markets:
            yield Warning(
                "market_without_data",
                f"target market {market.value}: the knowledge base rates no platform's reach to "
                "it, so it is left out of the market gateway instead of counting 0 everywhere",
            )
    rated = profile.profile.priorities
    written = rated.model_fields_set
    unscored = basis.knowledge_base.rules.unscored_priorities
    for priority, name in _PRIORITIES:
        # Only a rating the profile writes asks for something; the default 3 asks nothing.
        if name in written and rated.level(priority) > 0 and priority in unscored:
            yield Warning(
                "priority_without_data",
                f"priority {priority.value} ({rated.level(priority)}) is not scored: "
                f"{unscored[priority]}",
            )


_PRIORITIES = tuple((priority, priority.value) for priority in Priority)
"""In the order of `Priority`, with their field names (read once: this runs per profile)."""
