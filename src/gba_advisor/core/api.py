"""The advisor's public entry points: load a knowledge base and a profile, get a result.

The CLI, the batch runner and the explorer call these and nothing deeper, so a script that
imports `gba_advisor` gets exactly what `gba-advisor match` prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from gba_advisor.core.errors import InputError, Location
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.loader import load_knowledge_base
from gba_advisor.core.layout.notices import notices
from gba_advisor.core.layout.recommendation import Constraints, mark_excluded, recommend
from gba_advisor.core.profile.loader import ResolvedProfile, load_profile
from gba_advisor.core.result.model import AdvisorResult, Layout, ProfileSummary, SourceRef
from gba_advisor.core.scoring.dated_facts import later_facts, mark_later_facts
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.scoring.rules.standing import basis_for
from gba_advisor.core.scoring.score import Scores, score_profile
from gba_advisor.core.source.suggest import closest

__all__ = ["Advisor", "advise", "load_knowledge_base", "load_profile"]


class Advisor:
    """Scores profiles against one knowledge base on one date; reuse it for many profiles."""

    def __init__(self, knowledge_base: KnowledgeBase, as_of: dt.date | None = None) -> None:
        self.knowledge_base = knowledge_base
        self.basis: Basis = basis_for(knowledge_base, as_of or dt.date.today())
        self.later_facts = later_facts(knowledge_base, self.basis.as_of)
        """What the sources date after the as-of date: marked wherever a reason states it."""

    def advise(
        self,
        profile: ResolvedProfile,
        *,
        max_sites: int | None = None,
        exclude: Iterable[str] = (),
        explain: bool = True,
    ) -> AdvisorResult:
        """Rank the platforms, choose the layout and explain it.

        `explain=False` gives the same scores, ranking, layout and warnings without the
        contributions, rationale and sources: what a summary keeps, at a fraction of the cost.

        `max_sites` and `exclude` come on top of the profile's own constraints (the command
        line's `--max-sites` and `--exclude`). Raises `NoLayoutError` when nothing fits.
        """
        constraints = self.constraints_for(profile, max_sites, exclude)
        scores = score_profile(self.basis, profile, explain=explain)
        scores = mark_later_facts(mark_excluded(scores, constraints), self.later_facts)
        layout, alternatives = recommend(
            self.knowledge_base, profile.functions, scores, constraints, explain=explain
        )
        kb = self.knowledge_base
        return AdvisorResult(
            profile=_summary(profile, kb),
            as_of=self.basis.as_of,
            knowledge_base_version=kb.version,
            knowledge_base_hash=kb.content_hash,
            platform_names={p.id: p.short_name.en for p in kb.platforms},
            function_order=profile.functions,
            ranking=scores.ranking,
            by_function=scores.by_function,
            layout=layout,
            alternatives=alternatives,
            warnings=notices(self.basis, profile, scores, layout, constraints),
            sources=self._cited(scores, layout) if explain else (),
            weighting={
                f: row.reason
                for f in profile.functions
                if (row := kb.rules.by_function.get(f)) is not None
            },
        )

    def constraints_for(
        self, profile: ResolvedProfile, max_sites: int | None, exclude: Iterable[str]
    ) -> Constraints:
        """The profile's constraints merged with the command line's, as `advise` applies them."""
        extra = frozenset(exclude)
        check_exclude(self.knowledge_base, extra)
        written = profile.profile.constraints
        limits = [n for n in (written.max_sites, max_sites) if n is not None]
        tightest = min(limits) if limits else None
        return Constraints(
            max_sites=tightest,
            exclude=profile.exclude | extra,
            pin=dict(written.pin),
            origin=profile.origin,
            cli_exclude=extra - profile.exclude,
            cli_max_sites=max_sites is not None and tightest != written.max_sites,
            positions=profile.positions,
        )

    def _cited(self, scores: Scores, layout: Layout) -> tuple[SourceRef, ...]:
        """The sources behind every contribution of the result, sorted by id."""
        contributions = [
            *(
                c
                for entries in scores.by_function.values()
                for e in entries
                for c in e.contributions
            ),
            *layout.breakdown,
        ]
        cited = {source for c in contributions for source in c.sources}
        known = self.knowledge_base.sources
        return tuple(
            SourceRef(s.id, s.title, s.publisher, s.date, s.url, s.official, s.mirror_of)
            for s in (known[i] for i in sorted(cited) if i in known)
        )


def check_exclude(knowledge_base: KnowledgeBase, exclude: Iterable[str]) -> None:
    """Refuse an unknown platform id given on the command line's --exclude."""
    known = knowledge_base.platform_ids
    for platform in sorted(set(exclude)):
        if platform not in known:
            raise InputError(
                f"unknown platform `{platform}` in --exclude",
                location=Location("command line", field="--exclude"),
                hint=f"known platforms: {', '.join(known)}",
                suggestion=closest(platform, known),
            )


def advise(
    profile_path: Path,
    *,
    data_dir: Path | None = None,
    as_of: dt.date | None = None,
    max_sites: int | None = None,
    exclude: Iterable[str] = (),
) -> AdvisorResult:
    """One call from a profile file to a result, with the shipped or a given knowledge base."""
    knowledge_base = load_knowledge_base(data_dir)
    profile = load_profile(profile_path, knowledge_base)
    return Advisor(knowledge_base, as_of).advise(profile, max_sites=max_sites, exclude=exclude)


def _summary(profile: ResolvedProfile, knowledge_base: KnowledgeBase) -> ProfileSummary:
    return ProfileSummary(
        name=profile.profile.name,
        sector=profile.sector.sector_id,
        sector_name=knowledge_base.sectors.sectors[profile.sector.sector_id].name.en,
        sector_query=profile.sector.query,
        sector_match=profile.sector.method.value,
        secondary_sectors=tuple(r.sector_id for r in profile.secondary_sectors),
        home=profile.profile.home.value,
        functions=profile.functions,
        origin=profile.origin,
    )
