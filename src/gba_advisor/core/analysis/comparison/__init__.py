"""Platforms side by side: where their facts differ and, for a profile, who wins each criterion.

One pure function, `compare_platforms`, serves the `compare` command and the explorer's
side-by-side view, so both mark the same differences and name the same winners. The facts come
from the knowledge base as written (incentives judged on the as-of date); the fit to a profile
comes from an `AdvisorResult` that `Advisor.advise` produced. Nothing is re-scored here: a
criterion's points are the ones `match` reports, read back from the result.
"""

from gba_advisor.core.analysis.comparison.facts import (
    LISTED,
    RANKED,
    Cell,
    FactRow,
    Item,
    Section,
)
from gba_advisor.core.analysis.comparison.fit import FitKind, FitRow, ProfileFit, profile_fit
from gba_advisor.core.analysis.comparison.side_by_side import (
    Comparison,
    compare_platforms,
    select_platforms,
)

__all__ = [
    "LISTED",
    "RANKED",
    "Cell",
    "Comparison",
    "FactRow",
    "FitKind",
    "FitRow",
    "Item",
    "ProfileFit",
    "Section",
    "compare_platforms",
    "profile_fit",
    "select_platforms",
]
