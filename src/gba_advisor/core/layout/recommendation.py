"""From scores and constraints to the recommended layout and its runners-up.

This module states the layout problem (which platforms each function may go to, the site cost,
the synergies from rules.yaml), hands it to the optimiser, and turns the winning assignments
back into explained `Layout` objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.layout.constraints import LayoutConstraints
from gba_advisor.core.layout.infeasible import check_feasible, no_layout_fits, plural
from gba_advisor.core.layout.optimiser import LayoutProblem, Synergy, best_layouts
from gba_advisor.core.layout.rationale import rationale_for
from gba_advisor.core.result.model import Alternative, Contribution, Layout, PlatformScore, Site
from gba_advisor.core.scoring.score import Scores
from gba_advisor.core.vocabulary import FunctionId

MEAN_RULE = "function_scores"
SITE_RULE = "extra_site_cost"
SYNERGY_RULE = "synergy"


def mark_excluded(scores: Scores, constraints: LayoutConstraints) -> Scores:
    """The scores with every platform the constraints exclude marked so, for the reader."""
    if not constraints.exclude:
        return scores

    def marked(entries: tuple[PlatformScore, ...]) -> tuple[PlatformScore, ...]:
        return tuple(
            replace(e, excluded_by_constraint=True) if e.platform in constraints.exclude else e
            for e in entries
        )

    return Scores(
        by_function={f: marked(entries) for f, entries in scores.by_function.items()},
        ranking=marked(scores.ranking),
    )


def recommend(
    knowledge_base: KnowledgeBase,
    functions: Sequence[FunctionId],
    scores: Scores,
    constraints: LayoutConstraints,
    *,
    explain: bool = True,
    compact: bool = False,
    explain_alternatives: bool = True,
) -> tuple[Layout, tuple[Alternative, ...]]:
    """The best layout and the next-best different ones; `NoLayoutError` when none fits.

    `explain=False` leaves out the rationale (which costs a second search) for bulk runs;
    `compact=True` also the runners-up and the layout's breakdown, for lines that show neither
    (the best layout is the same: the search returns the best first whatever it keeps);
    `explain_alternatives=False` leaves out the runners-up's breakdowns alone.
    """
    allowed = [_allowed(function, scores, constraints) for function in functions]
    problem = LayoutProblem(
        scores=allowed,
        max_sites=constraints.max_sites,
        site_cost=knowledge_base.rules.layout.extra_site_cost,
        synergies=_synergies(knowledge_base, functions),
    )
    check_feasible(functions, scores, problem, constraints)
    found = best_layouts(problem, 1 if compact else 1 + knowledge_base.rules.layout.alternatives)
    if not found:
        raise no_layout_fits(constraints)
    if compact:
        return _placed(functions, found[0][1], found[0][0]), ()
    layouts = [
        _layout(knowledge_base, functions, problem, a, score)
        if index == 0 or explain_alternatives
        else _placed(functions, a, score)
        for index, (score, a) in enumerate(found)
    ]
    best = layouts[0]
    if explain:
        why = rationale_for(knowledge_base, best, layouts[1:], scores, problem, constraints.pin)
        best = replace(best, rationale=why)
    alternatives = tuple(Alternative(layout, layout.score - best.score) for layout in layouts[1:])
    return best, alternatives


def _allowed(
    function: FunctionId, scores: Scores, constraints: LayoutConstraints
) -> dict[str, float]:
    pinned = constraints.pin.get(function)
    return {
        entry.platform: entry.score
        for entry in scores.by_function[function]
        if entry.excluded_reason is None
        and entry.platform not in constraints.exclude
        and (pinned is None or entry.platform == pinned)
    }


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


def _placed(functions: Sequence[FunctionId], assignment: Sequence[str], score: float) -> Layout:
    """The layout without its breakdown: where each function goes, the sites, the score."""
    assignments = dict(zip(functions, assignment, strict=True))
    sites = tuple(
        Site(platform, tuple(f for f in functions if assignments[f] == platform))
        for platform in sorted(set(assignment))
    )
    return Layout(assignments, score, sites, ())


def _layout(
    knowledge_base: KnowledgeBase,
    functions: Sequence[FunctionId],
    problem: LayoutProblem,
    assignment: Sequence[str],
    score: float,
) -> Layout:
    placed = _placed(functions, assignment, score)
    assignments = placed.assignments
    used = [site.platform for site in placed.sites]
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
                f"{len(used) - 1} {plural(len(used) - 1, 'site')} beyond the first at "
                f"{problem.site_cost:g} points each (coordination and set-up cost)",
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
    return Layout(assignments, score, placed.sites, tuple(breakdown))
