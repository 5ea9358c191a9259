"""What resolving a piece of text says: which sector, how it matched, and from which part."""

from __future__ import annotations

from enum import StrEnum

from gba_advisor.core.frozen import frozen


class MatchMethod(StrEnum):
    ID = "id"
    NAME = "name"
    ALIAS = "alias"
    FUZZY = "fuzzy"


@frozen
class TermHit:
    """A sector found for one part of a text: how it matched, and the text (`term`) it matched."""

    sector_id: str
    method: MatchMethod
    score: float
    term: str


@frozen
class SectorResolution:
    """How a typed sector was understood."""

    query: str
    sector_id: str
    method: MatchMethod
    """How the matched text (`term`, or the whole query) matched."""
    score: float
    """100 for id, name and alias hits; the rapidfuzz score for a fuzzy one."""
    term: str | None = None
    """The part of `query` that was matched when it was not the whole of it: a list item or a
    head term ("chip design" in "microcontroller chip design"), case-folded."""
    extras: tuple[SectorResolution, ...] = ()
    """Further sectors the text named (other list items, text in parentheses), to be used as
    secondary sectors; each has `derived` set and the part it came from as its `term`."""
    details: tuple[str, ...] = ()
    """Parts of the text set aside: they named the same sector as `term`, or none."""
    derived: bool = False
    """A secondary sector taken from another part of `query`, not written as one."""

    @property
    def exact(self) -> bool:
        """The whole text was an id, a name or an alias."""
        return self.method is not MatchMethod.FUZZY and self.term is None
