"""The two or three sentences a consultant reads out: why this layout.

Each sentence is built from numbers the result already holds: for a site, the rule on which the
chosen platform beats the runner-up for that function by most; for the number of sites, the
comparison with the best layout of another shape; for synergies, the rule's own reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.layout import LayoutProblem, best_layouts
from gba_advisor.core.result import Layout, PlatformScore
from gba_advisor.core.scoring import Scores
from gba_advisor.core.vocabulary import FUNCTION_LABELS, FunctionId


def rationale_for(
    knowledge_base: KnowledgeBase,
    layout: Layout,
    others: Sequence[Layout],
    scores: Scores,
    problem: LayoutProblem,
) -> tuple[str, ...]:
    sentences = [
        _site_sentence(knowledge_base, layout, site_index, scores)
        for site_index in range(len(layout.sites))
    ]
    sentences.append(_shape_sentence(knowledge_base, layout, others, problem))
    sentences.extend(
        f"Synergy ({part.points:+.1f}): {part.reason}"
        for part in layout.breakdown
        if part.rule.startswith("synergy.")
    )
    return tuple(sentence for sentence in sentences if sentence)


def label(functions: Sequence[FunctionId]) -> str:
    names = [FUNCTION_LABELS[f] for f in functions]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def short_name(knowledge_base: KnowledgeBase, platform: str) -> str:
    return knowledge_base.platform(platform).short_name.en


def _site_sentence(
    knowledge_base: KnowledgeBase, layout: Layout, site_index: int, scores: Scores
) -> str:
    site = layout.sites[site_index]
    lead = site.functions[0]
    ranking = scores.by_function[lead]
    chosen = scores.score(lead, site.platform)
    rival = next((e for e in ranking if e.platform != site.platform), None)
    name = short_name(knowledge_base, site.platform)
    functions = label(site.functions)
    head = f"{functions[:1].upper()}{functions[1:]} in {name} ({chosen.score:.1f}"
    if rival is None:
        return head + ")."
    gap = chosen.score - rival.score
    rival_name = short_name(knowledge_base, rival.platform)
    if gap >= 0:
        head += f", {gap:.1f} ahead of {rival_name} for {FUNCTION_LABELS[lead]})"
    else:
        head += (
            f", {-gap:.1f} behind {rival_name} for {FUNCTION_LABELS[lead]}, kept for the layout)"
        )
    edge = _edge(chosen, rival).rstrip(". ")
    return f"{head}: {edge}." if edge else head + "."


def _edge(chosen: PlatformScore, rival: PlatformScore) -> str:
    """The reason behind the rule on which `chosen` gains most points over `rival`."""
    theirs = {c.rule: c.points for c in rival.contributions}
    gains = [(c.points - theirs.get(c.rule, 0.0), c.rule, c.reason) for c in chosen.contributions]
    gains.sort(key=lambda g: (-g[0], g[1]))
    if not gains or gains[0][0] <= 0:
        return ""
    return gains[0][2]


def _shape_sentence(
    knowledge_base: KnowledgeBase,
    layout: Layout,
    others: Sequence[Layout],
    problem: LayoutProblem,
) -> str:
    count = len(layout.sites)
    other_shape = next((o for o in others if len(o.sites) != count), None)
    if count == 1:
        if len(layout.assignments) == 1:
            return ""
        if other_shape is None:
            return "Keeping every function in one site beats the alternatives listed below."
        return (
            f"One site beats the best split ({_describe(knowledge_base, other_shape)}) by "
            f"{layout.score - other_shape.score:.1f} points, with no cost for extra sites."
        )
    cost = problem.site_cost * (count - 1)
    text = f"Using {count} sites costs {cost:.1f} points"
    fewer = best_layouts(replace(problem, max_sites=count - 1), 1)
    if fewer:
        score, assignment = fewer[0]
        functions = tuple(layout.assignments)
        text += (
            f"; it still beats the best layout with fewer sites "
            f"({_assigned(knowledge_base, functions, assignment)}, {score:.1f}) "
            f"by {layout.score - score:.1f}"
        )
    return text + "."


def _describe(knowledge_base: KnowledgeBase, layout: Layout) -> str:
    return _assigned(knowledge_base, tuple(layout.assignments), tuple(layout.assignments.values()))


def _assigned(
    knowledge_base: KnowledgeBase, functions: Sequence[FunctionId], assignment: Sequence[str]
) -> str:
    groups: dict[str, list[FunctionId]] = {}
    for function, platform in zip(functions, assignment, strict=True):
        groups.setdefault(platform, []).append(function)
    return "; ".join(
        f"{label(group)} in {short_name(knowledge_base, platform)}"
        for platform, group in sorted(groups.items())
    )
