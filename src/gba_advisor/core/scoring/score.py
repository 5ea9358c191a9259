"""Scoring: turn rule outcomes into 0-100 scores whose points add up, rule by rule.

For one platform and one function, each applicable criterion has a weight w and a value v in
0..1; its points are 100 * w * v / sum(w). Weights depend only on the profile and the function,
never on the platform, so scores are comparable across platforms; a profile that fits a
platform perfectly on every criterion scores 100, so scores are comparable across profiles.

Every number comes from the compiled tables (`tables.py`); the rules in `rules/` write the
reasons, and only when an explanation is asked for. Both paths weigh the same (w, v) terms in
the same order, so a score is the same to the last bit with and without its explanation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import DECIMALS, Contribution, PlatformScore
from gba_advisor.core.scoring.explain import GATE_RULE, Explainer, Term, gated
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.scoring.tables import (
    CRITERIA,
    PlatformTable,
    Tables,
    criterion_weights,
    sector_credit,
    tables_for,
)
from gba_advisor.core.vocabulary import FunctionId, Priority

__all__ = ["GATE_RULE", "Scores", "criterion_weights", "overall_score", "ranked", "score_profile"]

(SECTOR, SECONDARY, FIT, MARKET, HOME, RD_NEEDS, RD_INTENSITY, PRIORITIES) = range(len(CRITERIA))


@dataclass(frozen=True, slots=True)
class Scores:
    """Per-function and overall scores for every platform, sorted best first."""

    by_function: Mapping[FunctionId, tuple[PlatformScore, ...]]
    ranking: tuple[PlatformScore, ...]

    def score(self, function: FunctionId, platform: str) -> PlatformScore:
        for entry in self.by_function[function]:
            if entry.platform == platform:
                return entry
        raise KeyError((function, platform))


@dataclass(frozen=True, slots=True)
class _Weighed:
    """One function's weights for this profile: the same for every platform."""

    function: FunctionId
    criteria: tuple[tuple[int, float], ...]
    """The criteria before R&D intensity that weigh something, with their weights, in order."""
    rd_weight: float
    """The R&D-intensity weight times the profile's factor; 0 when it does not count."""
    priorities: tuple[tuple[Priority, float], ...]
    """Each priority that counts, with its share of the priorities' weight."""


def score_profile(basis: Basis, profile: ResolvedProfile, *, explain: bool = True) -> Scores:
    """Score every platform of the knowledge base for every function of the profile.

    With `explain=False` the scores are the same numbers, computed the same way, but carry no
    contributions: for bulk runs that keep only the ranking and the layout.
    """
    tables = tables_for(basis)
    rating = profile.profile.priorities
    levels = tuple((p, level) for p in tables.scored_priorities if (level := rating.level(p)) > 0)
    factor = tables.rd_factor.get(profile.profile.rd_intensity, 0.0)
    memo = tables.weighed
    weighed = []
    for function in profile.functions:
        key = (function, levels, factor)
        row = memo.get(key)
        if row is None:
            if len(memo) >= _WEIGHED_KEPT:
                memo.clear()
            row = memo[key] = _weighed(tables, function, levels, factor)
        weighed.append(cast(_Weighed, row))
    if not explain:
        return _bare_scores(basis, tables, profile, weighed)
    by_function: dict[FunctionId, list[PlatformScore]] = {f: [] for f in profile.functions}
    for table in tables.platforms:
        shared = _shared_values(basis, table, profile)
        explainer = Explainer(basis, profile, table) if explain else None
        for row in weighed:
            by_function[row.function].append(_score(table, row, shared, explainer))
    ranked_by_function = {f: ranked(entries) for f, entries in by_function.items()}
    overall = ranked(
        overall_score(
            table.platform.id, [ranked_by_function[f] for f in profile.functions], explain
        )
        for table in tables.platforms
    )
    return Scores(ranked_by_function, overall)


_WEIGHED_KEPT = 4096
"""Weights kept per compiled tables: far more than the distinct ratings of a screening run."""


def _bare_scores(
    basis: Basis, tables: Tables, profile: ResolvedProfile, weighed: list[_Weighed]
) -> Scores:
    """`score_profile` without explanations: the same terms, summed in the same order.

    Which terms a function has, their weights and their total depend on the profile alone (a
    criterion is left out for want of input, never for a platform), so they are laid out once
    per function as (slot, 100 * weight) pairs; each platform then fills a row of values by
    slot: the criteria by CRITERIA index, then its priorities. `100.0 * w * v / total` is
    evaluated as `(100.0 * w) * v / total` both ways, so the floats are the same to the bit.
    """
    functions = profile.functions
    shared = [_shared_values(basis, table, profile) for table in tables.platforms]
    present = shared[0]
    slot = {p: PRIORITIES + 1 + i for i, p in enumerate(tables.scored_priorities)}
    plans = []
    for row in weighed:
        terms = [
            (criterion, weight)
            for criterion, weight in row.criteria
            if criterion == FIT or present[criterion] is not None
        ]
        if row.rd_weight > 0:
            terms.append((RD_INTENSITY, row.rd_weight))
        terms.extend((slot[p], weight) for p, weight in row.priorities)
        total = sum([weight for _, weight in terms])
        plans.append((row.function, [(at, 100.0 * weight) for at, weight in terms], total))
    by_function: dict[FunctionId, list[PlatformScore]] = {f: [] for f in functions}
    overall = []
    for table, values in zip(tables.platforms, shared, strict=True):
        platform = table.platform.id
        row_values: list[Any] = [*values, None, *map(table.priority.__getitem__, slot)]
        scores = []
        for function, scaled, total in plans:
            blocked = table.gate.get(function)
            if blocked is not None:
                entry = gated(table.platform, function, blocked)
            elif total <= 0:
                entry = PlatformScore(platform, 0.0, ())
            else:
                row_values[FIT] = table.fit[function]
                score = sum([weight * row_values[at] / total for at, weight in scaled])
                entry = PlatformScore(platform, score, ())
            by_function[function].append(entry)
            scores.append(entry.score)
        overall.append(PlatformScore(platform, sum(scores) / len(functions), ()))
    return Scores({f: ranked(by_function[f]) for f in functions}, ranked(overall))


def _weighed(
    tables: Tables, function: FunctionId, levels: tuple[tuple[Priority, int], ...], factor: float
) -> _Weighed:
    """The function's weights for the profile, each by the rules' own arithmetic.

    A priority's share is the profile's rating times how much it matters to the function (the
    function's multipliers in rules.yaml: space weighs on a factory, research on a lab); the
    priorities the profile rates 0 and those the sources hold no data on do not count.
    """
    weighting = tables.weighting[function]
    weights = weighting.weights
    criteria = tuple((c, weights[c]) for c in range(RD_INTENSITY) if weights[c] > 0)
    # The rule rates R&D intensity at weight 1.0 * factor, then scoring weighs it by the
    # criterion: (1.0 * factor) * w, which is factor * w exactly.
    rd_weight = factor * weights[RD_INTENSITY] if factor > 0 and weights[RD_INTENSITY] > 0 else 0.0
    weight = weights[PRIORITIES]
    if weight <= 0:
        return _Weighed(function, criteria, rd_weight, ())
    multipliers = weighting.multipliers
    shares = {}
    for priority, level in levels:
        if (share := level * multipliers.get(priority, 1.0)) > 0:
            shares[priority] = share
    total = sum(shares.values())
    parts = tuple((p, weight * share / total) for p, share in shares.items()) if total else ()
    return _Weighed(function, criteria, rd_weight, parts)


def _shared_values(
    basis: Basis, table: PlatformTable, profile: ResolvedProfile
) -> tuple[float | None, ...]:
    """The value of every criterion that does not depend on the function, by CRITERIA index;
    None where it does not apply to the profile (no secondary sector, no rated market, no
    R&D need) or depends on the function."""
    sector = sector_credit(table, basis, profile.sector.sector_id)[0]
    secondary: float | None = None
    if profile.secondary_sectors:
        total = 0.0
        for resolution in profile.secondary_sectors:
            total += sector_credit(table, basis, resolution.sector_id)[0]
        secondary = total / len(profile.secondary_sectors)
    unrated = basis.unrated_markets
    wanted = [table.market.get(m, 0.0) for m in profile.target_markets if m not in unrated]
    market = sum(wanted) / len(wanted) if wanted else None
    home = table.home.get(profile.profile.home, 0.0)
    needs = [table.rd_need.get(n, 0.0) for n in profile.rd_needs]
    rd_needs = sum(needs) / len(needs) if needs else None
    return (sector, secondary, None, market, home, rd_needs, table.research)


def _score(
    table: PlatformTable,
    row: _Weighed,
    shared: tuple[float | None, ...],
    explainer: Explainer | None,
) -> PlatformScore:
    """The score as the sum of 100 * w * v / sum(w) over the terms, in the rules' order; the
    builtin `sum` both times, as before, so that the floats are the same to the last bit."""
    function = row.function
    platform = table.platform.id
    blocked = table.gate.get(function)
    if blocked is not None:
        return gated(table.platform, function, blocked)
    terms: list[Term] = []
    for criterion, weight in row.criteria:
        value = table.fit[function] if criterion == FIT else shared[criterion]
        if value is not None:
            terms.append((criterion, None, weight, value))
    if row.rd_weight > 0:
        terms.append((RD_INTENSITY, None, row.rd_weight, table.research))
    priority = table.priority
    terms.extend((PRIORITIES, p, weight, priority[p]) for p, weight in row.priorities)
    total_weight = sum([term[2] for term in terms])
    if total_weight <= 0:
        return PlatformScore(platform, 0.0, ())
    score = sum([100.0 * weight * value / total_weight for _, _, weight, value in terms])
    if explainer is None:
        return PlatformScore(platform, score, ())
    return PlatformScore(platform, score, explainer.contributions(function, terms, total_weight))


def overall_score(
    platform: str, per_function: Sequence[Sequence[PlatformScore]], explain: bool = True
) -> PlatformScore:
    """The mean over functions; contributions are averaged rule by rule."""
    entries = [next(e for e in entries if e.platform == platform) for entries in per_function]
    count = len(entries)
    if not explain:
        return PlatformScore(platform, sum(e.score for e in entries) / count, ())
    merged: dict[str, list[Contribution]] = {}
    for entry in entries:
        for contribution in entry.contributions:
            merged.setdefault(contribution.rule, []).append(contribution)
    contributions = tuple(_mean(rule, parts, count) for rule, parts in merged.items())
    return PlatformScore(platform, sum(e.score for e in entries) / count, contributions)


def _mean(rule: str, parts: list[Contribution], count: int) -> Contribution:
    reasons = list(dict.fromkeys(part.reason for part in parts))
    reason = reasons[0] if len(reasons) == 1 else " | ".join(reasons)
    sources = tuple(dict.fromkeys(s for part in parts for s in part.sources))
    # The builtin sum over lists: the same additions in the same order as over generators.
    return Contribution(
        rule,
        sum([part.points for part in parts]) / count,
        reason,
        sources,
        sum([part.value for part in parts]) / len(parts),
        sum([part.weight for part in parts]) / count,
    )


def ranked(entries: Iterable[PlatformScore]) -> tuple[PlatformScore, ...]:
    """Best first by the score as reported (two decimals), ties broken by platform id."""
    # `rounded` written out: this key runs for every score of every profile.
    return tuple(sorted(entries, key=lambda e: (-(round(e.score, DECIMALS) + 0.0), e.platform)))
