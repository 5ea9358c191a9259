"""From scores and constraints to the recommended layout and its runners-up.

This module states the layout problem (which platforms each function may go to, the site cost,
the synergies from rules.yaml), hands it to the optimiser, and turns the winning assignments
back into explained `Layout` objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gba_advisor.core.errors import NoLayoutError
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.layout import LayoutProblem, Synergy, best_layouts
from gba_advisor.core.rationale import rationale_for
from gba_advisor.core.result import Alternative, Contribution, Layout, Site
from gba_advisor.core.scoring import Scores
from gba_advisor.core.vocabulary import FunctionId

MEAN_RULE = "function_scores"
SITE_RULE = "extra_site_cost"
SYNERGY_RULE = "synergy"


@dataclass(frozen=True, slots=True)
class Constraints:
    """The layout constraints after merging the profile and the command line."""

    max_sites: int | None
    exclude: frozenset[str]
    pin: Mapping[FunctionId, str]


def recommend(
    knowledge_base: KnowledgeBase,
    functions: Sequence[FunctionId],
    scores: Scores,
    constraints: Constraints,
    *,
    explain: bool = True,
) -> tuple[Layout, tuple[Alternative, ...]]:
    """The best layout and the next-best different ones; `NoLayoutError` when none fits.

    `explain=False` leaves out the rationale (which costs a second search) for bulk runs.
    """
    allowed = [_allowed(function, scores, constraints) for function in functions]
    problem = LayoutProblem(
        scores=allowed,
        max_sites=constraints.max_sites,
        site_cost=knowledge_base.rules.layout.extra_site_cost,
        synergies=_synergies(knowledge_base, functions),
    )
    _check_feasible(functions, problem, constraints)
    found = best_layouts(problem, 1 + knowledge_base.rules.layout.alternatives)
    if not found:
        raise NoLayoutError(
            f"no layout fits in at most {constraints.max_sites} site(s) with these constraints",
            hint="raise max_sites, or remove an exclusion or a pin",
        )
    layouts = [_layout(knowledge_base, functions, problem, a, score) for score, a in found]
    best = layouts[0]
    best = Layout(
        best.assignments,
        best.score,
        best.sites,
        best.breakdown,
        rationale_for(knowledge_base, best, layouts[1:], scores, problem) if explain else (),
    )
    alternatives = tuple(Alternative(layout, layout.score - best.score) for layout in layouts[1:])
    return best, alternatives


def _allowed(function: FunctionId, scores: Scores, constraints: Constraints) -> dict[str, float]:
    pinned = constraints.pin.get(function)
    return {
        entry.platform: entry.score
        for entry in scores.by_function[function]
        if entry.excluded_reason is None
        and entry.platform not in constraints.exclude
        and (pinned is None or entry.platform == pinned)
    }


def _check_feasible(
    functions: Sequence[FunctionId], problem: LayoutProblem, constraints: Constraints
) -> None:
    for function, options in zip(functions, problem.scores, strict=True):
        if options:
            continue
        pinned = constraints.pin.get(function)
        if pinned is not None and pinned in constraints.exclude:
            message = f"{function.value} is pinned to {pinned}, which is also excluded"
        elif pinned is not None:
            message = f"{function.value} is pinned to {pinned}, which cannot host it"
        else:
            message = f"no platform left that can host {function.value}"
        raise NoLayoutError(message, hint="remove an exclusion or change the pin")
    pinned_sites = set(constraints.pin.values())
    if constraints.max_sites is not None and len(pinned_sites) > constraints.max_sites:
        raise NoLayoutError(
            f"the pins use {len(pinned_sites)} platforms but max_sites is {constraints.max_sites}",
            hint="raise max_sites or pin fewer functions",
        )


def _synergies(
    knowledge_base: KnowledgeBase, functions: Sequence[FunctionId]
) -> tuple[Synergy, ...]:
    position = {function: index for index, function in enumerate(functions)}
    pairs = []
    for synergy in knowledge_base.rules.layout.synergies:
        first = position.get(synergy.first.function)
        if first is None:
            continue
        for second_function in synergy.second.functions:
            second = position.get(second_function)
            if second is None or second == first:
                continue
            pairs.append(
                Synergy(
                    first, synergy.first.platform, second, synergy.second.platform, synergy.points
                )
            )
    return tuple(pairs)


def _layout(
    knowledge_base: KnowledgeBase,
    functions: Sequence[FunctionId],
    problem: LayoutProblem,
    assignment: Sequence[str],
    score: float,
) -> Layout:
    assignments = dict(zip(functions, assignment, strict=True))
    used = sorted(set(assignment))
    sites = tuple(
        Site(platform, tuple(f for f in functions if assignments[f] == platform))
        for platform in used
    )
    mean = sum(problem.scores[i][p] for i, p in enumerate(assignment)) / len(assignment)
    breakdown = [
        Contribution(
            MEAN_RULE,
            mean,
            f"mean of the {len(functions)} function scores in their chosen platforms",
            (),
            mean / 100.0,
            1.0,
        )
    ]
    if len(used) > 1:
        cost = problem.site_cost * (len(used) - 1)
        breakdown.append(
            Contribution(
                SITE_RULE,
                -cost,
                f"{len(used) - 1} site(s) beyond the first at {problem.site_cost:g} points each "
                "(coordination and set-up cost)",
                (),
                1.0,
                problem.site_cost / 100.0,
            )
        )
    for rule in knowledge_base.rules.layout.synergies:
        realised = [
            f
            for f in rule.second.functions
            if assignments.get(rule.first.function) == rule.first.platform
            and f in assignments
            and f != rule.first.function
            and assignments[f] == rule.second.platform
        ]
        if realised:
            breakdown.append(
                Contribution(
                    f"{SYNERGY_RULE}.{rule.id}",
                    rule.points * len(realised),
                    rule.reason,
                    tuple(rule.sources),
                    1.0,
                    rule.points / 100.0,
                )
            )
    return Layout(assignments, score, sites, tuple(breakdown))
