"""rules.yaml: how the criteria are weighed, per function, and what makes a layout."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from gba_advisor.core.kb.written.common import Identifier, SourceIds, Strict, Unit, Weight
from gba_advisor.core.vocabulary import FunctionId, Priority, RdIntensity


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
