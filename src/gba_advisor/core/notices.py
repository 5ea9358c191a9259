"""Warnings a result carries: fuzzy sector matches, incentive validity, excluded favourites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.recommendation import Constraints
from gba_advisor.core.result import Layout, Warning
from gba_advisor.core.rules.base import Basis
from gba_advisor.core.scoring import Scores


def notices(
    basis: Basis,
    profile: ResolvedProfile,
    scores: Scores,
    layout: Layout,
    constraints: Constraints,
) -> tuple[Warning, ...]:
    """Every warning for a result, in a stable order."""
    found = [
        *_sector_matches(basis.knowledge_base, profile),
        *_incentive_validity(basis, layout),
        *_excluded_favourites(basis.knowledge_base, scores, constraints),
    ]
    return tuple(found)


def _sector_matches(knowledge_base: KnowledgeBase, profile: ResolvedProfile) -> Iterator[Warning]:
    for field, resolution in (
        ("sector", profile.sector),
        *(("secondary_sectors", r) for r in profile.secondary_sectors),
    ):
        if resolution.exact:
            continue
        name = knowledge_base.sectors.sectors[resolution.sector_id].name.en
        yield Warning(
            "sector_fuzzy_match",
            f"{field} {resolution.query!r} was read as `{resolution.sector_id}` ({name}) by "
            f"fuzzy matching (score {resolution.score:.0f}); write the id to make it exact",
        )


def _incentive_validity(basis: Basis, layout: Layout) -> Iterator[Warning]:
    horizon = basis.as_of + dt.timedelta(days=basis.knowledge_base.rules.expiry_warning_days)
    for site in layout.sites:
        platform = basis.knowledge_base.platform(site.platform)
        standing = basis.standings[site.platform]
        name = platform.short_name.en
        for incentive in standing.expired:
            yield Warning(
                "incentive_expired",
                f"{name}: {incentive.title} ended {incentive.valid_until} and is not counted "
                f"as of {basis.as_of}; check whether it was extended",
                site.platform,
            )
        for incentive in standing.in_force:
            until = incentive.valid_until
            if until == "unverified":
                yield Warning(
                    "incentive_end_unverified",
                    f"{name}: the end date of {incentive.title} could not be verified; "
                    "it is counted as in force",
                    site.platform,
                )
            elif isinstance(until, dt.date) and until <= horizon:
                yield Warning(
                    "incentive_expiring",
                    f"{name}: {incentive.title} ends {until}, within "
                    f"{(until - basis.as_of).days} days of {basis.as_of}",
                    site.platform,
                )


def _excluded_favourites(
    knowledge_base: KnowledgeBase, scores: Scores, constraints: Constraints
) -> Iterator[Warning]:
    for function, ranking in scores.by_function.items():
        leader = ranking[0].platform
        if leader in constraints.exclude:
            name = knowledge_base.platform(leader).short_name.en
            yield Warning(
                "excluded_leader",
                f"{name} ranks first for {function.value} but is excluded by the constraints",
                leader,
            )
