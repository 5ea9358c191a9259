"""Score, then recommend: the one path from a resolved profile to a layout.

`core.api` builds its result around it, and the analyses re-run it on changed profiles and
knowledge bases (robustness, counterfactuals), so that a re-run can never take a step the
real run does not. It lives here, below the analyses, because they must be able to call it.
"""

from __future__ import annotations

from collections.abc import Iterable

from gba_advisor.core.errors import InputError, Location
from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.layout.constraints import LayoutConstraints
from gba_advisor.core.layout.recommendation import mark_excluded, recommend
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import Alternative, Layout
from gba_advisor.core.scoring.dated_facts import LaterFacts, mark_later_facts
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.scoring.score import Scores, score_profile
from gba_advisor.core.source.suggest import closest


@frozen
class Placement:
    """The scores of one run and the layouts they lead to."""

    scores: Scores
    layout: Layout
    alternatives: tuple[Alternative, ...]


def place(
    basis: Basis,
    profile: ResolvedProfile,
    constraints: LayoutConstraints,
    *,
    explain: bool = True,
    compact: bool = False,
    extras_explained: bool = True,
    marks: LaterFacts | None = None,
) -> Placement:
    """Score every platform for `profile`, then choose the layout under `constraints`.

    With `marks`, the scores are marked for a reader: the platforms the constraints exclude,
    and the reasons that rest on sources dated after the as-of date. The analyses leave them
    out, since they read only where the functions go. `compact` (which implies no
    explanations) keeps the best layout alone, without its breakdown (`recommend`);
    `extras_explained=False` leaves out the overall ranking's contributions (`score_profile`)
    and the runners-up's breakdowns (`recommend`).
    """
    explain = explain and not compact
    scores = score_profile(basis, profile, explain=explain, explain_ranking=extras_explained)
    if marks is not None:
        scores = mark_later_facts(mark_excluded(scores, constraints), marks)
    layout, alternatives = recommend(
        basis.knowledge_base,
        profile.functions,
        scores,
        constraints,
        explain=explain,
        compact=compact,
        explain_alternatives=extras_explained,
    )
    return Placement(scores, layout, alternatives)


def merge_constraints(
    knowledge_base: KnowledgeBase,
    profile: ResolvedProfile,
    max_sites: int | None,
    exclude: Iterable[str],
) -> LayoutConstraints:
    """The profile's constraints merged with the command line's: the tighter site limit and
    both exclusions. Raises `InputError` for an unknown platform in `exclude`."""
    extra = frozenset(exclude)
    if extra:
        check_exclude(knowledge_base, extra)
    written = profile.profile.constraints
    limits = [n for n in (written.max_sites, max_sites) if n is not None]
    tightest = min(limits) if limits else None
    # By position: a batch merges the constraints of every profile.
    return LayoutConstraints(
        tightest,
        profile.exclude | extra,
        dict(written.pin),
        profile.origin,
        extra - profile.exclude,
        max_sites is not None and tightest != written.max_sites,
        profile.positions,
    )


def check_exclude(knowledge_base: KnowledgeBase, exclude: Iterable[str]) -> None:
    """Refuse an unknown platform id given on the command line's --exclude."""
    check_platforms(knowledge_base, sorted(set(exclude)), "--exclude")


def check_platforms(knowledge_base: KnowledgeBase, platform_ids: Iterable[str], field: str) -> None:
    """Refuse the first platform id, in the order given, that the knowledge base does not know.

    `field` is where the command line gave the ids: an option (`--exclude`) or an argument
    (`PLATFORM`); an option is also named in the message.
    """
    ids = list(platform_ids)
    known = knowledge_base.platform_ids if ids else ()
    for platform in ids:
        if platform not in known:
            where = f" in {field}" if field.startswith("-") else ""
            raise InputError(
                f"unknown platform `{platform}`{where}",
                location=Location("command line", field=field),
                hint=f"known platforms: {', '.join(known)}",
                suggestion=closest(platform, known),
            )
