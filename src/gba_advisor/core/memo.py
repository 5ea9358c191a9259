"""The client memo's content: one result, its defence and the knowledge base, in one language.

The memo says what `match --robustness --explain` says, arranged for a client: the profile,
the layout, the rankings, a chart of the points by criterion, the explanation with every
source, the robustness and counterfactual sections, the incentives' validity and the data
version. This module gathers that content and chooses the names and reasons of one language;
the renderers (HTML, Markdown) only lay it out and supply the fixed text.

Chinese comes from the knowledge base: platform and sector names (`name.zh`), and the reasons
of the facts a contribution quotes (`reason_zh`, `text_zh`). A contribution whose reason quotes
no fact with a Chinese rendering keeps `reason` as None in Chinese, and the renderer says it
with a fixed phrase and the value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from gba_advisor.core.counterfactual import Counterfactuals
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import FunctionFit, Incentive, Platform, Rated, Strength
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result import AdvisorResult, Contribution, PlatformScore, SourceRef
from gba_advisor.core.robustness import Robustness
from gba_advisor.core.rules.standing import is_expired, is_pending
from gba_advisor.core.vocabulary import FunctionId

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
"""The criteria of rules.yaml, in the order the chart stacks them."""

MERGED = " | "


class Lang(StrEnum):
    EN = "en"
    ZH = "zh"


@dataclass(frozen=True, slots=True)
class Line:
    """One contribution as the memo shows it."""

    rule: str
    points: float
    value: float
    reason: str | None
    """In the memo's language; None in Chinese where the data has no Chinese for it."""
    sources: tuple[str, ...]
    original: str
    """The reason as the result gives it (English)."""


@dataclass(frozen=True, slots=True)
class Scored:
    """A platform's score (for a function or overall) with its lines."""

    platform: str
    name: str
    score: float
    excluded: str | None
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Bar:
    """One platform's overall score split by criterion, for the chart."""

    platform: str
    name: str
    score: float
    parts: tuple[tuple[str, float], ...]
    """(criterion, points) in `CRITERIA` order; criteria with no points left out."""


@dataclass(frozen=True, slots=True)
class Placed:
    """A function of the recommended layout."""

    function: FunctionId
    platform: str
    name: str
    score: float
    runner_up: str | None
    gap: float | None


@dataclass(frozen=True, slots=True)
class Dated:
    """An incentive of a platform in the layout, with its validity on the as-of date."""

    platform: str
    title: str
    valid_from: dt.date | None
    valid_until: str | None
    status: str
    """`in_force`, `unverified` (counted, end not confirmed), `unverified_lapsed` (end not
    confirmed, past its assumed end: not counted), `expired` or `pending`."""
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Memo:
    lang: Lang
    result: AdvisorResult
    profile: ResolvedProfile
    names: Mapping[str, str]
    """Platform id -> short name in the memo's language."""
    sector_name: str
    secondary_names: tuple[str, ...]
    placed: tuple[Placed, ...]
    ranking: tuple[Scored, ...]
    by_function: Mapping[FunctionId, tuple[Scored, ...]]
    breakdown: tuple[Line, ...]
    """The layout score's parts."""
    chart: tuple[Bar, ...]
    criteria: tuple[str, ...]
    """The criteria that appear in the chart, in stacking order."""
    incentives: tuple[Dated, ...]
    sources: tuple[SourceRef, ...]

    def line(self, function: FunctionId, platform: str, rule: str) -> Line | None:
        """One platform's line on one rule for one function (for the why-not tables)."""
        entry = next(e for e in self.by_function[function] if e.platform == platform)
        return next((line for line in entry.lines if line.rule == rule), None)

    @property
    def robustness(self) -> Robustness | None:
        return self.result.robustness

    @property
    def counterfactuals(self) -> Counterfactuals | None:
        return self.result.counterfactuals


def build_memo(
    result: AdvisorResult, profile: ResolvedProfile, knowledge_base: KnowledgeBase, lang: Lang
) -> Memo:
    """Everything the memo shows, with names and reasons in `lang`."""
    translate = _Translator(knowledge_base, lang)
    names = {
        p.id: p.short_name.zh if lang is Lang.ZH else p.short_name.en
        for p in knowledge_base.platforms
    }
    sectors = knowledge_base.sectors.sectors

    def sector(sector_id: str) -> str:
        entry = sectors[sector_id].name
        return entry.zh if lang is Lang.ZH else entry.en

    def scored(entry: PlatformScore) -> Scored:
        lines = tuple(translate.line(c) for c in entry.contributions)
        return Scored(
            entry.platform, names[entry.platform], entry.score, entry.excluded_reason, lines
        )

    ranking = tuple(scored(e) for e in result.ranking)
    chart = tuple(_bar(entry) for entry in ranking)
    return Memo(
        lang=lang,
        result=result,
        profile=profile,
        names=names,
        sector_name=sector(profile.sector.sector_id),
        secondary_names=tuple(sector(r.sector_id) for r in profile.secondary_sectors),
        placed=tuple(_placed(result, names)),
        ranking=ranking,
        by_function={f: tuple(scored(e) for e in es) for f, es in result.by_function.items()},
        breakdown=tuple(translate.line(c) for c in result.layout.breakdown),
        chart=chart,
        criteria=tuple(c for c in CRITERIA if any(dict(bar.parts).get(c) for bar in chart)),
        incentives=tuple(_incentives(result, knowledge_base, lang)),
        sources=result.sources,
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


def _incentives(
    result: AdvisorResult, knowledge_base: KnowledgeBase, lang: Lang
) -> Iterator[Dated]:
    for site in result.layout.sites:
        platform = knowledge_base.platform(site.platform)
        for incentive in platform.incentives:
            title = (
                incentive.title_zh if lang is Lang.ZH and incentive.title_zh else incentive.title
            )
            until = incentive.valid_until
            yield Dated(
                platform.id,
                title,
                incentive.valid_from,
                None if until is None else str(until),
                _status(incentive, result.as_of),
                tuple(incentive.sources),
            )


def _status(incentive: Incentive, as_of: dt.date) -> str:
    if is_expired(incentive, as_of):
        return "unverified_lapsed" if incentive.valid_until == "unverified" else "expired"
    if is_pending(incentive, as_of):
        return "pending"
    return "unverified" if incentive.valid_until == "unverified" else "in_force"


class _Translator:
    """Finds the Chinese of a contribution's reason in the facts it quotes."""

    def __init__(self, knowledge_base: KnowledgeBase, lang: Lang) -> None:
        self.lang = lang
        pairs: dict[str, str] = {}
        for platform in knowledge_base.platforms:
            pairs.update(_facts(platform))
        for synergy in knowledge_base.rules.layout.synergies:
            if synergy.reason_zh:
                pairs[synergy.reason] = synergy.reason_zh
        # Longest first: a reason quoting a long fact must not be matched by a short one.
        self.pairs = sorted(pairs.items(), key=lambda item: (-len(item[0]), item[0]))

    def line(self, contribution: Contribution) -> Line:
        c = contribution
        return Line(c.rule, c.points, c.value, self.reason(c.reason), c.sources, c.reason)

    def reason(self, text: str) -> str | None:
        if self.lang is Lang.EN:
            return text
        found = [self._one(part) for part in text.split(MERGED)]
        known = [part for part in dict.fromkeys(found) if part is not None]
        return "；".join(known) if known else None

    def _one(self, text: str) -> str | None:
        # A fact is quoted without its closing full stop when more follows it in the reason.
        return next((zh for en, zh in self.pairs if en.rstrip(".") in text), None)


def _facts(platform: Platform) -> Iterator[tuple[str, str]]:
    """Every (English, Chinese) pair of reasons the platform's data provides."""
    facts: list[FunctionFit | Rated | Strength] = [
        *platform.functions.values(),
        *platform.partner_economies.values(),
        *platform.home_affinity.values(),
        *platform.rd_needs.values(),
        *platform.strengths.values(),
    ]
    for fact in facts:
        if fact.reason_zh:
            yield fact.reason, fact.reason_zh
