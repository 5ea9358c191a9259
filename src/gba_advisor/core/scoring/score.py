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

from collections.abc import Sequence
from operator import attrgetter

from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import Contribution, PlatformScore
from gba_advisor.core.scoring.bare import bare_scores
from gba_advisor.core.scoring.explain import GATE_RULE, Explainer, Term, gated
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.scoring.tables import PlatformTable, criterion_weights, tables_for
from gba_advisor.core.scoring.terms import (
    FIT,
    PRIORITIES,
    RD_INTENSITY,
    Scores,
    Weighed,
    ranked,
    ratings,
    shared_rows,
    weighed_row,
)
from gba_advisor.core.vocabulary import FunctionId

__all__ = ["GATE_RULE", "Scores", "criterion_weights", "overall_score", "ranked", "score_profile"]


def score_profile(
    basis: Basis, profile: ResolvedProfile, *, explain: bool = True, explain_ranking: bool = True
) -> Scores:
    """Score every platform of the knowledge base for every function of the profile.

    With `explain=False` the scores are the same numbers, computed the same way, but carry no
    contributions: for bulk runs that keep only the ranking and the layout. With
    `explain_ranking=False` only the overall ranking goes without them.
    """
    tables = tables_for(basis)
    if not explain:
        return bare_scores(basis, tables, profile)
    levels, factor = ratings(tables, profile)
    weighed = [weighed_row(tables, f, levels, factor) for f in profile.functions]
    by_function: dict[FunctionId, list[PlatformScore]] = {f: [] for f in profile.functions}
    for table, shared in zip(tables.platforms, shared_rows(basis, tables, profile), strict=True):
        explainer = Explainer(basis, profile, table)
        for row in weighed:
            by_function[row.function].append(_score(table, row, shared, explainer))
    ranked_by_function = {f: ranked(entries) for f, entries in by_function.items()}
    overall = ranked(
        overall_score(
            table.platform.id, [ranked_by_function[f] for f in profile.functions], explain_ranking
        )
        for table in tables.platforms
    )
    return Scores(ranked_by_function, overall)


def _score(
    table: PlatformTable,
    row: Weighed,
    shared: tuple[float | None, ...],
    explainer: Explainer,
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
            parts = merged.get(contribution.rule)
            if parts is None:
                merged[contribution.rule] = [contribution]
            else:
                parts.append(contribution)
    contributions = tuple(_mean(rule, parts, count) for rule, parts in merged.items())
    return PlatformScore(platform, sum(e.score for e in entries) / count, contributions)


_POINTS, _VALUE, _WEIGHT = attrgetter("points"), attrgetter("value"), attrgetter("weight")


def _mean(rule: str, parts: list[Contribution], count: int) -> Contribution:
    # The parts' distinct reasons, joined, and their distinct sources, in first-seen order. A
    # rule other than function fit says the same of a platform for every function, in the same
    # objects (the explainer writes each text once): that common case skips the merging.
    first = parts[0]
    reason, sources = first.reason, first.sources
    for part in parts:
        if part.reason is not reason or part.sources is not sources:
            reasons = list(dict.fromkeys([part.reason for part in parts]))
            reason = reasons[0] if len(reasons) == 1 else " | ".join(reasons)
            sources = tuple(dict.fromkeys([s for part in parts for s in part.sources]))
            break
    else:
        if len(set(sources)) < len(sources):  # cheaper than de-duplicating what has no twins
            sources = tuple(dict.fromkeys(sources))
    # The builtin sum, in the parts' order: the same additions as before (mapped in C, for
    # a profile's forty-odd rules).
    return Contribution(
        rule,
        sum(map(_POINTS, parts)) / count,
        reason,
        sources,
        sum(map(_VALUE, parts)) / len(parts),
        sum(map(_WEIGHT, parts)) / count,
    )
