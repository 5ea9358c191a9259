"""The compiled knowledge base's records: what `data/*.yaml` says, as the core reads it.

Plain records (`record`), one module per file (`platforms`, `sectors`, `sources`, `rules`) over
what they share (`common`), with the same names and fields as the pydantic models that validate
the YAML (`kb.written`, documented field by field there). The loader validates with those, then
copies every value into these (`kb.loader`), so that a knowledge base from the cache needs no
pydantic class at all (issue 11).

The records are re-exported here: callers across the core import them from `kb.schema`.
"""

from gba_advisor.core.kb.schema.common import Names
from gba_advisor.core.kb.schema.platforms import (
    Area,
    Fact,
    FunctionFit,
    Incentive,
    Industry,
    Plan,
    Platform,
    Rated,
    Strength,
)
from gba_advisor.core.kb.schema.record import Record
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
from gba_advisor.core.kb.schema.sectors import Sector
from gba_advisor.core.kb.schema.sources import Source

RECORDS: dict[str, type[Record]] = {record.__name__: record for record in Record.__subclasses__()}
"""Every record by the name of the pydantic model it copies (all of them are imported above,
so all are defined by now)."""

__all__ = [
    "RECORDS",
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
    "Rated",
    "Record",
    "RulesFile",
    "Sector",
    "SectorMatch",
    "Source",
    "Strength",
    "Synergy",
]
