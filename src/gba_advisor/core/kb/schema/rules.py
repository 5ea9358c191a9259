"""rules.yaml as compiled: how the criteria are weighed, per function, and what makes a layout.
The fields are documented where they are validated, `kb.written.rules`."""

from __future__ import annotations

from gba_advisor.core.kb.schema.record import Record, field
from gba_advisor.core.vocabulary import FunctionId, Priority, RdIntensity


class Criterion(Record):
    weight: float
    functions: list[FunctionId] | None = None


class Criteria(Record):
    sector_fit: Criterion
    secondary_sector_fit: Criterion
    function_fit: Criterion
    market_gateway: Criterion
    home_affinity: Criterion
    rd_needs: Criterion
    rd_intensity: Criterion
    priorities: Criterion


class CriterionWeights(Record):
    sector_fit: float
    secondary_sector_fit: float
    function_fit: float
    market_gateway: float
    home_affinity: float
    rd_needs: float
    rd_intensity: float
    priorities: float


class FunctionWeighting(Record):
    reason: str
    reason_zh: str | None = None
    weights: CriterionWeights
    priorities: dict[Priority, float] = field(default_factory=dict)


class SectorMatch(Record):
    exact: float = 1.0
    ancestor_decay: float
    descendant: float
    sibling: float


class Placement(Record):
    function: FunctionId
    platform: str


class Placements(Record):
    functions: list[FunctionId]
    platform: str


class Synergy(Record):
    id: str
    first: Placement
    second: Placements
    points: float
    reason: str
    reason_zh: str | None = None
    sources: list[str]


class LayoutRules(Record):
    extra_site_cost: float
    alternatives: int
    synergies: list[Synergy] = field(default_factory=list)


class RulesFile(Record):
    criteria: Criteria
    by_function: dict[FunctionId, FunctionWeighting] = field(default_factory=dict)
    unscored_priorities: dict[Priority, str] = field(default_factory=dict)
    strength_cap: int = 5
    sector_match: SectorMatch
    rd_intensity_factor: dict[RdIntensity, float]
    fuzzy_cutoff: float
    expiry_warning_days: int
    layout: LayoutRules
