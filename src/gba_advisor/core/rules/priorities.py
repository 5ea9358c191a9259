"""Priorities: what the enterprise cares about, weighed against the platform's strengths.

A platform's value on a priority is its effective level (baseline plus incentives in force)
relative to the best platform's. Normalising by the best keeps the property consultants rely
on: raising a priority never lowers the score of the platform that is strongest on it, because
that platform's value on it (1.0) is at least as high as on any other criterion.
"""

from __future__ import annotations

from gba_advisor.core.rules.base import Context, Outcome, sources_of
from gba_advisor.core.vocabulary import Priority

PRIORITY = "priority"


def priorities(ctx: Context, weight: float) -> list[Outcome]:
    """One outcome per priority the profile rates above 0; the block shares `weight`."""
    rated = ctx.profile.profile.priorities
    total = sum(rated.level(priority) for priority in Priority)
    if total == 0:
        return []
    return [
        _one(ctx, priority, weight * rated.level(priority) / total)
        for priority in Priority
        if rated.level(priority) > 0
    ]


def _one(ctx: Context, priority: Priority, weight: float) -> Outcome:
    key = (PRIORITY, ctx.platform.id, priority)
    cached = ctx.basis.memo.get(key)
    if not isinstance(cached, Outcome):
        cached = _rated(ctx, priority)
        ctx.basis.memo[key] = cached
    return Outcome(cached.rule, cached.value, weight, cached.reason, cached.sources)


def _rated(ctx: Context, priority: Priority) -> Outcome:
    """The platform's value on a priority and why; depends on the basis alone."""
    standing = ctx.standing
    level = standing.levels[priority]
    best = ctx.basis.best[priority]
    strength = ctx.platform.strengths.get(priority)
    boosting = [i for i in standing.in_force if i.boosts.get(priority, 0) > 0]
    parts = [f"{priority.value} {level}/5 (best {best}/5)"]
    if strength is not None:
        parts.append(strength.reason)
    if boosting:
        parts.append("in force: " + ", ".join(_dated(i.title, i.valid_until) for i in boosting))
    lapsed = [i for i in standing.expired if i.boosts.get(priority, 0) > 0]
    if lapsed:
        parts.append("expired: " + ", ".join(_dated(i.title, i.valid_until) for i in lapsed))
    return Outcome(
        f"{PRIORITY}.{priority.value}",
        level / best if best else 0.0,
        0.0,
        "; ".join(parts),
        sources_of(strength.sources if strength else (), *(i.sources for i in boosting)),
    )


def _dated(title: str, until: object) -> str:
    return f"{title} (until {until})" if until else title
