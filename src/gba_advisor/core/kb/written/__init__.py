"""The knowledge base as written in YAML: what `data/*.yaml` may contain, field by field, one
module per file (`platforms`, `sectors`, `sources`, `rules`) over what they share (`common`).

These models only validate shape and ranges. Cross-references (a sector id used by a platform,
a source id cited by a fact) are checked when the knowledge base is compiled, where every file
is known. Every fact carries `sources`: ids of entries in `sources.yaml`.

The models are re-exported here. They validate and document the files; what the rest of the
core reads is the plain copy the loader makes of them (`kb.schema`, same names and fields).
"""

from gba_advisor.core.kb.written.common import Names, Strict
from gba_advisor.core.kb.written.platforms import (
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
from gba_advisor.core.kb.written.rules import (
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
from gba_advisor.core.kb.written.sectors import Sector, SectorsFile
from gba_advisor.core.kb.written.sources import Source, SourcesFile

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
