"""Scores without explanations, for bulk runs: the same terms as `score`, summed in the same
order, laid out once per function instead of once per platform and function.

Which terms a function has, their weights and their total depend on the profile alone (a
criterion is left out for want of input, never for a platform), so a function's plan is a list
of (slot, 100 * weight) pairs and the total; each platform then fills a row of values by slot:
the criteria by CRITERIA index, then its priorities. `100.0 * w * v / total` is evaluated as
`(100.0 * w) * v / total` both ways, so the floats are the same to the bit (tested).
"""

from __future__ import annotations

from typing import Any

from gba_advisor.core.kept import keep
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import PlatformScore
from gba_advisor.core.scoring.explain import gated
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.scoring.tables import PLANS_KEPT, PlatformTable, Tables, remembered
from gba_advisor.core.scoring.terms import (
    FIT,
    MARKET,
    PRIORITIES,
    RD_INTENSITY,
    RD_NEEDS,
    SECONDARY,
    Levels,
    Scores,
    priority_parts,
    ranked,
    ratings,
    rd_weight,
    shared_rows,
)
from gba_advisor.core.vocabulary import FunctionId, Priority

Plan = tuple[FunctionId, list[tuple[int, float]], float]
"""A function, its terms as (slot in a platform's row of values, 100 * weight), their total."""


def bare_scores(basis: Basis, tables: Tables, profile: ResolvedProfile) -> Scores:
    """Every platform's score for every function of the profile, and overall, without
    contributions (a gated platform keeps the one that says why)."""
    functions = profile.functions
    levels, factor = ratings(tables, profile)
    shared = shared_rows(basis, tables, profile)
    first = shared[0]
    present = (first[SECONDARY] is not None, first[MARKET] is not None, first[RD_NEEDS] is not None)
    plans = [_plan(tables, f, levels, factor, present) for f in functions]
    by_function: dict[FunctionId, list[PlatformScore]] = {f: [] for f in functions}
    overall = []
    for (table, platform, priorities), values in zip(_platforms(tables), shared, strict=True):
        row: list[Any] = [*values, None, *priorities]
        scores = []
        for function, scaled, total in plans:
            blocked = table.gate.get(function)
            if blocked is not None:
                entry = _gated(tables, table, function, blocked)
            elif total <= 0:
                entry = PlatformScore(platform, 0.0, ())
            else:
                row[FIT] = table.fit[function]
                entry = PlatformScore(platform, sum([w * row[at] / total for at, w in scaled]), ())
            by_function[function].append(entry)
            scores.append(entry.score)
        overall.append(PlatformScore(platform, sum(scores) / len(functions), ()))
    return Scores({f: ranked(by_function[f]) for f in functions}, ranked(overall))


def _platforms(tables: Tables) -> list[tuple[PlatformTable, str, tuple[float, ...]]]:
    """Each platform's table, id and priority values (in the slots after the criteria)."""
    return remembered(
        tables,
        ("platforms",),
        lambda: [
            (table, table.platform.id, tuple(table.priority[p] for p in tables.scored_priorities))
            for table in tables.platforms
        ],
    )


def _plan(
    tables: Tables,
    function: FunctionId,
    levels: Levels,
    factor: float,
    present: tuple[bool, bool, bool],
) -> Plan:
    """The function's terms for ratings `levels` and `factor` when the profile has (or not) a
    secondary sector, a rated market and an R&D need; memoised with the tables.

    The weights are the explained path's (`terms.weighed`, by the same functions), laid out by
    slot: the criteria the profile gives a value for, R&D intensity, then the priorities' parts,
    summed by the builtin `sum` in that order. A screening list repeats some ratings, but half
    of a varied one's plans are new: they are kept apart from the tables' other memo, which
    they would otherwise empty every thousand profiles or so.
    """
    key = (function, levels, factor, present)
    plans = tables.plans
    found = plans.get(key)
    if found is not None:
        return found
    terms, slot = _head(tables, function, factor, present)
    if levels:
        parts = priority_parts(tables.weighting[function], levels)
        terms = [*terms, *[(slot[p], weight) for p, weight in parts]]
    total = sum([weight for _, weight in terms])
    plan = (function, [(at, 100.0 * weight) for at, weight in terms], total)
    return keep(plans, key, plan, PLANS_KEPT)


Head = tuple[list[tuple[int, float]], dict[Priority, int]]
"""A function's terms before the priorities, and where each priority's value sits in a row."""


def _head(
    tables: Tables, function: FunctionId, factor: float, present: tuple[bool, bool, bool]
) -> Head:
    """The function's weighed criteria that the profile gives a value for, then R&D intensity
    when it counts; with the priorities' slots. Memoised with the tables: a few hundred at
    most, by function, R&D factor and presence."""

    def build() -> Head:
        given = {SECONDARY: present[0], MARKET: present[1], RD_NEEDS: present[2]}
        weighting = tables.weighting[function]
        terms = [(c, weight) for c, weight in weighting.criteria if given.get(c, True)]
        rd = rd_weight(weighting, factor)
        if rd > 0:
            terms.append((RD_INTENSITY, rd))
        return terms, _priority_slots(tables)

    return remembered(tables, ("head", function, factor, present), build)


def _priority_slots(tables: Tables) -> dict[Priority, int]:
    """Where each scored priority's value sits in a platform's row: after the criteria."""
    return remembered(
        tables,
        ("slots",),
        lambda: {p: PRIORITIES + 1 + i for i, p in enumerate(tables.scored_priorities)},
    )


def _gated(
    tables: Tables, table: PlatformTable, function: FunctionId, blocked: str
) -> PlatformScore:
    key = ("gated", table.platform.id, function)
    return remembered(tables, key, lambda: gated(table.platform, function, blocked))
