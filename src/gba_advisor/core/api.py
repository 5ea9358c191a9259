"""The advisor's public entry points: load a knowledge base and a profile, get advice.

One pipeline: `advise_profile(profile, knowledge_base, options)` scores, recommends, explains
and, when asked, defends the result. The `Advice` it returns wraps the result with what it was
advised from and, when asked, its `Defence` (robustness and counterfactuals), which the base
result does not know. Every command (match, report, compare, batch) and the
explorer go through it, so a script that imports `gba_advisor` gets exactly what
`gba-advisor match` prints; the analyses re-run its lower half (`layout.pipeline.place`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gba_advisor.core.analysis.settings import DefenceSettings
from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.layout.constraints import LayoutConstraints
from gba_advisor.core.layout.notices import notices
from gba_advisor.core.layout.pipeline import check_exclude, merge_constraints, place
from gba_advisor.core.profile.loader import ResolvedProfile, load_profile
from gba_advisor.core.result.model import AdvisorResult, Layout, ProfileSummary, SourceRef
from gba_advisor.core.scoring.dated_facts import later_facts
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.scoring.rules.standing import basis_for
from gba_advisor.core.scoring.score import Scores
from gba_advisor.core.scoring.tables import tables_for

if TYPE_CHECKING:
    from gba_advisor.core.analysis.defence import Defence

__all__ = [
    "Advice",
    "AdviceOptions",
    "Advisor",
    "DefenceSettings",
    "advise",
    "advise_file",
    "advise_profile",
    "check_exclude",
    "load_knowledge_base",
    "load_profile",
]


@frozen
class AdviceOptions:
    """What a caller may ask of the pipeline besides the profile."""

    as_of: dt.date | None = None
    """Which incentives are in force (default: today)."""
    max_sites: int | None = None
    """On top of the profile's own limit (the command line's `--max-sites`)."""
    exclude: tuple[str, ...] = ()
    """On top of the profile's own exclusions (the command line's `--exclude`)."""
    explain: bool = True
    """False: the same scores, ranking, layout and warnings without the contributions,
    rationale and sources, at a fraction of the cost."""
    compact: bool = False
    """True: only what a compact batch line or a CSV row shows: no explanations, and the
    recommended layout without its breakdown or runners-up (`alternatives` is empty)."""
    extras_explained: bool = True
    """False: what a self-contained result explains and an explained batch line does not show
    goes unexplained: the overall ranking has no contributions (the functions' scores keep
    theirs; averaging every rule over the functions was a sixth of a line's cost), and the
    runners-up no breakdown (where each goes, its sites and score stay, and the rationale
    still compares them)."""
    defence: DefenceSettings | None = None
    """Add robustness and counterfactuals (`--robustness`, `report`)."""


@frozen
class Advice:
    """A result with what it was advised from (the profile and the merged constraints) and,
    when asked, its defence."""

    result: AdvisorResult
    profile: ResolvedProfile
    constraints: LayoutConstraints
    knowledge_base: KnowledgeBase
    defence: Defence | None = None
    """Robustness and counterfactuals (`AdviceOptions.defence`); None when not asked."""

    @property
    def as_of(self) -> dt.date:
        return self.result.as_of

    def to_dict(self, *, explain: bool = True) -> dict[str, Any]:
        """The SPEC's JSON result: the result's keys, then the defence's."""
        data = self.result.to_dict(explain=explain)
        if self.defence is not None:
            data.update(self.defence.to_dict())
        return data


class Advisor:
    """One knowledge base on one date; reuse it for many profiles (its basis is computed once)."""

    def __init__(self, knowledge_base: KnowledgeBase, as_of: dt.date | None = None) -> None:
        self.knowledge_base = knowledge_base
        self.basis: Basis = basis_for(knowledge_base, as_of or dt.date.today())
        self.later_facts = later_facts(knowledge_base, self.basis.as_of)
        """What the sources date after the as-of date: marked wherever a reason states it."""
        self._names = {p.id: p.short_name.en for p in knowledge_base.platforms}
        """Every result's `platform_names`: one dict for all of them, as results never change."""
        self._source_refs: dict[str, SourceRef] = {}
        """`_cited`'s references, made once per source: a result cites some 90 sources, and
        making them anew for each profile was a tenth of the cost of an explained batch line."""

    def prepare(self) -> None:
        """Compile the scoring tables now rather than at the first profile: before worker
        processes are forked from this one, so that they inherit them ready."""
        tables_for(self.basis)

    def run(self, profile: ResolvedProfile, options: AdviceOptions) -> Advice:
        """The pipeline: constraints, scores, layout, the result around them, its defence.

        Raises `NoLayoutError` when nothing fits, `InputError` for an unknown `--exclude`.
        """
        if options.as_of is not None and options.as_of != self.basis.as_of:
            raise ValueError(f"this advisor judges {self.basis.as_of}, not {options.as_of}")
        constraints = merge_constraints(
            self.knowledge_base, profile, options.max_sites, options.exclude
        )
        result = self._result(profile, constraints, options)
        defence = None
        if options.defence is not None:
            # Imported here: robustness and counterfactuals cost a cold `match` 10 ms (issue 11).
            from gba_advisor.core.analysis.defence import defend

            defence = defend(self.basis, profile, constraints, result, options.defence)
        return Advice(result, profile, constraints, self.knowledge_base, defence)

    def advise(
        self,
        profile: ResolvedProfile,
        *,
        max_sites: int | None = None,
        exclude: Iterable[str] = (),
        explain: bool = True,
    ) -> AdvisorResult:
        """`run` for a script that wants the result alone."""
        options = AdviceOptions(max_sites=max_sites, exclude=tuple(exclude), explain=explain)
        return self.run(profile, options).result

    def _result(
        self,
        profile: ResolvedProfile,
        constraints: LayoutConstraints,
        options: AdviceOptions,
    ) -> AdvisorResult:
        explain = options.explain and not options.compact
        placed = place(
            self.basis,
            profile,
            constraints,
            explain=explain,
            compact=options.compact,
            extras_explained=options.extras_explained,
            marks=self.later_facts,
        )
        kb = self.knowledge_base
        return AdvisorResult(
            profile=_summary(profile, kb),
            as_of=self.basis.as_of,
            knowledge_base_version=kb.version,
            knowledge_base_hash=kb.content_hash,
            platform_names=self._names,
            function_order=profile.functions,
            ranking=placed.scores.ranking,
            by_function=placed.scores.by_function,
            layout=placed.layout,
            alternatives=placed.alternatives,
            warnings=notices(self.basis, profile, placed.scores, placed.layout, constraints),
            sources=self._cited(placed.scores, placed.layout) if explain else (),
            weighting={
                f: row.reason
                for f in profile.functions
                if (row := kb.rules.by_function.get(f)) is not None
            },
        )

    def _cited(self, scores: Scores, layout: Layout) -> tuple[SourceRef, ...]:
        """The sources behind every contribution of the result, sorted by id."""
        cited: set[str] = set()
        for entries in scores.by_function.values():
            for entry in entries:
                # One update a score, not one a contribution: an explained result has a hundred.
                cited.update(*[contribution.sources for contribution in entry.contributions])
        cited.update(*[contribution.sources for contribution in layout.breakdown])
        known = self.knowledge_base.sources
        refs = self._source_refs
        for i in cited - refs.keys():
            if (s := known.get(i)) is not None:
                refs[i] = SourceRef(
                    s.id, s.title, s.publisher, s.date, s.url, s.official, s.mirror_of
                )
        return tuple(refs[i] for i in sorted(cited) if i in refs)


def advise_profile(
    profile: ResolvedProfile, knowledge_base: KnowledgeBase, options: AdviceOptions
) -> Advice:
    """The one pipeline for one profile (for many, reuse an `Advisor` and call `run`)."""
    return Advisor(knowledge_base, options.as_of).run(profile, options)


def advise_file(
    profile_path: Path, knowledge_base: KnowledgeBase, options: AdviceOptions
) -> Advice:
    """Load a profile file against `knowledge_base`, then run the pipeline on it."""
    return advise_profile(load_profile(profile_path, knowledge_base), knowledge_base, options)


def advise(
    profile_path: Path,
    *,
    data_dir: Path | None = None,
    as_of: dt.date | None = None,
    max_sites: int | None = None,
    exclude: Iterable[str] = (),
) -> AdvisorResult:
    """One call from a profile file to a result, with the shipped or a given knowledge base."""
    options = AdviceOptions(as_of=as_of, max_sites=max_sites, exclude=tuple(exclude))
    return advise_file(profile_path, load_knowledge_base(data_dir), options).result


def load_knowledge_base(data_dir: Path | None = None) -> KnowledgeBase:
    """Load and check the knowledge base (`core.kb.loader`); imported on use, since a warm
    `match` reads the cache instead and need not pay for the checks."""
    from gba_advisor.core.kb.loader import load_knowledge_base as load

    return load(data_dir)


def _summary(profile: ResolvedProfile, knowledge_base: KnowledgeBase) -> ProfileSummary:
    return ProfileSummary(
        name=profile.profile.name,
        sector=profile.sector.sector_id,
        sector_name=knowledge_base.sectors.sectors[profile.sector.sector_id].name.en,
        sector_query=profile.sector.query,
        sector_match=str(profile.sector.method),
        secondary_sectors=tuple(r.sector_id for r in profile.secondary_sectors),
        home=str(profile.profile.home),
        functions=profile.functions,
        origin=profile.origin,
    )
