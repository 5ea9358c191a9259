"""Gathers a memo's content from one result, its profile and the knowledge base."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from gba_advisor.core.analysis.cited_sources import with_sources_of
from gba_advisor.core.analysis.defence import Defence
from gba_advisor.core.analysis.memo.incentives import dated_incentives, expiring
from gba_advisor.core.analysis.memo.model import Bar, Lang, Memo, Placed, Scored
from gba_advisor.core.analysis.memo.reasons import Phrasing
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Criteria
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import AdvisorResult, PlatformScore
from gba_advisor.core.scoring.rules.standing import basis_for
from gba_advisor.core.vocabulary import FunctionId

CRITERIA = tuple(Criteria.model_fields)
"""The criteria of rules.yaml, in the order the chart stacks them."""


def build_memo(
    result: AdvisorResult,
    profile: ResolvedProfile,
    knowledge_base: KnowledgeBase,
    lang: Lang,
    *,
    max_sites: int | None = None,
    defence: Defence | None = None,
) -> Memo:
    """Everything the memo shows, with names and reasons in `lang`; `max_sites` is the limit
    given on the command line, which the memo names with the profile's own; `defence` the
    result's robustness and counterfactuals, which the memo has sections for."""
    phrasing = Phrasing(basis_for(knowledge_base, result.as_of), result, profile, lang)
    names = {
        p.id: p.short_name.zh if lang is Lang.ZH else p.short_name.en
        for p in knowledge_base.platforms
    }
    sectors = knowledge_base.sectors.sectors

    def sector(sector_id: str) -> str:
        entry = sectors[sector_id].name
        return entry.zh if lang is Lang.ZH else entry.en

    def scored(entry: PlatformScore, function: FunctionId | None) -> Scored:
        lines = tuple(phrasing.line(c, entry.platform, function) for c in entry.contributions)
        return Scored(
            entry.platform, names[entry.platform], entry.score, entry.excluded_reason, lines
        )

    ranking = tuple(scored(e, None) for e in result.ranking)
    incentives = tuple(dated_incentives(result, knowledge_base, lang))
    horizon = knowledge_base.rules.expiry_warning_days
    chart = tuple(_bar(entry) for entry in ranking)
    return Memo(
        lang=lang,
        result=result,
        defence=defence,
        profile=profile,
        names=names,
        sector_name=sector(profile.sector.sector_id),
        secondary_names=tuple(sector(r.sector_id) for r in profile.secondary_sectors),
        placed=tuple(_placed(result, names)),
        ranking=ranking,
        by_function={f: tuple(scored(e, f) for e in es) for f, es in result.by_function.items()},
        breakdown=tuple(phrasing.line(c, None, None) for c in result.layout.breakdown),
        chart=chart,
        criteria=tuple(c for c in CRITERIA if any(dict(bar.parts).get(c) for bar in chart)),
        incentives=incentives,
        expiring=tuple(expiring(incentives, result.as_of, horizon)),
        horizon_days=horizon,
        max_sites=min(
            (n for n in (max_sites, profile.profile.constraints.max_sites) if n is not None),
            default=None,
        ),
        sources=with_sources_of(
            result.sources, knowledge_base, (i for d in incentives for i in d.sources)
        ),
    )


def criterion_of(rule: str) -> str:
    """The rules.yaml criterion a contribution's rule belongs to (`priority.tax` -> priorities)."""
    return "priorities" if rule.startswith("priority.") else rule


def _bar(entry: Scored) -> Bar:
    totals = dict.fromkeys(CRITERIA, 0.0)
    for line in entry.lines:
        criterion = criterion_of(line.rule)
        if criterion in totals:
            totals[criterion] += line.points
    parts = tuple((c, p) for c, p in totals.items() if p > 0)
    return Bar(entry.platform, entry.name, entry.score, parts)


def _placed(result: AdvisorResult, names: Mapping[str, str]) -> Iterator[Placed]:
    for function, platform in result.layout.assignments.items():
        ranking = result.by_function[function]
        chosen = next(e for e in ranking if e.platform == platform)
        rival = next((e for e in ranking if e.platform != platform), None)
        yield Placed(
            function,
            platform,
            names[platform],
            chosen.score,
            names[rival.platform] if rival else None,
            chosen.score - rival.score if rival else None,
        )
