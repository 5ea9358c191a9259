"""The knowledge base as written in YAML: what `data/*.yaml` may contain, field by field.

These models only validate shape and ranges. Cross-references (a sector id used by a platform,
a source id cited by a fact) are checked when the knowledge base is compiled, where every file
is known. Every fact carries `sources`: ids of entries in `sources.yaml`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from gba_advisor.core.vocabulary import (
    FunctionId,
    Home,
    IncentiveKind,
    Market,
    Priority,
    RdIntensity,
    RdNeed,
)

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
SourceId = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_-]*$", max_length=32)]
SourceIds = Annotated[list[SourceId], Field(min_length=1)]
Unit = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Weight = Annotated[float, Field(ge=0.0, le=100.0, allow_inf_nan=False)]


class Strict(BaseModel):
    """Base of every written model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Names(Strict):
    en: str = Field(min_length=1)
    """English name."""
    zh: str = Field(min_length=1)
    """Chinese name."""


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
        return self.valid_until == "unverified"

    @property
    def counted_until(self) -> dt.date | None:
        """The last day the advisor counts the incentive: its end, or its assumed end when the
        end is unverified; None when it is counted without an end."""
        if isinstance(self.valid_until, dt.date):
            return self.valid_until
        if self.end_unverified:
            return self.assumed_until
        return None


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


class Sector(Strict):
    id: Identifier
    name: Names
    aliases: list[str] = Field(default_factory=list)
    """Abbreviations and common phrasings, English or Chinese."""
    parent: Identifier | None = None


class SectorsFile(Strict):
    sectors: list[Sector] = Field(min_length=1)


class Source(Strict):
    id: SourceId
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    date: str | None = None
    """As printed on the page ("19 Feb 2019", "2024")."""
    url: str | None = None
    official: bool = False
    """True only when `url` is the address of a government, a regulator or the body that issued
    the text (gov.cn, gov.hk, gov.mo, a zone authority's own site); false for news, firms, trade
    press and for any copy of an official text on another site."""
    mirror_of: str | None = Field(default=None, min_length=1)
    """For a mirror, an unofficial copy of an official text (a plan or notice reposted on another
    site): which text it copies and who issued it, so a reader can look for the original. A
    mirror is never `official`; it is listed as "mirror of an official text"."""

    @model_validator(mode="after")
    def _mirror_is_not_official(self) -> Source:
        if self.official and self.mirror_of is not None:
            raise ValueError(
                "a mirror is not official: set `official: false`, or drop `mirror_of` if the "
                "address is the issuer's own"
            )
        return self

    @property
    def kind(self) -> Literal["official", "mirror", "secondary"]:
        """How far a reader can trust the address: the issuer's own, a copy, or a report."""
        if self.official:
            return "official"
        return "mirror" if self.mirror_of is not None else "secondary"


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


class Criterion(Strict):
    weight: Weight
    """Relative weight of the criterion in a function's score."""
    functions: list[FunctionId] | None = None
    """Functions the criterion applies to; null for all."""


class Criteria(Strict):
    sector_fit: Criterion
    secondary_sector_fit: Criterion
    function_fit: Criterion
    market_gateway: Criterion
    home_affinity: Criterion
    rd_needs: Criterion
    rd_intensity: Criterion
    priorities: Criterion


class CriterionWeights(Strict):
    """One row of the function matrix: the weight of every criterion for one function."""

    sector_fit: Weight
    secondary_sector_fit: Weight
    function_fit: Weight
    market_gateway: Weight
    home_affinity: Weight
    rd_needs: Weight
    rd_intensity: Weight
    priorities: Weight


class FunctionWeighting(Strict):
    """How a site-selection consultant weighs the criteria when placing one function."""

    reason: str = Field(min_length=1)
    """Why this function is weighed this way, one or two sentences."""
    reason_zh: str | None = None
    weights: CriterionWeights
    """The weight of each criterion for this function (replaces `criteria` weights)."""
    priorities: dict[Priority, Annotated[float, Field(ge=0, le=10, allow_inf_nan=False)]] = Field(
        default_factory=dict
    )
    """How much each of the profile's priorities counts for this function (a multiplier of the
    profile's rating, 1 when not listed): space matters to a factory, research to a lab."""


class SectorMatch(Strict):
    """Credit for a platform industry related to the profile's sector."""

    exact: Unit = 1.0
    ancestor_decay: Unit
    """Credit per level when the platform names a broader sector (parent, grandparent...)."""
    descendant: Unit
    """Credit when the platform names a narrower sector of the profile's."""
    sibling: Unit
    """Credit when both share a parent."""


class Placement(Strict):
    function: FunctionId
    platform: Identifier


class Placements(Strict):
    functions: list[FunctionId] = Field(min_length=1)
    platform: Identifier


class Synergy(Strict):
    """Points added to a layout that places `first` and any of `second` as written."""

    id: Identifier
    first: Placement
    second: Placements
    points: float = Field(ge=0, le=50, allow_inf_nan=False)
    """Added once per function of `second` placed as written."""
    reason: str = Field(min_length=1)
    reason_zh: str | None = None
    sources: SourceIds


class LayoutRules(Strict):
    extra_site_cost: float = Field(ge=0, le=100, allow_inf_nan=False)
    """Points subtracted from a layout's score per site beyond the first."""
    alternatives: int = Field(ge=0, le=20)
    """How many next-best layouts to report."""
    synergies: list[Synergy] = Field(default_factory=list)


class RulesFile(Strict):
    criteria: Criteria
    by_function: dict[FunctionId, FunctionWeighting] = Field(default_factory=dict)
    """Per-function criterion weights; a function without a row uses `criteria`."""
    unscored_priorities: dict[Priority, str] = Field(default_factory=dict)
    """Priorities the sources hold no data on, with why: a profile that rates one is told so,
    and it is not scored (every platform would stand at the same invented level)."""
    strength_cap: int = Field(default=5, ge=1, le=20)
    """Highest effective strength level (baseline plus incentives in force)."""
    sector_match: SectorMatch
    rd_intensity_factor: dict[RdIntensity, Annotated[float, Field(ge=0, le=3)]]
    fuzzy_cutoff: float = Field(ge=0, le=100)
    """Lowest rapidfuzz score (0-100) accepted for a fuzzy sector match."""
    expiry_warning_days: int = Field(ge=0, le=3650)
    """An incentive ending within this many days of the as-of date is flagged."""
    layout: LayoutRules
