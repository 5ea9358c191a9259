"""The defence of a recommendation: how sure we are, and what would change our mind.

One entry point for the CLI (`match --robustness`, `report`): it takes the result `advise`
returned and attaches the robustness and counterfactual sections, computed against the same
knowledge base, date and constraints.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Protocol

from gba_advisor.core.analysis.counterfactual import counterfactuals
from gba_advisor.core.analysis.robustness import DEFAULT_DRAWS, DEFAULT_SEED, MAX_DRAWS, robustness
from gba_advisor.core.layout.recommendation import Constraints
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import AdvisorResult
from gba_advisor.core.scoring.rules.base import Basis


class Advising(Protocol):
    """What the defence needs of the advisor that gave the result (`core.api.Advisor`): its
    basis and its own merge of constraints. Named here so that the analyses sit below the API."""

    @property
    def basis(self) -> Basis: ...

    def constraints_for(
        self, profile: ResolvedProfile, max_sites: int | None, exclude: Iterable[str]
    ) -> Constraints: ...


def defend(
    advisor: Advising,
    profile: ResolvedProfile,
    result: AdvisorResult,
    *,
    max_sites: int | None = None,
    exclude: Iterable[str] = (),
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> AdvisorResult:
    """`result` with its robustness and counterfactual sections.

    `max_sites` and `exclude` must be those `result` was advised with, so that every re-run
    honours the same constraints.
    """
    if not 1 <= draws <= MAX_DRAWS:
        raise ValueError(f"draws must be between 1 and {MAX_DRAWS}, not {draws}")
    # The advisor's own merge of profile and command-line constraints, so that the re-runs
    # can never disagree with the result they test.
    constraints = advisor.constraints_for(profile, max_sites, exclude)
    basis = advisor.basis
    return dataclasses.replace(
        result,
        robustness=robustness(basis, profile, constraints, result.layout, draws=draws, seed=seed),
        counterfactuals=counterfactuals(basis, profile, constraints, result),
    )
