"""The compiled knowledge base: validated files, cross-checked, indexed for scoring."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.schema import Platform, RulesFile, Source
from gba_advisor.core.kb.sectors import SectorIndex


@frozen
class KnowledgeBase:
    """Everything scoring needs; immutable once loaded."""

    version: str
    content_hash: str
    """sha256 of the data files, so that a result can be tied to the exact data behind it."""
    data_dir: Path
    platforms: tuple[Platform, ...]
    """In file order; results sort by score and id, never by this order."""
    sectors: SectorIndex
    sources: Mapping[str, Source]
    rules: RulesFile

    @property
    def platform_ids(self) -> tuple[str, ...]:
        return tuple(platform.id for platform in self.platforms)

    def platform(self, platform_id: str) -> Platform:
        for platform in self.platforms:
            if platform.id == platform_id:
                return platform
        raise KeyError(platform_id)
