"""sectors.yaml: the sector taxonomy, with the names and aliases users type."""

from __future__ import annotations

from pydantic import Field

from gba_advisor.core.kb.written.common import Identifier, Names, Strict


class Sector(Strict):
    id: Identifier
    name: Names
    aliases: list[str] = Field(default_factory=list)
    """Abbreviations and common phrasings, English or Chinese."""
    parent: Identifier | None = None


class SectorsFile(Strict):
    sectors: list[Sector] = Field(min_length=1)
