"""What a client memo is made of: the layout, the rankings with their reasons, the chart's
bars, the incentives' validity and the sources, each in the memo's language.

The renderers (HTML, Markdown) only lay these out and supply the fixed text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from gba_advisor.core.analysis.counterfactual import Counterfactuals
from gba_advisor.core.analysis.defence import Defence
from gba_advisor.core.analysis.incentive_validity import IncentiveStatus
from gba_advisor.core.analysis.robustness import Robustness
from gba_advisor.core.analysis.settings import Lang as Lang
from gba_advisor.core.frozen import frozen
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import AdvisorResult, SourceRef
from gba_advisor.core.vocabulary import FunctionId


@frozen
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


@frozen
class Line:
    """One contribution as the memo shows it."""

    rule: str
    points: float
    value: float
    reason: Reason
    sources: tuple[str, ...]


@frozen
class Scored:
    """A platform's score (for a function or overall) with its lines."""

    platform: str
    name: str
    score: float
    excluded: str | None
    lines: tuple[Line, ...]


@frozen
class Bar:
    """One platform's overall score split by criterion, for the chart."""

    platform: str
    name: str
    score: float
    parts: tuple[tuple[str, float], ...]
    """(criterion, points) in `CRITERIA` order; criteria with no points left out."""


@frozen
class Placed:
    """A function of the recommended layout."""

    function: FunctionId
    platform: str
    name: str
    score: float
    runner_up: str | None
    gap: float | None


@frozen
class Dated:
    """An incentive of a platform in the layout, with its validity on the as-of date."""

    platform: str
    title: str
    valid_from: dt.date | None
    valid_until: str | None
    status: IncentiveStatus
    sources: tuple[str, ...]
    ends: dt.date | None
    """The last day it is counted: its end, or its assumed end when that is unverified."""


@frozen
class EvidenceRow:
    """A rule's points at one site, for each of the site's functions (None where it gave none).

    Rows with the same reason for every function are one row; a rule whose reason differs by
    function (function fit) gets one row per function, named in `function`."""

    rule: str
    function: FunctionId | None
    points: tuple[float | None, ...]
    line: Line


@frozen
class Evidence:
    """Every point of one platform of the layout, for the functions placed there."""

    platform: str
    name: str
    functions: tuple[FunctionId, ...]
    scores: tuple[float, ...]
    rows: tuple[EvidenceRow, ...]


@frozen
class Memo:
    lang: Lang
    result: AdvisorResult
    defence: Defence | None
    """The result's robustness and counterfactuals (None: the memo has no such sections)."""
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
        return None if self.defence is None else self.defence.robustness

    @property
    def counterfactuals(self) -> Counterfactuals | None:
        return None if self.defence is None else self.defence.counterfactuals
