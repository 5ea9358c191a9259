"""What the records of several files share."""

from __future__ import annotations

from gba_advisor.core.kb.schema.record import Record


class Names(Record):
    en: str
    zh: str
