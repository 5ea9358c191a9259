"""Explanations of scores: the contributions, built only when asked, from the scored terms.

Scoring hands over the very (weight, value) terms it summed; this module adds to each the
rule's reason and sources, written by the rules in `rules/` (or, for the priorities, compiled
with the tables). Points and shares are computed from the terms by the expression scoring
uses, so the contributions add up to the score.

A rule's reason depends on the platform and on a few fields of the profile only (the sector,
the markets, the home...), and a batch sees the same few again and again: each is written once
per compiled platform table and kept with it (`_PlatformTexts`), so explaining a score costs
little more than the arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from gba_advisor.core.kb.schema import Industry, Platform
from gba_advisor.core.kept import KeptBy, keep
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
Why = tuple[str, str, tuple[str, ...]]
"""A contribution's rule, reason and sources: what it says, whatever its weight."""

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
_MARKET = CRITERIA.index("market_gateway")
_HOME = CRITERIA.index("home_affinity")
_RD_NEEDS = CRITERIA.index("rd_needs")
_RD_INTENSITY = CRITERIA.index("rd_intensity")


_KEPT_TABLES = 64
"""Platform tables whose texts are kept: 8 compiled forms (as `tables` keeps) of 8 platforms."""
_KEPT_TEXTS = 4096
"""Texts kept per platform: a batch of any size meets far fewer distinct sector, market and
R&D-need combinations; past that, the texts are written again as needed."""


@dataclass(slots=True)
class _PlatformTexts:
    """What the rules say about one compiled platform, for every profile scored against it.

    The tables are compiled from the knowledge base and the date alone and reused by every
    `Advisor` on them, so what is written here holds for as long as the table lives. A shared
    rule's reason depends on the platform and on one profile field (see `Explainer._key`).
    """

    priority: dict[Priority, Why]
    fit: dict[FunctionId, Why] = field(default_factory=dict)
    shared: dict[tuple[int, Hashable], Why] = field(default_factory=dict)


_TEXTS: KeptBy[PlatformTable, _PlatformTexts] = KeptBy(_KEPT_TABLES)


def _new_texts(table: PlatformTable) -> _PlatformTexts:
    return _PlatformTexts(
        {
            p: (f"{PRIORITY}.{p.value}", reason, sources)
            for p, (reason, sources) in table.priority_reason.items()
        }
    )


class Explainer:
    """Writes the contributions of one platform's scores for one profile.

    The reasons come from the platform's texts (`_PlatformTexts`), written on first use; the
    explainer lives for one `score_profile` call and keeps the shared ones at hand.
    """

    def __init__(self, basis: Basis, profile: ResolvedProfile, table: PlatformTable) -> None:
        self._basis = basis
        self._profile = profile
        self._table = table
        self._texts = _TEXTS.get(table, _new_texts)
        self._shared: dict[int, Why] = {}

    def contributions(
        self, function: FunctionId, terms: Sequence[Term], total_weight: float
    ) -> tuple[Contribution, ...]:
        # A plain loop over cached texts: this runs for every term of every score explained.
        priority_why = self._texts.priority
        shared = self._shared
        fit: Why | None = None
        contributions = []
        for criterion, priority, weight, value in terms:
            if priority is not None:
                why = priority_why[priority]
            elif criterion == _FIT:
                why = fit = fit or self._fit(function)
            else:
                why = shared.get(criterion) or self._shared_why(criterion)
            contributions.append(
                Contribution(
                    why[0],
                    100.0 * weight * value / total_weight,
                    why[1],
                    why[2],
                    value,
                    weight / total_weight,
                )
            )
        return tuple(contributions)

    def _fit(self, function: FunctionId) -> Why:
        known = self._texts.fit
        why = known.get(function)
        if why is None:
            outcome = function_fit(self._context(function), 1.0)
            why = known[function] = (outcome.rule, outcome.reason, outcome.sources)
        return why

    def _shared_why(self, criterion: int) -> Why:
        known = self._texts.shared
        key = (criterion, self._key(criterion))
        why = known.get(key)
        if why is None:
            produced = self._shared_outcome(criterion)
            if produced is None:  # scoring only hands over terms that apply
                raise ValueError(f"{CRITERIA[criterion]} does not apply to this profile")
            why = keep(
                known, key, (CRITERIA[criterion], produced.reason, produced.sources), _KEPT_TEXTS
            )
        self._shared[criterion] = why
        return why

    def _key(self, criterion: int) -> Hashable:
        """What of the profile the criterion's reason depends on (with the platform, fixed by
        the table, and the date and knowledge base the table was compiled from)."""
        profile = self._profile
        if criterion == _SECTOR:
            return profile.sector.sector_id
        if criterion == _SECONDARY:
            return tuple(r.sector_id for r in profile.secondary_sectors)
        if criterion == _MARKET:
            return profile.target_markets
        if criterion == _HOME:
            return profile.profile.home
        if criterion == _RD_NEEDS:
            return profile.rd_needs
        if criterion == _RD_INTENSITY:
            return profile.profile.rd_intensity
        raise ValueError(f"{CRITERIA[criterion]} is not a shared criterion")

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
