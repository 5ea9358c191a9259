"""platforms.yaml: each platform's plans, fits, strengths and incentives, every fact sourced."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from gba_advisor.core.kb.schema import platforms as records
from gba_advisor.core.kb.written.common import Identifier, Names, SourceIds, Strict, Unit
from gba_advisor.core.vocabulary import FunctionId, Home, IncentiveKind, Market, Priority, RdNeed


class Fact(Strict):
    """A statement with its sources."""

    text: str = Field(min_length=1)
    """The statement, one or two sentences."""
    text_zh: str | None = None
    """The statement in Chinese, where the data provides it."""
    sources: SourceIds
    """Ids of entries in sources.yaml that support the statement."""


class Area(Strict):
    km2: float = Field(gt=0, allow_inf_nan=False)
    """Area in square kilometres."""
    note: str | None = None
    """What the figure covers (launch areas, parks)."""
    sources: SourceIds


class Plan(Strict):
    title: str = Field(min_length=1)
    """English title of the governing plan."""
    title_zh: str | None = None
    """Chinese title."""
    issuer: str = Field(min_length=1)
    """Who issued it."""
    date: dt.date
    """Date it was issued or made public."""
    sources: SourceIds


class Rated(Strict):
    """A level 0..1 with the reason for it."""

    level: Unit
    """0 = not at all, 1 = as well as any platform can."""
    reason: str = Field(min_length=1)
    """One line a consultant can read out to a client."""
    reason_zh: str | None = None
    """The reason in Chinese, where the data provides it."""
    sources: SourceIds


class FunctionFit(Strict):
    """How well the platform suits a business function (0 = cannot host it)."""

    fit: int = Field(ge=0, le=5)
    """0 = cannot host (a hard gate), 1 = poor ... 5 = what the platform is built for."""
    reason: str = Field(min_length=1)
    reason_zh: str | None = None
    sources: SourceIds


class Strength(Strict):
    """The platform's baseline strength on a priority, before incentives in force are added."""

    level: int = Field(ge=0, le=5)
    """0..5 before incentives; incentives in force add their `boosts`, capped at
    `strength_cap` of rules.yaml."""
    reason: str = Field(min_length=1)
    reason_zh: str | None = None
    sources: SourceIds


class Industry(Strict):
    sector: Identifier
    """A sector id from sectors.yaml named in the platform's plans or catalogues."""
    weight: Unit = 1.0
    """1.0 for a headline industry, lower for one named in passing."""
    sources: SourceIds


class Incentive(Strict):
    """A preferential policy with its validity."""

    id: Identifier
    kind: IncentiveKind
    title: str = Field(min_length=1)
    title_zh: str | None = None
    summary: str = Field(min_length=1)
    """What it grants and to whom, one or two sentences."""
    valid_from: dt.date | None = None
    """First day in force; null when not stated in the sources."""
    announced: dt.date | None = None
    """With no `valid_from`: when the measure was first set out in a dated source. It is not
    counted before then, so an undated measure does not reach back before it existed."""
    valid_until: dt.date | Literal["unverified"] | None = None
    """Last day in force; "unverified" when the end could not be confirmed; null if open-ended."""
    assumed_until: dt.date | None = None
    """With `valid_until: unverified`: the commonly assumed end. The incentive is counted until
    then and reported as "unverified, not counted" after it; without it, counted with a warning."""
    boosts: dict[Priority, Annotated[int, Field(ge=0, le=5)]] = Field(default_factory=dict)
    """Levels added to the platform's strengths while the incentive is in force."""
    sources: SourceIds

    @property
    def end_unverified(self) -> bool:
        """Whether the sources could not confirm when the incentive ends."""
        return records.end_unverified(self.valid_until)

    @property
    def counted_until(self) -> dt.date | None:
        """The last day the advisor counts the incentive: its end, or its assumed end when the
        end is unverified; None when it is counted without an end."""
        return records.counted_until(self.valid_until, self.assumed_until)


class Platform(Strict):
    id: Identifier
    name: Names
    short_name: Names
    """Name used in tables and sentences ("Hengqin", "the Loop")."""
    city: Names
    area: Area
    plans: list[Plan] = Field(min_length=1)
    positioning: list[Fact] = Field(min_length=1)
    partner_economies: dict[Market, Rated]
    """How well the platform opens onto each market; a market not listed counts 0."""
    home_affinity: dict[Home, Rated]
    """How much the platform is built for enterprises from each home region; not listed counts 0."""
    priority_industries: list[Industry] = Field(min_length=1)
    functions: dict[FunctionId, FunctionFit]
    """Every function id must be present."""
    rd_needs: dict[RdNeed, Rated]
    """How well it serves each R&D need; a need not listed counts 0."""
    strengths: dict[Priority, Strength]
    """Every priority must be present."""
    incentives: list[Incentive] = Field(default_factory=list)


class PlatformsFile(Strict):
    version: str = Field(min_length=1)
    """Version of the knowledge base, e.g. 2026.1."""
    platforms: list[Platform] = Field(min_length=1)
