"""Scoring: turn rule outcomes into 0-100 scores whose points add up, rule by rule.

For one platform and one function, each applicable criterion has a weight w and a value v in
0..1; its points are 100 * w * v / sum(w). Weights depend only on the profile and the function,
never on the platform, so scores are comparable across platforms; a profile that fits a
platform perfectly on every criterion scores 100, so scores are comparable across profiles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from gba_advisor.core.kb.schema import Criterion, Platform, RulesFile
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import Contribution, PlatformScore, rounded
from gba_advisor.core.scoring.rules.base import Basis, Context, Outcome
from gba_advisor.core.scoring.rules.markets import home_affinity, market_gateway
from gba_advisor.core.scoring.rules.placement import function_fit as function_fit_rule
from gba_advisor.core.scoring.rules.placement import gate
from gba_advisor.core.scoring.rules.priorities import priorities
from gba_advisor.core.scoring.rules.research import rd_intensity, rd_needs
from gba_advisor.core.scoring.rules.sector import secondary_sector_fit, sector_fit
from gba_advisor.core.vocabulary import FunctionId

GATE_RULE = "function_gate"

Rule = Callable[[Context, float], Outcome | list[Outcome] | None]

RULES: Mapping[str, Rule] = {
    "sector_fit": sector_fit,
    "secondary_sector_fit": secondary_sector_fit,
    "function_fit": function_fit_rule,
    "market_gateway": market_gateway,
    "home_affinity": home_affinity,
    "rd_needs": rd_needs,
    "rd_intensity": rd_intensity,
    "priorities": priorities,
}
"""Criterion name in rules.yaml -> the rule that rates it, in the order contributions are listed."""

FUNCTION_RULES = frozenset({"function_fit", "priorities"})
"""Criteria whose value depends on the function (the priorities through the function's
multipliers); the others are rated once per platform and only weighted per function."""


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


def criterion_weights(rules: RulesFile, function: FunctionId) -> dict[str, float]:
    """The weight of every criterion when placing `function`.

    The function's row of `by_function` in rules.yaml when it has one: a lab and a factory are
    not weighed alike. Otherwise the default `criteria`, restricted to their `functions`.
    """
    row = rules.by_function.get(function)
    if row is not None:
        return {name: float(getattr(row.weights, name)) for name in RULES}
    weights: dict[str, float] = {}
    for name in RULES:
        criterion: Criterion = getattr(rules.criteria, name)
        applies = criterion.functions is None or function in criterion.functions
        weights[name] = criterion.weight if applies else 0.0
    return weights


def score_profile(basis: Basis, profile: ResolvedProfile, *, explain: bool = True) -> Scores:
    """Score every platform of the knowledge base for every function of the profile.

    With `explain=False` the scores are the same numbers, computed the same way, but carry no
    contributions: for bulk runs that keep only the ranking and the layout.
    """
    rules = basis.knowledge_base.rules
    weights = {f: criterion_weights(rules, f) for f in profile.functions}
    weighed = {name for row in weights.values() for name, weight in row.items() if weight > 0}
    by_function: dict[FunctionId, list[PlatformScore]] = {f: [] for f in profile.functions}
    for platform in basis.knowledge_base.platforms:
        shared = _shared_outcomes(basis, profile, platform, weighed)
        for function in profile.functions:
            entry = _score(basis, profile, platform, function, shared, weights[function], explain)
            by_function[function].append(entry)
    ranked_by_function = {f: ranked(entries) for f, entries in by_function.items()}
    overall = ranked(
        overall_score(platform.id, [ranked_by_function[f] for f in profile.functions], explain)
        for platform in basis.knowledge_base.platforms
    )
    return Scores(ranked_by_function, overall)


def _shared_outcomes(
    basis: Basis, profile: ResolvedProfile, platform: Platform, weighed: set[str]
) -> dict[str, list[Outcome]]:
    """The outcomes, at unit weight, of every criterion whose value does not depend on the
    function and that weighs something for one of the profile's functions.

    They are computed once per platform and weighted for each function: only the criteria in
    FUNCTION_RULES read `Context.function`, the rest depend on the platform and profile alone.
    """
    context = Context(basis, profile, platform, profile.functions[0])
    shared: dict[str, list[Outcome]] = {}
    for name, rule in RULES.items():
        if name in FUNCTION_RULES or name not in weighed:
            continue
        produced = rule(context, 1.0)
        if produced is not None:
            shared[name] = produced if isinstance(produced, list) else [produced]
    return shared


def _score(
    basis: Basis,
    profile: ResolvedProfile,
    platform: Platform,
    function: FunctionId,
    shared: dict[str, list[Outcome]],
    weights: Mapping[str, float],
    explain: bool = True,
) -> PlatformScore:
    context = Context(basis, profile, platform, function)
    blocked = gate(context)
    if blocked is not None:
        fit = platform.functions.get(function)
        sources = tuple(fit.sources) if fit else ()
        reason = f"cannot host {function.value}: {blocked}"
        return PlatformScore(
            platform.id, 0.0, (Contribution(GATE_RULE, 0.0, reason, sources, 0.0, 0.0),), blocked
        )
    outcomes: list[Outcome] = []
    for name, rule in RULES.items():
        weight = weights[name]
        if weight <= 0:
            continue
        if name in FUNCTION_RULES:
            produced = rule(context, weight)
            if produced is not None:
                outcomes.extend(produced if isinstance(produced, list) else (produced,))
        else:
            outcomes.extend(
                Outcome(o.rule, o.value, o.weight * weight, o.reason, o.sources)
                for o in shared.get(name, ())
            )
    if not explain:
        return PlatformScore(platform.id, _total(outcomes), ())
    return PlatformScore(platform.id, *_points(outcomes))


def _total(outcomes: Sequence[Outcome]) -> float:
    """The score `_points` gives, by the same arithmetic in the same order, without the parts."""
    total_weight = sum(outcome.weight for outcome in outcomes)
    if total_weight <= 0:
        return 0.0
    return sum(100.0 * o.weight * o.value / total_weight for o in outcomes)


def _points(outcomes: Sequence[Outcome]) -> tuple[float, tuple[Contribution, ...]]:
    total_weight = sum(outcome.weight for outcome in outcomes)
    if total_weight <= 0:
        return 0.0, ()
    contributions = tuple(
        Contribution(
            rule=o.rule,
            points=100.0 * o.weight * o.value / total_weight,
            reason=o.reason,
            sources=o.sources,
            value=o.value,
            weight=o.weight / total_weight,
        )
        for o in outcomes
    )
    return sum(c.points for c in contributions), contributions


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
    return Contribution(
        rule,
        sum(part.points for part in parts) / count,
        reason,
        sources,
        sum(part.value for part in parts) / len(parts),
        sum(part.weight for part in parts) / count,
    )


def ranked(entries: Iterable[PlatformScore]) -> tuple[PlatformScore, ...]:
    """Best first by the score as reported (two decimals), ties broken by platform id."""
    return tuple(sorted(entries, key=lambda e: (-rounded(e.score), e.platform)))
