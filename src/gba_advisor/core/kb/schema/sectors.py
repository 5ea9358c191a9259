"""sectors.yaml as compiled: the sector taxonomy, with the names and aliases users type."""

from __future__ import annotations

from gba_advisor.core.kb.schema.common import Names
from gba_advisor.core.kb.schema.record import Record, field


class Sector(Record):
    id: str
    name: Names
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
