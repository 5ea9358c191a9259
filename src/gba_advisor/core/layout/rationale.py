"""The two or three sentences a consultant reads out: why this layout.

Each sentence is built from numbers the result already holds: for a site, the rule on which the
chosen platform beats the runner-up for that function by most; for the number of sites, the
comparison with the best layout of another shape; for synergies, the rule's own reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.layout.optimiser import LayoutProblem, Ranked, best_layouts
from gba_advisor.core.result.model import Layout, PlatformScore, Site
from gba_advisor.core.scoring.score import Scores
from gba_advisor.core.vocabulary import FUNCTION_LABELS, FunctionId


def rationale_for(
    knowledge_base: KnowledgeBase,
    layout: Layout,
    others: Sequence[Layout],
    scores: Scores,
    problem: LayoutProblem,
    pin: Mapping[FunctionId, str] | None = None,
) -> tuple[str, ...]:
    """Why `layout`, in sentences; a constraint that decided a placement is named as such."""
    context = _Context(knowledge_base, layout, scores, problem, pin or {}, _unlimited(problem))
    sentences = [_site_sentence(context, site) for site in layout.sites]
    sentences.append(_shape_sentence(context, others))
    sentences.extend(
        f"Synergy ({part.points:+.1f}): {part.reason}"
        for part in layout.breakdown
        if part.rule.startswith("synergy.")
    )
    return tuple(sentence for sentence in sentences if sentence)


@frozen
class _Context:
    knowledge_base: KnowledgeBase
    layout: Layout
    scores: Scores
    problem: LayoutProblem
    pin: Mapping[FunctionId, str]
    unlimited: Ranked | None
    """The best layout without `max_sites`, when the limit changed it (else None)."""

    def free_platform(self, function: FunctionId) -> str | None:
        """Where `function` would go without `max_sites`, when the limit moved it."""
        if self.unlimited is None:
            return None
        index = list(self.layout.assignments).index(function)
        platform = self.unlimited[1][index]
        return platform if platform != self.layout.assignments[function] else None


def _unlimited(problem: LayoutProblem) -> Ranked | None:
    """The best layout without the `max_sites` limit, if it differs from the best with it."""
    if problem.max_sites is None:
        return None
    limited = best_layouts(problem, 1)
    free = best_layouts(replace(problem, max_sites=None), 1)
    if not free or not limited or free[0][1] == limited[0][1]:
        return None
    return free[0]


def label(functions: Sequence[FunctionId]) -> str:
    names = [FUNCTION_LABELS[f] for f in functions]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def short_name(knowledge_base: KnowledgeBase, platform: str) -> str:
    return knowledge_base.platform(platform).short_name.en


def _site_sentence(context: _Context, site: Site) -> str:
    kb, scores = context.knowledge_base, context.scores
    lead = site.functions[0]
    chosen = scores.score(lead, site.platform)
    allowed = context.problem.scores[list(context.layout.assignments).index(lead)]
    rival = next(
        (
            e
            for e in scores.by_function[lead]
            if e.platform != site.platform and e.platform in allowed
        ),
        None,
    )
    functions = label(site.functions)
    head = f"{functions[:1].upper()}{functions[1:]} in {short_name(kb, site.platform)} "
    head += f"({chosen.score:.1f}"
    if context.pin.get(lead) == site.platform:
        head += f", pinned to it by the profile{_excluded_better(kb, scores, lead, chosen)})"
        return head + "."
    if rival is None:
        return head + _excluded_better(kb, scores, lead, chosen) + ")."
    gap = chosen.score - rival.score
    rival_name = short_name(kb, rival.platform)
    if gap >= 0:
        head += f", {gap:.1f} ahead of {rival_name} for {FUNCTION_LABELS[lead]}"
    else:
        head += f", {-gap:.1f} behind {rival_name} for {FUNCTION_LABELS[lead]}, "
        head += _why_kept(context, site, lead, rival.platform)
    head += _excluded_better(kb, scores, lead, chosen) + ")"
    edge = _edge(chosen, rival).rstrip(". ")
    return f"{head}: {edge}." if edge else head + "."


def _why_kept(context: _Context, site: Site, lead: FunctionId, rival: str) -> str:
    """Why a function stays on a platform that scores less for it than an allowed one."""
    limit = context.problem.max_sites
    free = context.free_platform(lead)
    if limit is None or free is None:
        used = {s.platform for s in context.layout.sites}
        if rival not in used and len(site.functions) > 1:
            return f"kept with {label(site.functions[1:])} to save a site"
        return "kept for the layout"
    if len(site.functions) > 1:
        return f"max_sites {limit} keeps them together"
    return f"max_sites {limit} leaves no site for it in {short_name(context.knowledge_base, free)}"


def _excluded_better(
    knowledge_base: KnowledgeBase, scores: Scores, function: FunctionId, chosen: PlatformScore
) -> str:
    """A note on the best excluded platform, when it would have scored more."""
    better = next(
        (
            e
            for e in scores.by_function[function]
            if e.excluded_by_constraint and e.excluded_reason is None and e.score > chosen.score
        ),
        None,
    )
    if better is None:
        return ""
    name = short_name(knowledge_base, better.platform)
    return f"; {name} would score {better.score - chosen.score:.1f} more but is excluded"


def _edge(chosen: PlatformScore, rival: PlatformScore) -> str:
    """The reason behind the rule on which `chosen` gains most points over `rival`."""
    theirs = {c.rule: c.points for c in rival.contributions}
    gains = [(c.points - theirs.get(c.rule, 0.0), c.rule, c.reason) for c in chosen.contributions]
    gains.sort(key=lambda g: (-g[0], g[1]))
    if not gains or gains[0][0] <= 0:
        return ""
    return gains[0][2]


def _shape_sentence(context: _Context, others: Sequence[Layout]) -> str:
    knowledge_base, layout, problem = context.knowledge_base, context.layout, context.problem
    count = len(layout.sites)
    limited = _limit_sentence(context)
    other_shape = next((o for o in others if len(o.sites) != count), None)
    if count == 1:
        if len(layout.assignments) == 1:
            return ""
        if limited:
            return limited
        if other_shape is None:
            text = "Keeping every function in one site beats the alternatives listed below"
            if problem.max_sites == 1:
                text += "; it would be the best layout even without max_sites 1"
            return text + "."
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
    return text + "." + (f" {limited}" if limited else "")


def _limit_sentence(context: _Context) -> str:
    """What `max_sites` costs, when it changed the layout: a constraint, not a finding."""
    if context.unlimited is None or context.problem.max_sites is None:
        return ""
    limit = context.problem.max_sites
    score, assignment = context.unlimited
    shape = "keeps every function in one site" if limit == 1 else f"allows at most {limit} sites"
    functions = tuple(context.layout.assignments)
    return (
        f"max_sites {limit} {shape}: without that limit, the best layout "
        f"({_assigned(context.knowledge_base, functions, assignment)}) would score {score:.1f}, "
        f"{score - context.layout.score:.1f} more."
    )


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
