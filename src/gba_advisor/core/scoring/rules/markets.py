"""Market gateway and home-region affinity: whom the platform is built to connect."""

from __future__ import annotations

from gba_advisor.core.scoring.rules.base import Context, Outcome, mean_rating

MARKET_GATEWAY = "market_gateway"
HOME_AFFINITY = "home_affinity"


def market_gateway(ctx: Context, weight: float) -> Outcome | None:
    """The mean of the platform's gateway levels over the target markets that any platform
    rates; a market none rates has no data behind it and is left out (the result warns)."""
    unrated = ctx.basis.unrated_markets
    return mean_rating(
        MARKET_GATEWAY,
        "gateway to the target markets",
        [market for market in ctx.profile.target_markets if market not in unrated],
        ctx.platform.partner_economies,
        weight,
    )


def home_affinity(ctx: Context, weight: float) -> Outcome:
    home = ctx.profile.profile.home
    entry = ctx.platform.home_affinity.get(home)
    if entry is None:
        return Outcome(
            HOME_AFFINITY,
            0.0,
            weight,
            f"{ctx.platform.short_name.en} has no particular role for {home.value} enterprises",
            (),
        )
    return Outcome(HOME_AFFINITY, entry.level, weight, entry.reason, tuple(entry.sources))
