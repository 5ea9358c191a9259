"""Sector fit: does the platform's plan name the enterprise's sector, or a related one?"""

from __future__ import annotations

from collections.abc import Sequence

from gba_advisor.core.kb.schema import Industry
from gba_advisor.core.kb.sectors import SectorIndex
from gba_advisor.core.scoring.rules.base import Context, Outcome, sources_of

SECTOR_FIT = "sector_fit"
SECONDARY_SECTOR_FIT = "secondary_sector_fit"


def sector_fit(ctx: Context, weight: float) -> Outcome:
    """The best credit any of the platform's priority industries gives the main sector."""
    return main_sector_outcome(ctx, weight, *_best_industry(ctx, ctx.profile.sector.sector_id))


def main_sector_outcome(
    ctx: Context, weight: float, value: float, industry: Industry | None
) -> Outcome:
    """The outcome for the main sector, given its credit and the industry that gives it
    (from `_best_industry`, or from the compiled tables when explaining a score)."""
    sector = ctx.profile.sector.sector_id
    index = ctx.basis.knowledge_base.sectors
    name = _name(index, sector)
    if industry is None:
        return Outcome(
            SECTOR_FIT,
            value,
            weight,
            f"{ctx.platform.short_name.en} does not name {name} or a related sector "
            "among its priority industries",
            sources_of(*(i.sources for i in ctx.platform.priority_industries), limit=4),
        )
    return Outcome(
        SECTOR_FIT,
        value,
        weight,
        f"{ctx.platform.short_name.en} names {_name(index, industry.sector)}"
        f"{_relation(index, sector, industry.sector)} among its priority industries",
        tuple(industry.sources),
    )


def secondary_sector_fit(ctx: Context, weight: float) -> Outcome | None:
    """The mean best credit over the secondary sectors; not applicable without any."""
    secondary = ctx.profile.secondary_sectors
    if not secondary:
        return None
    credits = [_best_industry(ctx, resolution.sector_id) for resolution in secondary]
    return secondary_outcome(ctx, weight, credits)


def secondary_outcome(
    ctx: Context, weight: float, credits: Sequence[tuple[float, Industry | None]]
) -> Outcome:
    """The outcome for the secondary sectors, given each one's credit and industry, in the
    profile's order."""
    secondary = ctx.profile.secondary_sectors
    index = ctx.basis.knowledge_base.sectors
    total = 0.0
    named: list[str] = []
    sources: list[tuple[str, ...]] = []
    for resolution, (value, industry) in zip(secondary, credits, strict=True):
        total += value
        if industry is not None:
            named.append(_name(index, resolution.sector_id))
            sources.append(tuple(industry.sources))
    reason = (
        f"{ctx.platform.short_name.en} also covers {', '.join(named)}"
        if named
        else f"{ctx.platform.short_name.en} names none of the secondary sectors"
    )
    return Outcome(
        SECONDARY_SECTOR_FIT, total / len(secondary), weight, reason, sources_of(*sources)
    )


def _best_industry(ctx: Context, sector: str) -> tuple[float, Industry | None]:
    credit = ctx.basis.knowledge_base.rules.sector_match
    index = ctx.basis.knowledge_base.sectors
    best_value, best = 0.0, None
    for industry in ctx.platform.priority_industries:
        value = index.relatedness(sector, industry.sector, credit) * industry.weight
        if value > best_value:
            best_value, best = value, industry
    return best_value, best


def _name(index: SectorIndex, sector_id: str) -> str:
    sector = index.sectors.get(sector_id)
    return sector.name.en if sector else sector_id


def _relation(index: SectorIndex, sector: str, named: str) -> str:
    if sector == named:
        return ""
    if named in index.ancestors.get(sector, ()):
        return f" (which includes {_name(index, sector)})"
    if sector in index.ancestors.get(named, ()):
        return f" (a part of {_name(index, sector)})"
    return f" (a sister sector of {_name(index, sector)})"
