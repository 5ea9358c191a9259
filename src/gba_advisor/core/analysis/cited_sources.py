"""The sources a reader can check: which ids a view cites, and in what order it lists them.

The memo and `platforms ID` both end with the sources they cite, sorted the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Platform
from gba_advisor.core.result.model import SourceRef

_DIGITS = re.compile(r"(\d+)")


def source_order(source_id: str) -> tuple[Any, ...]:
    """S2 before S10 before S102: every run of digits compared as a number."""
    return tuple(int(part) if part.isdigit() else part for part in _DIGITS.split(source_id))


def platform_citations(platform: Platform) -> tuple[str, ...]:
    """Every source id cited anywhere in the platform's entry, in natural order."""
    found: set[str] = set()
    _collect(platform.model_dump(mode="json"), found)
    return tuple(sorted(found, key=source_order))


def _collect(data: Any, found: set[str]) -> None:
    # Walks the dumped entry rather than naming each field, so that a fact added to the
    # schema later is cited without a change here.
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                found.update(str(item) for item in value)
            else:
                _collect(value, found)
    elif isinstance(data, list):
        for value in data:
            _collect(value, found)


def with_sources_of(
    result_sources: Iterable[SourceRef], knowledge_base: KnowledgeBase, ids: Iterable[str]
) -> tuple[SourceRef, ...]:
    """A result's sources and those of `ids` it lacks (an expired incentive's sources are not
    in the result, but the memo lists the incentive), in natural order."""
    have = list(result_sources)
    known = knowledge_base.sources
    missing = {i for i in ids if i in known} - {s.id for s in have}
    added = (
        SourceRef(s.id, s.title, s.publisher, s.date, s.url, s.official, s.mirror_of)
        for s in (known[i] for i in sorted(missing))
    )
    return tuple(sorted((*have, *added), key=lambda s: source_order(s.id)))
