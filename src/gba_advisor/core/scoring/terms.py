"""What both scoring paths weigh: a function's weights for a profile, the values that do not
depend on the function, and the order of a ranking.

`score` (with explanations) and `bare` (without) build their terms from these, in the same
order and by the same arithmetic, so that their scores are the same to the last bit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from gba_advisor.core.frozen import frozen
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import DECIMALS, PlatformScore
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.scoring.tables import (
    CRITERIA,
    Tables,
    Weighting,
    remembered,
    sector_credit,
)
from gba_advisor.core.vocabulary import FunctionId, Priority

(SECTOR, SECONDARY, FIT, MARKET, HOME, RD_NEEDS, RD_INTENSITY, PRIORITIES) = range(len(CRITERIA))

Levels = tuple[tuple[Priority, int], ...]
"""The profile's ratings of the scored priorities, those above 0, in the order of `Priority`."""


@frozen
class Scores:
    """Per-function and overall scores for every platform, sorted best first."""

    by_function: Mapping[FunctionId, tuple[PlatformScore, ...]]
    ranking: tuple[PlatformScore, ...]

    def score(self, function: FunctionId, platform: str) -> PlatformScore:
        for entry in self.by_function[function]:
            if entry.platform == platform:
                return entry
        raise KeyError((function, platform))


@frozen
class Weighed:
    """One function's weights for this profile: the same for every platform."""

    function: FunctionId
    criteria: tuple[tuple[int, float], ...]
    """The criteria before R&D intensity that weigh something, with their weights, in order."""
    rd_weight: float
    """The R&D-intensity weight times the profile's factor; 0 when it does not count."""
    priorities: tuple[tuple[Priority, float], ...]
    """Each priority that counts, with its share of the priorities' weight."""


def ratings(tables: Tables, profile: ResolvedProfile) -> tuple[Levels, float]:
    """The profile's priority levels that count, and its R&D-intensity factor."""
    rating = profile.profile.priorities
    # A priority is a str: read the field by it (what `Priorities.level` does, less two calls
    # per priority and profile).
    levels = tuple(
        (p, level) for p in tables.scored_priorities if (level := getattr(rating, p)) > 0
    )
    return levels, tables.rd_factor.get(profile.profile.rd_intensity, 0.0)


def weighed_row(tables: Tables, function: FunctionId, levels: Levels, factor: float) -> Weighed:
    """`weighed`, memoised with the tables: a screening list repeats the same few ratings."""
    key = ("weighed", function, levels, factor)
    return remembered(tables, key, lambda: weighed(tables, function, levels, factor))


def weighed(tables: Tables, function: FunctionId, levels: Levels, factor: float) -> Weighed:
    """The function's weights for the profile, each by the rules' own arithmetic."""
    weighting = tables.weighting[function]
    return Weighed(
        function,
        weighting.criteria,
        rd_weight(weighting, factor),
        priority_parts(weighting, levels),
    )


def rd_weight(weighting: Weighting, factor: float) -> float:
    """The R&D-intensity weight for the profile's factor; 0 when it does not count."""
    # The rule rates R&D intensity at weight 1.0 * factor, then scoring weighs it by the
    # criterion: (1.0 * factor) * w, which is factor * w exactly.
    weight = weighting.weights[RD_INTENSITY]
    return factor * weight if factor > 0 and weight > 0 else 0.0


def priority_parts(weighting: Weighting, levels: Levels) -> tuple[tuple[Priority, float], ...]:
    """Each priority that counts, with its share of the priorities' weight.

    A priority's share is the profile's rating times how much it matters to the function (the
    function's multipliers in rules.yaml: space weighs on a factory, research on a lab); the
    priorities the profile rates 0 and those the sources hold no data on do not count.
    """
    weight = weighting.weights[PRIORITIES]
    if weight <= 0 or not levels:
        return ()
    multipliers = weighting.multipliers
    shares = [(p, share) for p, level in levels if (share := level * multipliers.get(p, 1.0)) > 0]
    total = sum([share for _, share in shares])
    return tuple([(p, weight * share / total) for p, share in shares]) if total else ()


def shared_rows(
    basis: Basis, tables: Tables, profile: ResolvedProfile
) -> list[tuple[float | None, ...]]:
    """For each platform, in the tables' order, the value of every criterion that does not
    depend on the function, by CRITERIA index; None where it does not apply to the profile (no
    secondary sector, no rated market, no R&D need) or depends on the function.

    The market and R&D-need means depend on the profile's lists alone, which a screening list
    repeats far more often than whole profiles: every platform's are remembered by the list."""
    markets = remembered(
        tables,
        ("markets", profile.target_markets),
        lambda: _means(
            tables, "market", [m for m in profile.target_markets if m not in basis.unrated_markets]
        ),
    )
    needs = remembered(
        tables, ("rd_needs", profile.rd_needs), lambda: _means(tables, "rd_need", profile.rd_needs)
    )
    sector_id = profile.sector.sector_id
    secondaries = profile.secondary_sectors
    home = profile.profile.home
    rows: list[tuple[float | None, ...]] = []
    for table, market, rd_needs in zip(tables.platforms, markets, needs, strict=True):
        sector = sector_credit(table, basis, sector_id)[0]
        secondary: float | None = None
        if secondaries:
            total = 0.0
            for resolution in secondaries:
                total += sector_credit(table, basis, resolution.sector_id)[0]
            secondary = total / len(secondaries)
        rows.append(
            (sector, secondary, None, market, table.home.get(home, 0.0), rd_needs, table.research)
        )
    return rows


def _means(
    tables: Tables, column: Literal["market", "rd_need"], keys: Sequence[str]
) -> list[float | None]:
    """Each platform's mean level over `keys` in one of its columns (a key it does not list
    counts 0), or None without keys."""
    means: list[float | None] = []
    for table in tables.platforms:
        levels: Mapping[str, float] = getattr(table, column)
        values = [levels.get(key, 0.0) for key in keys]
        means.append(sum(values) / len(values) if values else None)
    return means


def ranked(entries: Iterable[PlatformScore]) -> tuple[PlatformScore, ...]:
    """Best first by the score as reported (two decimals), ties broken by platform id."""
    # `rounded` written out: this key runs for every score of every profile.
    return tuple(sorted(entries, key=lambda e: (-(round(e.score, DECIMALS) + 0.0), e.platform)))
