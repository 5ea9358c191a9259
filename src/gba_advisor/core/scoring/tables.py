"""The knowledge base on a date, compiled into plain per-platform tables that scoring reads.

Every number a rule would derive from the pydantic models for one platform (a sector's credit,
a market's gateway level, a priority's level relative to the best platform, a function's fit)
depends on the knowledge base and the as-of date alone, not on the profile. Compiling them once
turns scoring a profile into a few lookups and sums per platform and function.

Each value is computed here by the very expression the rule in `rules/` uses, so that the
scores are the same to the last bit (the tests compare both over thousands of profiles).

The compiled tables are memoised here, outside the frozen `Basis` and `KnowledgeBase`, keyed by
the identity of the objects they were built from. The platform tables and the weights are kept
apart because the robustness analysis re-weighs the rules thousands of times on the same
platforms: only the small weight table is then rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field
from typing import TypeVar, cast

from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.schema import Criterion, Platform, RulesFile
from gba_advisor.core.kept import KeptBy, keep
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.scoring.rules.placement import MAX_FIT, gate
from gba_advisor.core.scoring.rules.priorities import rated
from gba_advisor.core.vocabulary import FunctionId, Home, Market, Priority, RdIntensity, RdNeed

T = TypeVar("T")

CRITERIA = (
    "sector_fit",
    "secondary_sector_fit",
    "function_fit",
    "market_gateway",
    "home_affinity",
    "rd_needs",
    "rd_intensity",
    "priorities",
)
"""The criteria of rules.yaml in the order contributions are listed."""

NO_INDUSTRY = -1
"""In a sector-credit entry: no priority industry of the platform credits the sector."""


@frozen
class PlatformTable:
    """One platform's numbers on one date, each ready to be weighed."""

    platform: Platform
    sector: Mapping[str, tuple[float, int]]
    """Sector id -> (best credit any priority industry gives it, that industry's index or
    NO_INDUSTRY): the exact, broader, narrower or sister sector credit times the weight."""
    market: Mapping[Market, float]
    """Gateway level per rated market (a market not listed counts 0)."""
    home: Mapping[Home, float]
    rd_need: Mapping[RdNeed, float]
    research: float
    """Research strength on the date relative to the best platform's (the R&D-intensity value)."""
    priority: Mapping[Priority, float]
    """Effective level (baseline, incentives in force, cap) relative to the best platform's."""
    priority_reason: Mapping[Priority, tuple[str, tuple[str, ...]]]
    """Why each priority value, and on what sources: the text of `rules.priorities.rated`."""
    fit: Mapping[FunctionId, float]
    """Fit for each function, 0..1; a function missing here is gated."""
    gate: Mapping[FunctionId, str]
    """Why the platform cannot host a function, for each function it cannot host."""


@frozen
class Weighting:
    """How one function weighs the criteria and the profile's priorities."""

    weights: tuple[float, ...]
    """Criterion weight in CRITERIA order."""
    multipliers: Mapping[Priority, float]
    """How much each priority's rating counts for the function (1 when not listed)."""
    criteria: tuple[tuple[int, float], ...]
    """The criteria before R&D intensity that weigh something (weight above 0), by CRITERIA
    index, with their weights, in order."""


@frozen
class Tables:
    """Everything scoring reads, for one knowledge base on one date."""

    platforms: tuple[PlatformTable, ...]
    weighting: Mapping[FunctionId, Weighting]
    rd_factor: Mapping[RdIntensity, float]
    scored_priorities: tuple[Priority, ...]
    """The priorities the sources hold data on, in the order of `Priority`."""
    memo: dict[tuple[object, ...], object] = field(default_factory=dict, compare=False)
    """Scoring's memo of what depends on these tables and a profile's ratings alone (`terms`,
    `bare`): a screening list repeats the same few ratings thousands of times. Read it with
    `remembered`."""
    plans: dict[tuple[object, ...], tuple[FunctionId, list[tuple[int, float]], float]] = field(
        default_factory=dict, compare=False
    )
    """Bare scoring's plans by function and ratings (`bare._plan`), apart from `memo`."""


_MISSING = object()
MEMO_KEPT = 1024
"""Entries kept in a compiled table's memo, cleared when full, so memory stays flat."""
PLANS_KEPT = 1024
"""Plans kept (`Tables.plans`), cleared when full. A list that repeats a few ratings keeps them
all; a varied one finds a third of its plans here with 1,024 entries and barely more with 4,096,
which cost each batch worker 4 MiB more."""


def remembered(tables: Tables, key: tuple[object, ...], build: Callable[[], T]) -> T:
    """`build()`, made once for these tables and `key` (which must name what it builds)."""
    memo = tables.memo
    found = memo.get(key, _MISSING)
    if found is not _MISSING:
        return cast(T, found)
    made = build()
    keep(memo, key, made, MEMO_KEPT)
    return made


def tables_for(basis: Basis) -> Tables:
    """The compiled tables of `basis`, built on first use and then reused."""
    return _BY_BASIS.get(basis, _compile)


def _compile(basis: Basis) -> Tables:
    kb = basis.knowledge_base
    rules = kb.rules
    # A basis's standings and best levels follow from the platforms, the cap and the date
    # (`basis_for`), so every Advisor on the same knowledge base and date (one per batch
    # partition) shares one compiled form: it costs some 20 ms, mostly the sector credits.
    platforms = _memo(
        _PLATFORMS,
        (kb.platforms, kb.sectors, rules.sector_match),
        (rules.strength_cap, basis.as_of),
        lambda: tuple(_platform_table(basis, p) for p in kb.platforms),
    )
    weighting = _memo(_WEIGHTS, (rules.criteria, rules.by_function), (), lambda: _weighting(rules))
    scored = tuple(p for p in Priority if p not in rules.unscored_priorities)
    return Tables(platforms, weighting, rules.rd_intensity_factor, scored)


def criterion_weights(rules: RulesFile, function: FunctionId) -> dict[str, float]:
    """The weight of every criterion when placing `function`.

    The function's row of `by_function` in rules.yaml when it has one: a lab and a factory are
    not weighed alike. Otherwise the default `criteria`, restricted to their `functions`.
    """
    row = rules.by_function.get(function)
    if row is not None:
        return {name: float(getattr(row.weights, name)) for name in CRITERIA}
    weights: dict[str, float] = {}
    for name in CRITERIA:
        criterion: Criterion = getattr(rules.criteria, name)
        applies = criterion.functions is None or function in criterion.functions
        weights[name] = criterion.weight if applies else 0.0
    return weights


def _weighting(rules: RulesFile) -> dict[FunctionId, Weighting]:
    table = {}
    for function in FunctionId:
        weights = criterion_weights(rules, function)
        row = rules.by_function.get(function)
        multipliers = dict(row.priorities) if row is not None else {}
        row_weights = tuple(weights[name] for name in CRITERIA)
        weighing = tuple(
            (c, row_weights[c]) for c in range(CRITERIA.index("rd_intensity")) if row_weights[c] > 0
        )
        table[function] = Weighting(row_weights, multipliers, weighing)
    return table


def _platform_table(basis: Basis, platform: Platform) -> PlatformTable:
    kb = basis.knowledge_base
    standing = basis.standings[platform.id]
    research_best = basis.best[Priority.RESEARCH]
    priority, reasons = {}, {}
    for item in Priority:
        outcome = rated(basis, platform, item)
        priority[item] = outcome.value
        reasons[item] = (outcome.reason, outcome.sources)
    gates = {}
    for function in FunctionId:
        blocked = gate(platform, function)
        if blocked is not None:
            gates[function] = blocked
    return PlatformTable(
        platform=platform,
        sector=kb.sectors.credits(platform.priority_industries, kb.rules.sector_match),
        market={market: rated_.level for market, rated_ in platform.partner_economies.items()},
        home={home: rated_.level for home, rated_ in platform.home_affinity.items()},
        rd_need={need: rated_.level for need, rated_ in platform.rd_needs.items()},
        research=(standing.levels[Priority.RESEARCH] / research_best if research_best else 0.0),
        priority=priority,
        priority_reason=reasons,
        fit={f: fit.fit / MAX_FIT for f, fit in platform.functions.items() if f not in gates},
        gate=gates,
    )


def sector_credit(table: PlatformTable, basis: Basis, sector: str) -> tuple[float, int]:
    """A sector's credit from the table; computed on the spot for a sector it does not list."""
    entry = table.sector.get(sector)
    return entry if entry is not None else _sector_credit(basis, table.platform, sector)


def _sector_credit(basis: Basis, platform: Platform, sector: str) -> tuple[float, int]:
    """The best credit any priority industry gives `sector`, as `rules.sector` computes it."""
    credit = basis.knowledge_base.rules.sector_match
    index = basis.knowledge_base.sectors
    best_value, best = 0.0, NO_INDUSTRY
    for position, industry in enumerate(platform.priority_industries):
        value = index.relatedness(sector, industry.sector, credit) * industry.weight
        if value > best_value:
            best_value, best = value, position
    return best_value, best


_Entry = tuple[tuple[object, ...], tuple[object, ...], object]
_PLATFORMS: dict[tuple[object, ...], _Entry] = {}
_WEIGHTS: dict[tuple[object, ...], _Entry] = {}
_KEPT = 8
"""Compiled forms kept per kind: a run uses one, robustness a few at a time."""
_BY_BASIS: KeptBy[Basis, Tables] = KeptBy(_KEPT)
"""The tables of each recent basis."""


def _memo(
    cache: dict[tuple[object, ...], _Entry],
    sources: tuple[object, ...],
    values: tuple[object, ...],
    build: Callable[[], T],
) -> T:
    """`build()`, reused while the `sources` are the very same objects and `values` equal.

    The entry holds the sources themselves, so an id is never matched by a newer object that
    reuses the address of a collected one.
    """
    key = (*map(id, sources), *values)
    entry = cache.get(key)
    if entry is not None and all(a is b for a, b in zip(entry[0], sources, strict=True)):
        return entry[2]  # type: ignore[return-value]
    built = build()
    if len(cache) >= _KEPT:
        del cache[next(iter(cache))]
    cache[key] = (sources, values, built)
    return built
