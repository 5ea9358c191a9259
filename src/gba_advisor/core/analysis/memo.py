"""The client memo's content: one result, its defence and the knowledge base, in one language.

The memo says what `match --robustness --explain` says, arranged for a client: the profile,
the layout, the rankings, a chart of the points by criterion, the explanation with every
source, the robustness and counterfactual sections, the incentives' validity and the data
version. This module gathers that content and chooses the names and reasons of one language;
the renderers (HTML, Markdown) only lay it out and supply the fixed text.

A contribution's reason is not the result's English line (which names ids such as
`pilot_production 0.6`): it is a `Reason`, the facts the rule used taken again from the
knowledge base in the memo's language (`reason_zh`, `title_zh` in Chinese) with the numbers
behind them, which the renderer says as sentences with its fixed text. A fact the data gives
only in English is left out of the Chinese memo, which then states the value alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from gba_advisor.core.analysis.counterfactual import Counterfactuals, counterfactuals_of
from gba_advisor.core.analysis.robustness import Robustness, robustness_of
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Incentive, Platform, Rated
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import AdvisorResult, Contribution, PlatformScore, SourceRef
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.scoring.rules.placement import MAX_FIT
from gba_advisor.core.scoring.rules.standing import basis_for, is_expired, is_pending
from gba_advisor.core.vocabulary import FunctionId, Market, Priority, RdNeed

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

SOURCE_ID = re.compile(r"^([^\d]*)(\d*)(.*)$")


class Lang(StrEnum):
    EN = "en"
    ZH = "zh"


@dataclass(frozen=True, slots=True)
class Reason:
    """What a rule found, in the memo's language, for the renderer to say as sentences.

    `kind` names the phrasing (`fit`, `needs`, `markets`, `strength`, `intensity`, `home`,
    `sector`, `secondary`, `gate`, `synergy`, `fit_none`, `home_none`, `text`); the other
    fields are the numbers and facts that kind uses.
    """

    kind: str
    fact: str | None = None
    """The knowledge base's sentence the rule quotes, in the memo's language; None when the
    data has none in that language."""
    level: float | None = None
    """The platform's level: a fit (of 5), a strength (of `scale`) or a rating (0..1)."""
    best: float | None = None
    """The best platform's level on the same strength."""
    scale: float | None = None
    """What a fit or strength is out of."""
    items: tuple[tuple[str, float], ...] = ()
    """(need or market id, level 0..1) for the R&D needs and the market gateway."""
    counted: tuple[str, ...] = ()
    """Titles of the incentives in force that raise a strength."""
    lapsed: tuple[str, ...] = ()
    """Titles of the incentives that would raise it but are no longer counted."""


@dataclass(frozen=True, slots=True)
class Line:
    """One contribution as the memo shows it."""

    rule: str
    points: float
    value: float
    reason: Reason
    sources: tuple[str, ...]


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
    ends: dt.date | None
    """The last day it is counted: its end, or its assumed end when that is unverified."""


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """A rule's points at one site, for each of the site's functions (None where it gave none).

    Rows with the same reason for every function are one row; a rule whose reason differs by
    function (function fit) gets one row per function, named in `function`."""

    rule: str
    function: FunctionId | None
    points: tuple[float | None, ...]
    line: Line


@dataclass(frozen=True, slots=True)
class Evidence:
    """Every point of one platform of the layout, for the functions placed there."""

    platform: str
    name: str
    functions: tuple[FunctionId, ...]
    scores: tuple[float, ...]
    rows: tuple[EvidenceRow, ...]


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
    expiring: tuple[Dated, ...]
    """Incentives of the layout counted now whose (assumed) end falls within the warning
    horizon of rules.yaml (`expiry_warning_days`)."""
    horizon_days: int
    max_sites: int | None
    """The tighter of the profile's and the command line's site limit."""
    sources: tuple[SourceRef, ...]
    """Every source the result cites, in natural order (S2 before S10)."""

    @property
    def cited(self) -> tuple[SourceRef, ...]:
        """The sources the memo's tables cite: the layout's parts, every point of the chosen
        platforms, the runner-ups' gaps and the incentives; in natural order."""
        ids: set[str] = {s for line in self.breakdown for s in line.sources}
        for function, platform in self.result.layout.assignments.items():
            ids.update(s for line in self.scored(function, platform).lines for s in line.sources)
        if self.counterfactuals is not None:
            for c in self.counterfactuals.functions:
                for w in c.why_not:
                    if w.platform == c.runner_up:
                        ids.update(s for g in (*w.losses, *w.gains) for s in g.sources)
        ids.update(s for i in self.incentives for s in i.sources)
        return tuple(s for s in self.sources if s.id in ids)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Per site of the layout, its points for each function placed there, merged."""
        return tuple(
            self._site_evidence(s.platform, tuple(s.functions)) for s in self.result.layout.sites
        )

    def _site_evidence(self, platform: str, functions: tuple[FunctionId, ...]) -> Evidence:
        scored = [self.scored(f, platform) for f in functions]
        rules = list(dict.fromkeys(line.rule for entry in scored for line in entry.lines))
        rows: list[EvidenceRow] = []
        for rule in rules:
            lines = [next((x for x in e.lines if x.rule == rule), None) for e in scored]
            present = [x for x in lines if x is not None]
            if len({x.reason for x in present}) == 1:
                points = tuple(x.points if x else None for x in lines)
                rows.append(EvidenceRow(rule, None, points, present[0]))
                continue
            for index, one in enumerate(lines):
                if one is not None:
                    points = tuple(one.points if i == index else None for i in range(len(lines)))
                    rows.append(EvidenceRow(rule, functions[index], points, one))
        return Evidence(
            platform,
            self.names[platform],
            functions,
            tuple(e.score for e in scored),
            tuple(rows),
        )

    def scored(self, function: FunctionId, platform: str) -> Scored:
        return next(e for e in self.by_function[function] if e.platform == platform)

    def line(self, function: FunctionId, platform: str, rule: str) -> Line | None:
        """One platform's line on one rule for one function (for the why-not tables)."""
        entry = self.scored(function, platform)
        return next((line for line in entry.lines if line.rule == rule), None)

    @property
    def robustness(self) -> Robustness | None:
        return robustness_of(self.result)

    @property
    def counterfactuals(self) -> Counterfactuals | None:
        return counterfactuals_of(self.result)


def build_memo(
    result: AdvisorResult,
    profile: ResolvedProfile,
    knowledge_base: KnowledgeBase,
    lang: Lang,
    *,
    max_sites: int | None = None,
) -> Memo:
    """Everything the memo shows, with names and reasons in `lang`; `max_sites` is the limit
    given on the command line, which the memo names with the profile's own."""
    phrasing = _Phrasing(basis_for(knowledge_base, result.as_of), result, profile, lang)
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
    incentives = tuple(_incentives(result, knowledge_base, lang))
    horizon = knowledge_base.rules.expiry_warning_days
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
        by_function={f: tuple(scored(e, f) for e in es) for f, es in result.by_function.items()},
        breakdown=tuple(phrasing.line(c, None, None) for c in result.layout.breakdown),
        chart=chart,
        criteria=tuple(c for c in CRITERIA if any(dict(bar.parts).get(c) for bar in chart)),
        incentives=incentives,
        expiring=tuple(_expiring(incentives, result.as_of, horizon)),
        horizon_days=horizon,
        max_sites=min(
            (n for n in (max_sites, profile.profile.constraints.max_sites) if n is not None),
            default=None,
        ),
        sources=_sources(result, knowledge_base, incentives),
    )


def _sources(
    result: AdvisorResult, knowledge_base: KnowledgeBase, incentives: tuple[Dated, ...]
) -> tuple[SourceRef, ...]:
    """The result's sources and those of the incentives listed (an expired incentive's are
    not in the result), in natural order."""
    have = {s.id for s in result.sources}
    known = knowledge_base.sources
    extra = sorted({i for d in incentives for i in d.sources if i not in have and i in known})
    added = (
        SourceRef(s.id, s.title, s.publisher, s.date, s.url, s.official, s.mirror_of)
        for s in (known[i] for i in extra)
    )
    return tuple(sorted((*result.sources, *added), key=lambda s: source_order(s.id)))


def source_order(source_id: str) -> tuple[str, int, str]:
    """S2 before S10 before S102: the number compared as a number."""
    match = SOURCE_ID.match(source_id)
    prefix, number, rest = match.groups() if match else (source_id, "", "")
    return (prefix, int(number) if number else -1, rest)


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
                incentive.counted_until,
            )


def _status(incentive: Incentive, as_of: dt.date) -> str:
    if is_expired(incentive, as_of):
        return "unverified_lapsed" if incentive.end_unverified else "expired"
    if is_pending(incentive, as_of):
        return "pending"
    return "unverified" if incentive.end_unverified else "in_force"


class _Phrasing:
    """Takes the facts behind each contribution from the knowledge base, in one language."""

    def __init__(
        self, basis: Basis, result: AdvisorResult, profile: ResolvedProfile, lang: Lang
    ) -> None:
        self.basis = basis
        self.knowledge_base = basis.knowledge_base
        self.result = result
        self.profile = profile
        self.zh = lang is Lang.ZH
        self.synergies = {f"synergy.{s.id}": s for s in self.knowledge_base.rules.layout.synergies}

    def line(
        self, contribution: Contribution, platform: str | None, function: FunctionId | None
    ) -> Line:
        c = contribution
        reason = self._reason(c, platform, function)
        return Line(c.rule, c.points, c.value, reason, c.sources)

    def _text(self, english: str, chinese: str | None) -> str | None:
        return chinese if self.zh else english

    def _reason(
        self, c: Contribution, platform_id: str | None, function: FunctionId | None
    ) -> Reason:
        synergy = self.synergies.get(c.rule)
        if synergy is not None:
            return Reason("synergy", fact=self._text(synergy.reason, synergy.reason_zh))
        if platform_id is None or function is None:
            return Reason("text", fact=None if self.zh else c.reason)
        platform = self.knowledge_base.platform(platform_id)
        rule = c.rule
        if rule in ("function_fit", "function_gate"):
            fit = platform.functions.get(function)
            if fit is None:
                return Reason("fit_none")
            kind = "gate" if rule == "function_gate" else "fit"
            return Reason(kind, self._text(fit.reason, fit.reason_zh), fit.fit, scale=MAX_FIT)
        if rule == "rd_needs":
            return self._rated("needs", list(self.profile.rd_needs), platform.rd_needs)
        if rule == "market_gateway":
            unrated = self.basis.unrated_markets
            wanted = [m for m in self.profile.target_markets if m not in unrated]
            return self._rated("markets", wanted, platform.partner_economies)
        if rule == "home_affinity":
            home = platform.home_affinity.get(self.profile.profile.home)
            if home is None:
                return Reason("home_none")
            return Reason("home", self._text(home.reason, home.reason_zh), home.level)
        if rule == "rd_intensity":
            return self._strength("intensity", platform, Priority.RESEARCH)
        if rule.startswith("priority."):
            return self._strength("strength", platform, Priority(rule.partition(".")[2]))
        if rule in ("sector_fit", "secondary_sector_fit"):
            kind = "sector" if rule == "sector_fit" else "secondary"
            return Reason(kind, fact=None if self.zh else c.reason, level=c.value)
        return Reason("text", fact=None if self.zh else c.reason)

    def _rated(
        self,
        kind: str,
        wanted: list[RdNeed] | list[Market],
        ratings: Mapping[RdNeed, Rated] | Mapping[Market, Rated],
    ) -> Reason:
        table: Mapping[object, Rated] = ratings  # type: ignore[assignment]
        levels = [(item, table[item].level if item in table else 0.0) for item in wanted]
        fact = None
        if levels:
            best, level = max(levels, key=lambda pair: pair[1])
            if level > 0:
                fact = self._text(table[best].reason, table[best].reason_zh)
        return Reason(kind, fact=fact, items=tuple((i.value, lv) for i, lv in levels))

    def _strength(self, kind: str, platform: Platform, priority: Priority) -> Reason:
        standing = self.basis.standings[platform.id]
        strength = platform.strengths.get(priority)
        fact = self._text(strength.reason, strength.reason_zh) if strength else None
        counted = tuple(self._title(i) for i in standing.in_force if i.boosts.get(priority, 0) > 0)
        lapsed = tuple(self._title(i) for i in standing.expired if i.boosts.get(priority, 0) > 0)
        return Reason(
            kind,
            fact=fact,
            level=float(standing.levels[priority]),
            best=float(self.basis.best[priority]),
            scale=self.knowledge_base.rules.strength_cap,
            counted=counted,
            lapsed=lapsed,
        )

    def _title(self, incentive: Incentive) -> str:
        return incentive.title_zh if self.zh and incentive.title_zh else incentive.title


def _expiring(incentives: tuple[Dated, ...], as_of: dt.date, days: int) -> Iterator[Dated]:
    horizon = as_of + dt.timedelta(days=days)
    for dated in incentives:
        counted = dated.status in ("in_force", "unverified")
        if counted and dated.ends is not None and dated.ends <= horizon:
            yield dated
