"""platforms.yaml as compiled: each platform's plans, fits, strengths and incentives, every fact
with its sources. The fields are documented where they are validated, `kb.written.platforms`."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from gba_advisor.core.kb.schema.common import Names
from gba_advisor.core.kb.schema.record import Record, field
from gba_advisor.core.vocabulary import FunctionId, Home, IncentiveKind, Market, Priority, RdNeed

Until = dt.date | Literal["unverified"] | None


class Fact(Record):
    text: str
    text_zh: str | None = None
    sources: list[str]


class Area(Record):
    km2: float
    note: str | None = None
    sources: list[str]


class Plan(Record):
    title: str
    title_zh: str | None = None
    issuer: str
    date: dt.date
    sources: list[str]


class Rated(Record):
    level: float
    reason: str
    reason_zh: str | None = None
    sources: list[str]


class FunctionFit(Record):
    fit: int
    reason: str
    reason_zh: str | None = None
    sources: list[str]


class Strength(Record):
    level: int
    reason: str
    reason_zh: str | None = None
    sources: list[str]


class Industry(Record):
    sector: str
    weight: float = 1.0
    sources: list[str]


class Incentive(Record):
    id: str
    kind: IncentiveKind
    title: str
    title_zh: str | None = None
    summary: str
    valid_from: dt.date | None = None
    announced: dt.date | None = None
    valid_until: Until = None
    assumed_until: dt.date | None = None
    boosts: dict[Priority, int] = field(default_factory=dict)
    sources: list[str]

    @property
    def end_unverified(self) -> bool:
        """Whether the sources could not confirm when the incentive ends."""
        return end_unverified(self.valid_until)

    @property
    def counted_until(self) -> dt.date | None:
        """The last day the advisor counts the incentive (`counted_until`)."""
        return counted_until(self.valid_until, self.assumed_until)


class Platform(Record):
    id: str
    name: Names
    short_name: Names
    city: Names
    area: Area
    plans: list[Plan]
    positioning: list[Fact]
    partner_economies: dict[Market, Rated]
    home_affinity: dict[Home, Rated]
    priority_industries: list[Industry]
    functions: dict[FunctionId, FunctionFit]
    rd_needs: dict[RdNeed, Rated]
    strengths: dict[Priority, Strength]
    incentives: list[Incentive] = field(default_factory=list)


def end_unverified(valid_until: Until) -> bool:
    """Whether the sources could not confirm when an incentive ends."""
    return valid_until == "unverified"


def counted_until(valid_until: Until, assumed_until: dt.date | None) -> dt.date | None:
    """The last day the advisor counts an incentive: its end, or its assumed end when the end
    is unverified; None when it is counted without an end."""
    if isinstance(valid_until, dt.date):
        return valid_until
    if end_unverified(valid_until):
        return assumed_until
    return None
