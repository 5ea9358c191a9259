"""Warnings a result carries: fuzzy sector matches, incentive validity, excluded favourites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.sectors import MatchMethod, SectorResolution
from gba_advisor.core.kept import KeptBy
from gba_advisor.core.layout.constraints import LayoutConstraints
from gba_advisor.core.layout.data_gaps import inputs_without_data
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import Layout, Warning
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.scoring.score import Scores


def notices(
    basis: Basis,
    profile: ResolvedProfile,
    scores: Scores,
    layout: Layout,
    constraints: LayoutConstraints,
) -> tuple[Warning, ...]:
    """Every warning for a result, in a stable order."""
    found = [
        *_sector_matches(basis.knowledge_base, profile),
        *inputs_without_data(basis, profile),
        *_incentive_validity(basis, layout),
        *_excluded_favourites(basis.knowledge_base, scores, constraints),
    ]
    return tuple(found)


def _sector_matches(knowledge_base: KnowledgeBase, profile: ResolvedProfile) -> Iterator[Warning]:
    """A warning for every sector not written exactly as an id, name or alias.

    A description read by one of its terms gets one warning naming the term, the sectors its other
    parts added and the parts set aside; a sector it added gets its own warning only when that
    description's warning is missing (its main sector was already the profile's).
    """
    fields = (
        ("sector", profile.sector),
        *(("secondary_sectors", r) for r in profile.secondary_sectors),
    )
    described = {r.query for _, r in fields if r.term is not None and not r.derived}
    sectors = knowledge_base.sectors.sectors
    for field, resolution in fields:
        if resolution.exact:
            continue
        name = sectors[resolution.sector_id].name.en
        how = (
            f" by fuzzy matching (score {resolution.score:.0f})"
            if resolution.method is MatchMethod.FUZZY
            else ""
        )
        if resolution.derived:
            if resolution.query not in described:
                yield Warning(
                    "sector_derived",
                    f"secondary sector `{resolution.sector_id}` ({name}) was taken from "
                    f"{resolution.term!r} in {resolution.query!r}{how}; list it in "
                    "secondary_sectors to make it explicit",
                )
        elif resolution.term is not None:
            yield Warning(
                "sector_head_term",
                f"{field} {resolution.query!r} was read as `{resolution.sector_id}` ({name}) "
                f"from its part {resolution.term!r}{how}{_derivations(resolution)}; "
                "write the ids to make it exact",
            )
        else:
            yield Warning(
                "sector_fuzzy_match",
                f"{field} {resolution.query!r} was read as `{resolution.sector_id}` ({name}) by "
                f"fuzzy matching (score {resolution.score:.0f}); write the id to make it exact",
            )


def _derivations(resolution: SectorResolution) -> str:
    """What else a description gave: sectors added as secondary ones, parts set aside."""
    text = ""
    if resolution.extras:
        added = ", ".join(f"`{e.sector_id}` (from {e.term!r})" for e in resolution.extras)
        text += f"; added as secondary sectors: {added}"
    if resolution.details:
        text += f"; set aside: {', '.join(repr(d) for d in resolution.details)}"
    return text


def _incentive_validity(basis: Basis, layout: Layout) -> Iterator[Warning]:
    for site in layout.sites:
        yield from _site_validity(basis, site.platform)


_VALIDITY: KeptBy[Basis, dict[str, tuple[Warning, ...]]] = KeptBy(8)


def _site_validity(basis: Basis, platform_id: str) -> tuple[Warning, ...]:
    """A platform's incentive warnings depend on the basis alone: written once per basis and
    platform, and shared by every result (a batch writes them for thousands of layouts)."""
    written = _VALIDITY.get(basis, lambda _: {})
    found = written.get(platform_id)
    if found is None:
        found = written[platform_id] = tuple(_validity_warnings(basis, platform_id))
    return found


def _validity_warnings(basis: Basis, platform_id: str) -> Iterator[Warning]:
    horizon = basis.as_of + dt.timedelta(days=basis.knowledge_base.rules.expiry_warning_days)
    platform = basis.knowledge_base.platform(platform_id)
    standing = basis.standings[platform_id]
    name = platform.short_name.en
    for incentive in standing.expired:
        if incentive.end_unverified:
            yield Warning(
                "incentive_unverified_lapsed",
                f"{name}: the end date of {incentive.title} could not be verified; it is "
                f"counted until its commonly assumed end {incentive.assumed_until}, so as of "
                f"{basis.as_of} it is unverified, not counted",
                platform_id,
            )
            continue
        yield Warning(
            "incentive_expired",
            f"{name}: {incentive.title} ended {incentive.valid_until} and is not counted "
            f"as of {basis.as_of}; check whether it was extended",
            platform_id,
        )
    for incentive in standing.in_force:
        until = incentive.counted_until
        if incentive.end_unverified:
            assumed = f" until its commonly assumed end {until}" if until else ""
            yield Warning(
                "incentive_end_unverified",
                f"{name}: the end date of {incentive.title} could not be verified; "
                f"it is counted as in force{assumed}",
                platform_id,
            )
        elif isinstance(until, dt.date) and until <= horizon:
            yield Warning(
                "incentive_expiring",
                f"{name}: {incentive.title} ends {until}, within "
                f"{(until - basis.as_of).days} days of {basis.as_of}",
                platform_id,
            )


def _excluded_favourites(
    knowledge_base: KnowledgeBase, scores: Scores, constraints: LayoutConstraints
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
