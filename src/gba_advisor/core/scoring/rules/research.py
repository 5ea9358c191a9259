"""R&D: the needs the platform serves, and research strength weighed by R&D intensity."""

from __future__ import annotations

from gba_advisor.core.scoring.rules.base import Context, Outcome, mean_rating
from gba_advisor.core.vocabulary import Priority

RD_NEEDS = "rd_needs"
RD_INTENSITY = "rd_intensity"


def rd_needs(ctx: Context, weight: float) -> Outcome | None:
    """The mean level at which the platform serves the profile's R&D needs."""
    return mean_rating(
        RD_NEEDS, "serves the R&D needs", ctx.profile.rd_needs, ctx.platform.rd_needs, weight
    )


def rd_intensity(ctx: Context, weight: float) -> Outcome | None:
    """Research strength relative to the best platform, weighted by how R&D-heavy the firm is."""
    factor = ctx.basis.knowledge_base.rules.rd_intensity_factor.get(
        ctx.profile.profile.rd_intensity, 0.0
    )
    if factor <= 0:
        return None
    level = ctx.standing.levels[Priority.RESEARCH]
    best = ctx.basis.best[Priority.RESEARCH]
    strength = ctx.platform.strengths.get(Priority.RESEARCH)
    cap = ctx.basis.knowledge_base.rules.strength_cap
    reason = (
        f"{ctx.profile.profile.rd_intensity.value} R&D intensity weighs research strength "
        f"{level}/{cap} (best {best}/{cap})"
    )
    if strength is not None:
        reason += f": {strength.reason}"
    return Outcome(
        RD_INTENSITY,
        level / best if best else 0.0,
        weight * factor,
        reason,
        tuple(strength.sources) if strength else (),
    )
