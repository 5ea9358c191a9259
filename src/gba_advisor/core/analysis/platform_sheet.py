"""One platform as `platforms` shows it: its facts as written, what they amount to on a date,
and the sources it cites.

The renderers lay a sheet out; the decisions (which incentives count, the strengths they give,
which sources to list) are the scoring's and are made here, not in a renderer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from gba_advisor.core.analysis.cited_sources import platform_citations
from gba_advisor.core.analysis.incentive_validity import validity
from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Platform, Source
from gba_advisor.core.scoring.rules.base import PlatformStanding
from gba_advisor.core.scoring.rules.standing import standing_of


@frozen
class PlatformSheet:
    platform: Platform
    as_of: dt.date
    standing: PlatformStanding
    """Strengths with the incentives in force on `as_of`, as the scoring counts them."""
    validity: Mapping[str, str]
    """Incentive id -> whether it is in force on `as_of`, in a few words."""
    sources: tuple[Source, ...]
    """The sources the entry cites that the knowledge base lists, in natural order."""


def platform_sheet(
    knowledge_base: KnowledgeBase, platform: Platform, as_of: dt.date
) -> PlatformSheet:
    known = knowledge_base.sources
    return PlatformSheet(
        platform=platform,
        as_of=as_of,
        standing=standing_of(platform, as_of, knowledge_base.rules.strength_cap),
        validity={i.id: validity(i, as_of) for i in platform.incentives},
        sources=tuple(known[i] for i in platform_citations(platform) if i in known),
    )


def platform_sheets(knowledge_base: KnowledgeBase, as_of: dt.date) -> tuple[PlatformSheet, ...]:
    """Every platform's sheet, in the knowledge base's order."""
    return tuple(platform_sheet(knowledge_base, p, as_of) for p in knowledge_base.platforms)
