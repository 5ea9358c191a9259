"""Platforms side by side: where their facts differ and, for a profile, who wins each criterion.

One pure function, `compare_platforms`, serves the `compare` command and the explorer's
side-by-side view, so both mark the same differences and name the same winners. The facts come
from the knowledge base as written (incentives judged on the as-of date); the fit to a profile
comes from an `AdvisorResult` that `Advisor.advise` produced. Nothing is re-scored here: a
criterion's points are the ones `match` reports, read back from the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from gba_advisor.core.errors import InputError, Location
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Incentive, Platform
from gba_advisor.core.result.model import SCHEMA_VERSION, AdvisorResult, PlatformScore, rounded
from gba_advisor.core.scoring.rules.standing import is_expired, is_pending, standing_of
from gba_advisor.core.scoring.score import GATE_RULE
from gba_advisor.core.source.suggest import closest
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


class FitKind(StrEnum):
    OVERALL = "overall"
    FUNCTION = "function"
    CRITERION = "criterion"


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class FitRow:
    """One score (overall, one function's, or one criterion's points) across the platforms."""

    kind: FitKind
    key: str
    """`overall`, a function id, or a rule id such as `sector_fit` or `priority.tax`."""
    points: Mapping[str, float]
    """The score (overall, function) or the criterion's points, exactly as `match` reports."""
    values: Mapping[str, float]
    """For a criterion: its value 0..1 per platform; empty otherwise."""
    blocked: Mapping[str, str]
    """For a function: why a platform cannot host it (its score is then 0)."""
    winners: tuple[str, ...]
    """The platforms with the most points (several when tied)."""

    @property
    def differs(self) -> bool:
        """The platforms' points differ as reported (two decimals)."""
        return len({rounded(value) for value in self.points.values()}) > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "differs": self.differs,
            "key": self.key,
            "points": {p: rounded(v) for p, v in self.points.items()},
            "values": {p: rounded(v) for p, v in self.values.items()},
            "blocked": dict(self.blocked),
            "winners": list(self.winners),
        }


@dataclass(frozen=True, slots=True)
class ProfileFit:
    """How the compared platforms fit one profile, read from that profile's result."""

    name: str
    rank: Mapping[str, int]
    """Position of each compared platform in the full overall ranking (1 = best)."""
    rows: tuple[FitRow, ...]
    layout: Mapping[str, tuple[FunctionId, ...]]
    """Functions the recommended layout puts in each compared platform."""
    layout_score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": self.name,
            "rank": dict(self.rank),
            "layout": {p: [f.value for f in fs] for p, fs in self.layout.items()},
            "layout_score": rounded(self.layout_score),
            "rows": [row.to_dict() for row in self.rows],
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    platforms: tuple[str, ...]
    names: Mapping[str, str]
    """Platform id -> short English name."""
    as_of: dt.date
    knowledge_base_version: str
    facts: tuple[FactRow, ...]
    fit: ProfileFit | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "as_of": self.as_of.isoformat(),
            "knowledge_base": {"version": self.knowledge_base_version},
            "platforms": [{"id": p, "name": self.names[p]} for p in self.platforms],
            "facts": [row.to_dict() for row in self.facts],
            "fit": None if self.fit is None else self.fit.to_dict(),
        }


def compare_platforms(
    knowledge_base: KnowledgeBase,
    as_of: dt.date,
    platform_ids: Sequence[str] = (),
    result: AdvisorResult | None = None,
) -> Comparison:
    """Compare `platform_ids` (all platforms when empty), and their fit to `result`'s profile.

    Raises `InputError` (with a suggestion) for an id the knowledge base does not know.
    """
    chosen = select_platforms(knowledge_base, platform_ids)
    platforms = [knowledge_base.platform(platform_id) for platform_id in chosen]
    fit = None
    if result is not None:
        if result.as_of != as_of:
            raise ValueError("the result was computed for another date than the comparison")
        fit = profile_fit(result, chosen)
    return Comparison(
        platforms=chosen,
        names={p.id: p.short_name.en for p in platforms},
        as_of=as_of,
        knowledge_base_version=knowledge_base.version,
        facts=tuple(_facts(knowledge_base, platforms, as_of)),
        fit=fit,
    )


def select_platforms(knowledge_base: KnowledgeBase, platform_ids: Sequence[str]) -> tuple[str, ...]:
    """The ids to compare in the order given, without repeats; every known id when none."""
    known = knowledge_base.platform_ids
    if not platform_ids:
        return known
    for platform_id in platform_ids:
        if platform_id not in known:
            raise InputError(
                f"unknown platform `{platform_id}`",
                location=Location("command line", field="PLATFORM"),
                hint=f"known platforms: {', '.join(known)}",
                suggestion=closest(platform_id, known),
            )
    return tuple(dict.fromkeys(platform_ids))


def _facts(kb: KnowledgeBase, platforms: Sequence[Platform], as_of: dt.date) -> Iterable[FactRow]:
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


def validity(incentive: Incentive, as_of: dt.date) -> str:
    """Whether an incentive is in force on `as_of`, and between which dates, in a few words."""
    start, until = incentive.valid_from, incentive.valid_until
    if is_pending(incentive, as_of):
        if start is None:
            return f"announced {incentive.announced}, not yet counted"
        return f"from {start}, not yet in force"
    if is_expired(incentive, as_of):
        if incentive.end_unverified:
            return f"end unverified, past its assumed end {incentive.assumed_until}: not counted"
        return f"ended {until}"
    if incentive.end_unverified:
        end = "end unverified"
    elif until is None:
        end = "open-ended"
    else:
        end = f"until {until}"
    return f"in force since {start}, {end}" if start else f"in force, {end}"


def profile_fit(result: AdvisorResult, platforms: Sequence[str]) -> ProfileFit:
    """The compared platforms' scores in `result`, row by row, with the winner of each row."""
    overall = {entry.platform: entry for entry in result.ranking}
    rows = [_score_row(FitKind.OVERALL, "overall", [overall[p] for p in platforms])]
    for function, entries in result.by_function.items():
        by_id = {entry.platform: entry for entry in entries}
        rows.append(_score_row(FitKind.FUNCTION, function.value, [by_id[p] for p in platforms]))
    rules = dict.fromkeys(
        c.rule for p in platforms for c in overall[p].contributions if c.rule != GATE_RULE
    )
    for rule in rules:
        found = {p: _contribution(overall[p], rule) for p in platforms}
        points = {p: points for p, (points, _) in found.items()}
        rows.append(
            FitRow(
                FitKind.CRITERION,
                rule,
                points,
                {p: value for p, (_, value) in found.items()},
                {},
                _winners(points),
            )
        )
    sites = {site.platform: site.functions for site in result.layout.sites}
    position = {entry.platform: index for index, entry in enumerate(result.ranking, 1)}
    return ProfileFit(
        name=result.profile.name,
        rank={p: position[p] for p in platforms},
        rows=tuple(rows),
        layout={p: sites.get(p, ()) for p in platforms},
        layout_score=result.layout.score,
    )


def _score_row(kind: FitKind, key: str, entries: Sequence[PlatformScore]) -> FitRow:
    points = {entry.platform: entry.score for entry in entries}
    blocked = {e.platform: e.excluded_reason for e in entries if e.excluded_reason is not None}
    return FitRow(kind, key, points, {}, blocked, _winners(points))


def _contribution(entry: PlatformScore, rule: str) -> tuple[float, float]:
    for contribution in entry.contributions:
        if contribution.rule == rule:
            return contribution.points, contribution.value
    return 0.0, 0.0


def _winners(points: Mapping[str, float]) -> tuple[str, ...]:
    """The platforms with the most points as reported (two decimals); none when nobody scores."""
    best = max((rounded(value) for value in points.values()), default=0.0)
    if best <= 0:
        return ()
    return tuple(p for p, value in points.items() if rounded(value) == best)
