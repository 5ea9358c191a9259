"""The comparison itself: which platforms, their facts on a date, and their fit to a profile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from gba_advisor.core.analysis.comparison.facts import FactRow, fact_rows
from gba_advisor.core.analysis.comparison.fit import ProfileFit, profile_fit
from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.layout.pipeline import check_platforms
from gba_advisor.core.result.model import SCHEMA_VERSION, AdvisorResult


@frozen
class Comparison:
    platforms: tuple[str, ...]
    names: Mapping[str, str]
    """Platform id -> short English name."""
    as_of: dt.date
    knowledge_base_version: str
    facts: tuple[FactRow, ...]
    fit: ProfileFit | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "as_of": self.as_of.isoformat(),
            "knowledge_base": {"version": self.knowledge_base_version},
            "platforms": [{"id": p, "name": self.names[p]} for p in self.platforms],
            "facts": [row.to_dict() for row in self.facts],
            "fit": None if self.fit is None else self.fit.to_dict(),
        }


def compare_platforms(
    knowledge_base: KnowledgeBase,
    as_of: dt.date,
    platform_ids: Sequence[str] = (),
    result: AdvisorResult | None = None,
) -> Comparison:
    """Compare `platform_ids` (all platforms when empty), and their fit to `result`'s profile.

    Raises `InputError` (with a suggestion) for an id the knowledge base does not know.
    """
    chosen = select_platforms(knowledge_base, platform_ids)
    platforms = [knowledge_base.platform(platform_id) for platform_id in chosen]
    fit = None
    if result is not None:
        if result.as_of != as_of:
            raise ValueError("the result was computed for another date than the comparison")
        fit = profile_fit(result, chosen)
    return Comparison(
        platforms=chosen,
        names={p.id: p.short_name.en for p in platforms},
        as_of=as_of,
        knowledge_base_version=knowledge_base.version,
        facts=tuple(fact_rows(knowledge_base, platforms, as_of)),
        fit=fit,
    )


def select_platforms(knowledge_base: KnowledgeBase, platform_ids: Sequence[str]) -> tuple[str, ...]:
    """The ids to compare in the order given, without repeats; every known id when none."""
    if not platform_ids:
        return knowledge_base.platform_ids
    check_platforms(knowledge_base, platform_ids, "PLATFORM")
    return tuple(dict.fromkeys(platform_ids))
