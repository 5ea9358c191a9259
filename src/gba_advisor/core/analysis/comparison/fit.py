"""How compared platforms fit one profile: its result read back row by row, with winners.

Nothing is re-scored: a row's points are the ones `match` reports for that profile.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from gba_advisor.core.frozen import frozen
from gba_advisor.core.result.model import AdvisorResult, PlatformScore, rounded
from gba_advisor.core.scoring.score import GATE_RULE
from gba_advisor.core.vocabulary import FunctionId


class FitKind(StrEnum):
    OVERALL = "overall"
    FUNCTION = "function"
    CRITERION = "criterion"


@frozen
class FitRow:
    """One score (overall, one function's, or one criterion's points) across the platforms."""

    kind: FitKind
    key: str
    """`overall`, a function id, or a rule id such as `sector_fit` or `priority.tax`."""
    points: Mapping[str, float]
    """The score (overall, function) or the criterion's points, exactly as `match` reports."""
    values: Mapping[str, float]
    """For a criterion: its value 0..1 per platform; empty otherwise."""
    blocked: Mapping[str, str]
    """For a function: why a platform cannot host it (its score is then 0)."""
    winners: tuple[str, ...]
    """The platforms with the most points (several when tied)."""

    @property
    def differs(self) -> bool:
        """The platforms' points differ as reported (two decimals)."""
        return len({rounded(value) for value in self.points.values()}) > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "differs": self.differs,
            "key": self.key,
            "points": {p: rounded(v) for p, v in self.points.items()},
            "values": {p: rounded(v) for p, v in self.values.items()},
            "blocked": dict(self.blocked),
            "winners": list(self.winners),
        }


@frozen
class ProfileFit:
    """How the compared platforms fit one profile, read from that profile's result."""

    name: str
    rank: Mapping[str, int]
    """Position of each compared platform in the full overall ranking (1 = best)."""
    rows: tuple[FitRow, ...]
    layout: Mapping[str, tuple[FunctionId, ...]]
    """Functions the recommended layout puts in each compared platform."""
    layout_score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": self.name,
            "rank": dict(self.rank),
            "layout": {p: [f.value for f in fs] for p, fs in self.layout.items()},
            "layout_score": rounded(self.layout_score),
            "rows": [row.to_dict() for row in self.rows],
        }


def profile_fit(result: AdvisorResult, platforms: Sequence[str]) -> ProfileFit:
    """The compared platforms' scores in `result`, row by row, with the winner of each row."""
    overall = {entry.platform: entry for entry in result.ranking}
    rows = [_score_row(FitKind.OVERALL, "overall", [overall[p] for p in platforms])]
    for function, entries in result.by_function.items():
        by_id = {entry.platform: entry for entry in entries}
        rows.append(_score_row(FitKind.FUNCTION, function.value, [by_id[p] for p in platforms]))
    rules = dict.fromkeys(
        c.rule for p in platforms for c in overall[p].contributions if c.rule != GATE_RULE
    )
    for rule in rules:
        found = {p: _contribution(overall[p], rule) for p in platforms}
        points = {p: points for p, (points, _) in found.items()}
        rows.append(
            FitRow(
                FitKind.CRITERION,
                rule,
                points,
                {p: value for p, (_, value) in found.items()},
                {},
                _winners(points),
            )
        )
    sites = {site.platform: site.functions for site in result.layout.sites}
    position = {entry.platform: index for index, entry in enumerate(result.ranking, 1)}
    return ProfileFit(
        name=result.profile.name,
        rank={p: position[p] for p in platforms},
        rows=tuple(rows),
        layout={p: sites.get(p, ()) for p in platforms},
        layout_score=result.layout.score,
    )


def _score_row(kind: FitKind, key: str, entries: Sequence[PlatformScore]) -> FitRow:
    points = {entry.platform: entry.score for entry in entries}
    blocked = {e.platform: e.excluded_reason for e in entries if e.excluded_reason is not None}
    return FitRow(kind, key, points, {}, blocked, _winners(points))


def _contribution(entry: PlatformScore, rule: str) -> tuple[float, float]:
    for contribution in entry.contributions:
        if contribution.rule == rule:
            return contribution.points, contribution.value
    return 0.0, 0.0


def _winners(points: Mapping[str, float]) -> tuple[str, ...]:
    """The platforms with the most points as reported (two decimals); none when nobody scores."""
    best = max((rounded(value) for value in points.values()), default=0.0)
    if best <= 0:
        return ()
    return tuple(p for p, value in points.items() if rounded(value) == best)
