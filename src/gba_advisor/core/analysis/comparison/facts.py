"""The facts of platforms side by side, as the knowledge base writes them on a date.

Each fact is a row across the compared platforms: whether it differs, which platforms lead on
a fact with a scale, and which entries of a list not every platform has. Strengths count the
incentives in force on the as-of date, as the scoring does (`standing_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from gba_advisor.core.analysis.incentive_validity import validity
from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Platform
from gba_advisor.core.result.model import rounded
from gba_advisor.core.scoring.rules.standing import standing_of
from gba_advisor.core.vocabulary import FunctionId, IncentiveKind, Market, Priority


class Section(StrEnum):
    """A group of facts, in the order a comparison shows them."""

    OVERVIEW = "overview"
    PARTNERS = "partner_economies"
    INDUSTRIES = "priority_industries"
    FUNCTIONS = "functions"
    STRENGTHS = "strengths"
    INCENTIVES = "incentives"
    PLANS = "plans"


RANKED = frozenset({Section.PARTNERS, Section.FUNCTIONS, Section.STRENGTHS})
"""Sections whose facts are levels on a scale where more is better, so a row has leaders."""
LISTED = frozenset({Section.INDUSTRIES, Section.INCENTIVES, Section.PLANS})
"""Sections whose cells are lists, where an entry some platforms lack is worth marking."""


@frozen
class Item:
    """One entry of a fact (an industry, an incentive, a plan) for one platform."""

    key: str
    """What identifies the entry across platforms (a sector id, an incentive id...)."""
    text: str
    shared: bool
    """Every compared platform has an entry with this key."""
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "text": self.text,
            "shared": self.shared,
            "sources": list(self.sources),
        }


@frozen
class Cell:
    """One fact of one platform: its entries and, for a fact on a scale, its level."""

    items: tuple[Item, ...]
    level: float | None = None

    @property
    def text(self) -> str:
        return "\n".join(item.text for item in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "level": None if self.level is None else rounded(self.level),
            "items": [item.to_dict() for item in self.items],
        }


@frozen
class FactRow:
    """One fact across the compared platforms."""

    section: Section
    key: str
    cells: Mapping[str, Cell]
    """Platform id -> its cell, in the comparison's platform order."""
    differs: bool
    leaders: tuple[str, ...] = ()
    """For a fact on a scale that differs: the platforms with the highest level."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section.value,
            "key": self.key,
            "differs": self.differs,
            "leaders": list(self.leaders),
            "platforms": {platform: cell.to_dict() for platform, cell in self.cells.items()},
        }


def fact_rows(
    kb: KnowledgeBase, platforms: Sequence[Platform], as_of: dt.date
) -> Iterable[FactRow]:
    sector_names = {sid: sector.name.en for sid, sector in kb.sectors.sectors.items()}
    yield _row(Section.OVERVIEW, "name", platforms, lambda p: _one(f"{p.name.en} ({p.name.zh})"))
    yield _row(Section.OVERVIEW, "city", platforms, lambda p: _one(p.city.en))
    yield _row(Section.OVERVIEW, "area", platforms, _area)
    yield _row(Section.OVERVIEW, "positioning", platforms, _positioning)
    for market in Market:
        if any(market in p.partner_economies for p in platforms):
            yield _row(Section.PARTNERS, market.value, platforms, _partner(market))
    yield _row(Section.INDUSTRIES, "industries", platforms, _industries(sector_names))
    for function in FunctionId:
        yield _row(Section.FUNCTIONS, function.value, platforms, _function(function))
    cap = kb.rules.strength_cap
    standings = {p.id: standing_of(p, as_of, cap).levels for p in platforms}
    for priority in Priority:
        yield _row(
            Section.STRENGTHS, priority.value, platforms, _strength(priority, standings, cap)
        )
    for kind in IncentiveKind:
        if any(i.kind is kind for p in platforms for i in p.incentives):
            yield _row(Section.INCENTIVES, kind.value, platforms, _incentives(kind, as_of))
    yield _row(Section.PLANS, "plans", platforms, _plans)


CellOf = Callable[[Platform], Cell]


def _row(section: Section, key: str, platforms: Sequence[Platform], cell_of: CellOf) -> FactRow:
    """A row with `shared` worked out across the platforms, and its difference and leaders."""
    raw = {platform.id: cell_of(platform) for platform in platforms}
    key_sets = [{item.key for item in cell.items} for cell in raw.values()]
    common = set.intersection(*key_sets) if key_sets else set()
    cells = {
        platform: Cell(
            tuple(
                Item(item.key, item.text, item.key in common, item.sources) for item in cell.items
            ),
            cell.level,
        )
        for platform, cell in raw.items()
    }
    signatures = {(cell.level, cell.text) for cell in cells.values()}
    differs = len(signatures) > 1
    leaders: tuple[str, ...] = ()
    if differs and section in RANKED:
        best = max(cell.level or 0.0 for cell in cells.values())
        leaders = tuple(p for p, cell in cells.items() if (cell.level or 0.0) == best)
    return FactRow(section, key, cells, differs, leaders)


def _one(text: str, key: str = "", sources: Sequence[str] = (), level: float | None = None) -> Cell:
    return Cell((Item(key or text, text, False, tuple(sources)),), level)


def _area(platform: Platform) -> Cell:
    area = platform.area
    return _one(f"{area.km2:g} km²", sources=area.sources, level=area.km2)


def _positioning(platform: Platform) -> Cell:
    return Cell(tuple(Item(f.text, f.text, False, tuple(f.sources)) for f in platform.positioning))


def _partner(market: Market) -> CellOf:
    def cell(platform: Platform) -> Cell:
        rated = platform.partner_economies.get(market)
        if rated is None:
            return Cell((), 0.0)
        return _one(f"{rated.level:.1f}", market.value, rated.sources, rated.level)

    return cell


def _industries(sector_names: Mapping[str, str]) -> CellOf:
    def cell(platform: Platform) -> Cell:
        ordered = sorted(platform.priority_industries, key=lambda i: (-i.weight, i.sector))
        return Cell(
            tuple(
                Item(
                    i.sector,
                    sector_names.get(i.sector, i.sector)
                    + ("" if i.weight >= 1.0 else f" ({i.weight:g})"),
                    False,
                    tuple(i.sources),
                )
                for i in ordered
            )
        )

    return cell


def _function(function: FunctionId) -> CellOf:
    def cell(platform: Platform) -> Cell:
        fit = platform.functions.get(function)
        if fit is None:
            return Cell((), 0.0)
        return _one(f"{fit.fit}/5", function.value, fit.sources, float(fit.fit))

    return cell


def _strength(priority: Priority, levels: Mapping[str, Mapping[Priority, int]], cap: int) -> CellOf:
    def cell(platform: Platform) -> Cell:
        level = levels[platform.id][priority]
        strength = platform.strengths.get(priority)
        sources = strength.sources if strength else ()
        return _one(f"{level}/{cap}", priority.value, sources, float(level))

    return cell


def _incentives(kind: IncentiveKind, as_of: dt.date) -> CellOf:
    def cell(platform: Platform) -> Cell:
        return Cell(
            tuple(
                Item(i.id, f"{i.title} ({validity(i, as_of)})", False, tuple(i.sources))
                for i in platform.incentives
                if i.kind is kind
            )
        )

    return cell


def _plans(platform: Platform) -> Cell:
    return Cell(
        tuple(
            Item(
                plan.title, f"{plan.title} ({plan.issuer}, {plan.date})", False, tuple(plan.sources)
            )
            for plan in platform.plans
        )
    )
