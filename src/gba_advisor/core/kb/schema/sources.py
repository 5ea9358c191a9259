"""sources.yaml as compiled: the documents every fact cites, and how far their addresses can be
trusted. The fields are documented where they are validated, `kb.written.sources`."""

from __future__ import annotations

from typing import Literal

from gba_advisor.core.kb.schema.record import Record

SourceKind = Literal["official", "mirror", "secondary"]


class Source(Record):
    id: str
    title: str
    publisher: str
    date: str | None = None
    url: str | None = None
    official: bool = False
    mirror_of: str | None = None

    @property
    def kind(self) -> SourceKind:
        """How far a reader can trust the address: the issuer's own, a copy, or a report."""
        return source_kind(self.official, self.mirror_of)


def source_kind(official: bool, mirror_of: str | None) -> SourceKind:
    """`official` for the issuer's own address, `mirror` for a copy, else `secondary`."""
    if official:
        return "official"
    return "mirror" if mirror_of is not None else "secondary"
