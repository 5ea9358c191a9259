"""The closed vocabularies of the SPEC: functions, R&D needs, markets, home regions, priorities.

They are enums so that pydantic validates them, the JSON Schema lists them, and a typo in a
profile or in the knowledge base is caught at load time with a suggestion.
"""

from __future__ import annotations

from enum import StrEnum


class FunctionId(StrEnum):
    """A business function the enterprise wants to place."""

    RD = "rd"
    HEADQUARTERS = "headquarters"
    MANUFACTURING = "manufacturing"
    FINANCE = "finance"
    TRADE = "trade"
    LOGISTICS = "logistics"
    SERVICES = "services"
    TOURISM = "tourism"


class RdNeed(StrEnum):
    """A research and development need a platform may serve."""

    WET_LAB = "wet_lab"
    PILOT_PRODUCTION = "pilot_production"
    CLINICAL_TRIALS = "clinical_trials"
    CROSS_BORDER_DATA = "cross_border_data"
    CROSS_BORDER_SAMPLES = "cross_border_samples"
    UNIVERSITY_PARTNERSHIP = "university_partnership"
    INTERNATIONAL_TALENT = "international_talent"


class Market(StrEnum):
    """A market the enterprise targets."""

    MAINLAND = "mainland"
    HONG_KONG = "hong_kong"
    MACAO = "macao"
    PORTUGUESE_SPEAKING = "portuguese_speaking"
    ASEAN = "asean"
    BELT_AND_ROAD = "belt_and_road"
    EUROPE = "europe"
    NORTH_AMERICA = "north_america"
    GLOBAL = "global"


class Home(StrEnum):
    """Where the enterprise comes from."""

    MAINLAND = "mainland"
    HONG_KONG = "hong_kong"
    MACAO = "macao"
    TAIWAN = "taiwan"
    FOREIGN = "foreign"


class Priority(StrEnum):
    """A dimension the enterprise cares about, rated 0-5 in the profile."""

    TAX = "tax"
    TALENT = "talent"
    MARKET_ACCESS = "market_access"
    CROSS_BORDER = "cross_border"
    SPACE = "space"
    COST = "cost"
    RESEARCH = "research"
    FINANCE_ACCESS = "finance_access"


class RdIntensity(StrEnum):
    """How research-intensive the enterprise is."""

    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class IncentiveKind(StrEnum):
    """The kind of a preferential policy."""

    CORPORATE_INCOME_TAX = "corporate_income_tax"
    INDIVIDUAL_INCOME_TAX = "individual_income_tax"
    CUSTOMS = "customs"
    PROFESSIONAL_RECOGNITION = "professional_recognition"
    CROSS_BORDER_CAPITAL = "cross_border_capital"
    CROSS_BORDER_DATA = "cross_border_data"
    CROSS_BORDER_PEOPLE = "cross_border_people"
    MARKET_ACCESS = "market_access"
    FINANCE = "finance"


FUNCTION_LABELS: dict[FunctionId, str] = {
    FunctionId.RD: "R&D",
    FunctionId.HEADQUARTERS: "headquarters",
    FunctionId.MANUFACTURING: "manufacturing",
    FunctionId.FINANCE: "finance",
    FunctionId.TRADE: "sales & trade",
    FunctionId.LOGISTICS: "logistics",
    FunctionId.SERVICES: "professional services",
    FunctionId.TOURISM: "tourism & exhibitions",
}
