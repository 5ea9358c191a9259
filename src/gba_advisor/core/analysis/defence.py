"""The defence of a recommendation: how sure we are, and what would change our mind.

The pipeline (`core.api`) calls it when asked (`match --robustness`, `report`): it takes the
result with the constraints it was advised under and returns a `Defence` that wraps the result
rather than living in it, computed against the same basis (knowledge base and date). The base
result (`core.result.model`) knows nothing of it; `Advice` carries both.
"""

from __future__ import annotations

from typing import Any

from gba_advisor.core.analysis.counterfactual import Counterfactuals, counterfactuals
from gba_advisor.core.analysis.robustness import Robustness, robustness
from gba_advisor.core.analysis.settings import DefenceSettings
from gba_advisor.core.frozen import frozen
from gba_advisor.core.layout.constraints import LayoutConstraints
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import AdvisorResult
from gba_advisor.core.scoring.rules.base import Basis


@frozen
class Defence:
    """The robustness and counterfactual sections of one result."""

    robustness: Robustness
    counterfactuals: Counterfactuals

    def to_dict(self) -> dict[str, Any]:
        """The SPEC's `robustness` and `counterfactuals` keys, which follow the result's own."""
        return {
            "robustness": self.robustness.to_dict(),
            "counterfactuals": self.counterfactuals.to_dict(),
        }


def defend(
    basis: Basis,
    profile: ResolvedProfile,
    constraints: LayoutConstraints,
    result: AdvisorResult,
    settings: DefenceSettings,
) -> Defence:
    """The defence of `result`; every re-run honours the `constraints` it was advised under."""
    return Defence(
        robustness=robustness(
            basis, profile, constraints, result.layout, draws=settings.draws, seed=settings.seed
        ),
        counterfactuals=counterfactuals(basis, profile, constraints, result),
    )
