"""Market gateway and home-region affinity: whom the platform is built to connect."""

from __future__ import annotations

from gba_advisor.core.rules.base import Context, Outcome, sources_of

MARKET_GATEWAY = "market_gateway"
HOME_AFFINITY = "home_affinity"


def market_gateway(ctx: Context, weight: float) -> Outcome | None:
    """The mean of the platform's gateway levels over the target markets."""
    markets = ctx.profile.target_markets
    if not markets:
        return None
    partners = ctx.platform.partner_economies
    levels = [(market, partners[market].level if market in partners else 0.0) for market in markets]
    value = sum(level for _, level in levels) / len(levels)
    listing = ", ".join(f"{market.value} {level:.1f}" for market, level in levels)
    strongest = max(levels, key=lambda item: item[1])
    reason = f"gateway to the target markets ({listing})"
    if strongest[1] > 0:
        reason += f"; {partners[strongest[0]].reason}"
    sources = sources_of(*(partners[m].sources for m, _ in levels if m in partners))
    return Outcome(MARKET_GATEWAY, value, weight, reason, sources)


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
