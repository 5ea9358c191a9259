"""The advisor's result: immutable, and carrying its own explanation.

Renderers (table, JSON, YAML, Markdown, the explorer) read these objects and never recompute
a score or a reason. `to_dict` gives the SPEC's JSON shape; every float is rounded once, here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import field
from typing import Any

from gba_advisor.core.frozen import frozen
from gba_advisor.core.vocabulary import FunctionId

SCHEMA_VERSION = 1
DECIMALS = 2


def rounded(value: float) -> float:
    """Scores as reported: two decimals, and never `-0.0`."""
    return round(value, DECIMALS) + 0.0


@frozen
class Contribution:
    """Points a named rule gave a score, why, and on what source."""

    rule: str
    points: float
    reason: str
    sources: tuple[str, ...]
    value: float
    """The criterion's value 0..1 for this platform."""
    weight: float
    """The criterion's share of the score, 0..1 (its points at a value of 1, divided by 100)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "points": rounded(self.points),
            "reason": self.reason,
            "source": "; ".join(self.sources),
            "sources": list(self.sources),
            "value": rounded(self.value),
            "weight": rounded(self.weight),
        }


@frozen
class PlatformScore:
    """One platform's score for one function (or overall), with its contributions."""

    platform: str
    score: float
    contributions: tuple[Contribution, ...]
    excluded_reason: str | None = None
    """Why the platform cannot host the function (a hard gate); its score is then 0."""
    excluded_by_constraint: bool = False
    """The profile's `exclude` or `--exclude` keeps the platform out of the layout; it is
    still scored and ranked, so that the reader sees what the exclusion costs."""

    def to_dict(self, *, explain: bool = True) -> dict[str, Any]:
        data = self.bare_dict()
        if explain:
            data["contributions"] = [c.to_dict() for c in self.contributions]
        return data

    def bare_dict(self) -> dict[str, Any]:
        """`to_dict(explain=False)`, as a compact line writes a dozen of them: a call with a
        keyword argument costs some 0.3 us more."""
        data: dict[str, Any] = {"platform": self.platform, "score": rounded(self.score)}
        if self.excluded_reason is not None:
            data["excluded"] = self.excluded_reason
        if self.excluded_by_constraint:
            data["excluded_by_constraint"] = True
        return data


@frozen
class Site:
    platform: str
    functions: tuple[FunctionId, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"platform": self.platform, "functions": list(map(str, self.functions))}


@frozen
class Layout:
    """An assignment of every function to a platform, and its score."""

    assignments: Mapping[FunctionId, str]
    score: float
    sites: tuple[Site, ...]
    breakdown: tuple[Contribution, ...]
    """Mean function score, extra-site cost and synergies: they add up to `score`."""
    rationale: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "assignments": {str(f): p for f, p in self.assignments.items()},
            "sites": [site.to_dict() for site in self.sites],
            "score": rounded(self.score),
            "breakdown": [c.to_dict() for c in self.breakdown],
            "rationale": list(self.rationale),
        }


@frozen
class Alternative:
    layout: Layout
    delta: float
    """Score difference to the recommended layout (negative or zero)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "assignments": {str(f): p for f, p in self.layout.assignments.items()},
            "sites": [site.to_dict() for site in self.layout.sites],
            "score": rounded(self.layout.score),
            "delta": rounded(self.delta),
        }


@frozen
class Warning:
    code: str
    message: str
    platform: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.platform is not None:
            data["platform"] = self.platform
        return data


@frozen
class ProfileSummary:
    name: str
    sector: str
    sector_name: str
    sector_query: str
    sector_match: str
    secondary_sectors: tuple[str, ...]
    home: str
    functions: tuple[FunctionId, ...]
    origin: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "home": self.home,
            "sector": self.sector,
            "sector_name": self.sector_name,
            "sector_query": self.sector_query,
            "sector_match": self.sector_match,
            "secondary_sectors": list(self.secondary_sectors),
            "functions": list(map(str, self.functions)),
        }


@frozen
class SourceRef:
    id: str
    title: str
    publisher: str
    date: str | None
    url: str | None
    official: bool
    mirror_of: str | None = None
    """For an unofficial copy of an official text: which text it copies."""

    def to_dict(self) -> dict[str, Any]:
        written = {
            "title": self.title,
            "publisher": self.publisher,
            "date": self.date,
            "url": self.url,
            "official": self.official,
        }
        return written if self.mirror_of is None else {**written, "mirror_of": self.mirror_of}


@frozen
class AdvisorResult:
    """Everything `match` reports for one profile. The analyses built on it (robustness,
    counterfactuals: `core.analysis.defence.Defence`) wrap it and are not part of it."""

    profile: ProfileSummary
    as_of: dt.date
    knowledge_base_version: str
    knowledge_base_hash: str
    platform_names: Mapping[str, str]
    function_order: tuple[FunctionId, ...]
    ranking: tuple[PlatformScore, ...]
    by_function: Mapping[FunctionId, tuple[PlatformScore, ...]]
    layout: Layout
    alternatives: tuple[Alternative, ...]
    warnings: tuple[Warning, ...]
    sources: tuple[SourceRef, ...]
    """Every source cited anywhere in the result, sorted by id."""
    weighting: Mapping[FunctionId, str] = field(default_factory=dict)
    """Why each function's criteria weigh what they do (`by_function` in rules.yaml)."""

    def to_dict(self, *, explain: bool = True) -> dict[str, Any]:
        """The SPEC's JSON result. `explain=False` drops contributions (for bulk runs)."""
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "profile": self.profile.to_dict(),
            "as_of": self.as_of.isoformat(),
            "knowledge_base": {
                "version": self.knowledge_base_version,
                "content_hash": self.knowledge_base_hash,
            },
            "ranking": [entry.to_dict(explain=explain) for entry in self.ranking],
            "by_function": {
                str(function): [entry.to_dict(explain=explain) for entry in entries]
                for function, entries in self.by_function.items()
            },
            "layout": self.layout.to_dict(),
            "alternatives": [alternative.to_dict() for alternative in self.alternatives],
            "warnings": [warning.to_dict() for warning in self.warnings],
        }
        if explain:
            data["sources"] = {ref.id: ref.to_dict() for ref in self.sources}
            if self.weighting:
                data["weighting"] = {str(f): reason for f, reason in self.weighting.items()}
        return data
