"""The defence of a recommendation: how sure we are, and what would change our mind.

The pipeline (`core.api`) calls it when asked (`match --robustness`, `report`): it takes the
result with the constraints it was advised under and attaches the robustness and
counterfactual sections, computed against the same basis (knowledge base and date).
"""

from __future__ import annotations

import dataclasses

from gba_advisor.core.analysis.counterfactual import counterfactuals
from gba_advisor.core.analysis.robustness import robustness
from gba_advisor.core.analysis.settings import DefenceSettings
from gba_advisor.core.layout.recommendation import Constraints
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import AdvisorResult
from gba_advisor.core.scoring.rules.base import Basis


def defend(
    basis: Basis,
    profile: ResolvedProfile,
    constraints: Constraints,
    result: AdvisorResult,
    settings: DefenceSettings,
) -> AdvisorResult:
    """`result` with its robustness and counterfactual sections; every re-run honours the
    `constraints` the result was advised under."""
    return dataclasses.replace(
        result,
        robustness=robustness(
            basis, profile, constraints, result.layout, draws=settings.draws, seed=settings.seed
        ),
        counterfactuals=counterfactuals(basis, profile, constraints, result),
    )
