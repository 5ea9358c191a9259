"""Explanations of scores: the contributions, built only when asked, from the scored terms.

Scoring hands over the very (weight, value) terms it summed; this module adds to each the
rule's reason and sources, written by the rules in `rules/` (or, for the priorities, compiled
with the tables). Points and shares are computed from the terms by the expression scoring
uses, so the contributions add up to the score.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from gba_advisor.core.kb.schema import Industry, Platform
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import Contribution, PlatformScore
from gba_advisor.core.scoring.rules.base import Basis, Context, Outcome
from gba_advisor.core.scoring.rules.markets import home_affinity, market_gateway
from gba_advisor.core.scoring.rules.placement import function_fit
from gba_advisor.core.scoring.rules.priorities import PRIORITY
from gba_advisor.core.scoring.rules.research import rd_intensity, rd_needs
from gba_advisor.core.scoring.rules.sector import main_sector_outcome, secondary_outcome
from gba_advisor.core.scoring.tables import CRITERIA, NO_INDUSTRY, PlatformTable, sector_credit
from gba_advisor.core.vocabulary import FunctionId, Priority

GATE_RULE = "function_gate"

Term = tuple[int, Priority | None, float, float]
"""(criterion index in CRITERIA, the priority for a priority term, weight, value)."""

_SHARED: Mapping[int, Callable[[Context, float], Outcome | None]] = {
    CRITERIA.index("market_gateway"): market_gateway,
    CRITERIA.index("home_affinity"): home_affinity,
    CRITERIA.index("rd_needs"): rd_needs,
    CRITERIA.index("rd_intensity"): rd_intensity,
}
"""The rules whose reason does not depend on the function: written once per platform."""
_FIT = CRITERIA.index("function_fit")
_SECTOR = CRITERIA.index("sector_fit")
_SECONDARY = CRITERIA.index("secondary_sector_fit")


class Explainer:
    """Writes the contributions of one platform's scores for one profile.

    The reasons that do not depend on the function are written on first use and kept for the
    platform's other functions; the explainer lives for one `score_profile` call.
    """

    def __init__(self, basis: Basis, profile: ResolvedProfile, table: PlatformTable) -> None:
        self._basis = basis
        self._profile = profile
        self._table = table
        self._shared: dict[int, tuple[str, tuple[str, ...]]] = {}

    def contributions(
        self, function: FunctionId, terms: Sequence[Term], total_weight: float
    ) -> tuple[Contribution, ...]:
        return tuple(
            Contribution(
                rule,
                100.0 * weight * value / total_weight,
                reason,
                sources,
                value,
                weight / total_weight,
            )
            for (criterion, priority, weight, value) in terms
            for rule, reason, sources in (self._why(function, criterion, priority, weight),)
        )

    def _why(
        self, function: FunctionId, criterion: int, priority: Priority | None, weight: float
    ) -> tuple[str, str, tuple[str, ...]]:
        if priority is not None:
            reason, sources = self._table.priority_reason[priority]
            return f"{PRIORITY}.{priority.value}", reason, sources
        if criterion == _FIT:
            outcome = function_fit(self._context(function), weight)
            return outcome.rule, outcome.reason, outcome.sources
        known = self._shared.get(criterion)
        if known is None:
            produced = self._shared_outcome(criterion)
            if produced is None:  # scoring only hands over terms that apply
                raise ValueError(f"{CRITERIA[criterion]} does not apply to this profile")
            known = (produced.reason, produced.sources)
            self._shared[criterion] = known
        return CRITERIA[criterion], known[0], known[1]

    def _shared_outcome(self, criterion: int) -> Outcome | None:
        context = self._context(self._profile.functions[0])
        if criterion == _SECTOR:
            return main_sector_outcome(context, 1.0, *self._credit(self._profile.sector.sector_id))
        if criterion == _SECONDARY:
            credits = [self._credit(r.sector_id) for r in self._profile.secondary_sectors]
            return secondary_outcome(context, 1.0, credits)
        return _SHARED[criterion](context, 1.0)

    def _credit(self, sector: str) -> tuple[float, Industry | None]:
        """The sector's credit and the industry giving it, as scored: from the tables."""
        value, position = sector_credit(self._table, self._basis, sector)
        industries = self._table.platform.priority_industries
        return value, industries[position] if position != NO_INDUSTRY else None

    def _context(self, function: FunctionId) -> Context:
        return Context(self._basis, self._profile, self._table.platform, function)


def gated(platform: Platform, function: FunctionId, blocked: str) -> PlatformScore:
    """The score of a platform that cannot host the function: 0, and why."""
    fit = platform.functions.get(function)
    sources = tuple(fit.sources) if fit else ()
    reason = f"cannot host {function.value}: {blocked}"
    return PlatformScore(
        platform.id, 0.0, (Contribution(GATE_RULE, 0.0, reason, sources, 0.0, 0.0),), blocked
    )
