"""The knowledge base as written in YAML: what `data/*.yaml` may contain, field by field, one
module per file (`platforms`, `sectors`, `sources`, `rules`) over what they share (`common`).

These models only validate shape and ranges. Cross-references (a sector id used by a platform,
a source id cited by a fact) are checked when the knowledge base is compiled, where every file
is known. Every fact carries `sources`: ids of entries in `sources.yaml`.

The models are re-exported here: callers across the core import them from `kb.schema`.
"""

from gba_advisor.core.kb.schema.common import Names, Strict
from gba_advisor.core.kb.schema.platforms import (
    Area,
    Fact,
    FunctionFit,
    Incentive,
    Industry,
    Plan,
    Platform,
    PlatformsFile,
    Rated,
    Strength,
)
from gba_advisor.core.kb.schema.rules import (
    Criteria,
    Criterion,
    CriterionWeights,
    FunctionWeighting,
    LayoutRules,
    Placement,
    Placements,
    RulesFile,
    SectorMatch,
    Synergy,
)
from gba_advisor.core.kb.schema.sectors import Sector, SectorsFile
from gba_advisor.core.kb.schema.sources import Source, SourcesFile

__all__ = [
    "Area",
    "Criteria",
    "Criterion",
    "CriterionWeights",
    "Fact",
    "FunctionFit",
    "FunctionWeighting",
    "Incentive",
    "Industry",
    "LayoutRules",
    "Names",
    "Placement",
    "Placements",
    "Plan",
    "Platform",
    "PlatformsFile",
    "Rated",
    "RulesFile",
    "Sector",
    "SectorMatch",
    "SectorsFile",
    "Source",
    "SourcesFile",
    "Strength",
    "Strict",
    "Synergy",
]
