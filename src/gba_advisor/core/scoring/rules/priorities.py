"""Priorities: what the enterprise cares about, weighed against the platform's strengths.

A platform's value on a priority is its effective level (baseline plus incentives in force)
relative to the best platform's. Normalising by the best keeps the property consultants rely
on: raising a priority never lowers the score of the platform that is strongest on it, because
that platform's value on it (1.0) is at least as high as on any other criterion.

The priorities share their block's weight in proportion to the profile's rating times the
function's multiplier; scoring works out the shares (`terms.weighed`), this module the
values and their reasons, compiled once per knowledge base and date (`tables.py`).
"""

from __future__ import annotations

from gba_advisor.core.kb.schema import Incentive, Platform
from gba_advisor.core.scoring.rules.base import Basis, Outcome, sources_of
from gba_advisor.core.vocabulary import Priority

PRIORITY = "priority"


def rated(basis: Basis, platform: Platform, priority: Priority) -> Outcome:
    """The platform's value on a priority and why, at weight 0; depends on the basis alone,
    so the scoring tables compile it once per knowledge base and date."""
    standing = basis.standings[platform.id]
    level = standing.levels[priority]
    best = basis.best[priority]
    strength = platform.strengths.get(priority)
    boosting = [i for i in standing.in_force if i.boosts.get(priority, 0) > 0]
    cap = basis.knowledge_base.rules.strength_cap
    parts = [f"{priority.value} {level}/{cap} (best {best}/{cap})"]
    if strength is not None:
        parts.append(strength.reason.rstrip("."))
    if boosting:
        parts.append("in force: " + ", ".join(_dated(i) for i in boosting))
    lapsed = [i for i in standing.expired if i.boosts.get(priority, 0) > 0]
    ended = [i for i in lapsed if not i.end_unverified]
    unverified = [i for i in lapsed if i.end_unverified]
    if ended:
        parts.append("expired: " + ", ".join(_dated(i) for i in ended))
    if unverified:
        parts.append(
            "past the assumed end, not counted: " + ", ".join(_dated(i) for i in unverified)
        )
    return Outcome(
        f"{PRIORITY}.{priority.value}",
        level / best if best else 0.0,
        0.0,
        "; ".join(parts),
        sources_of(strength.sources if strength else (), *(i.sources for i in boosting)),
    )


def _dated(incentive: Incentive) -> str:
    until = incentive.valid_until
    if incentive.end_unverified:
        assumed = incentive.assumed_until
        end = f"end unverified, assumed {assumed}" if assumed else "end unverified"
        return f"{incentive.title} ({end})"
    return f"{incentive.title} (until {until})" if until else incentive.title
