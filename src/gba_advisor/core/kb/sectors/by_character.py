"""The suggestion choices that share a character with a query: the only ones whose WRatio
can be above 0.

Every part of rapidfuzz's WRatio (ratio, partial ratio, token sort, token set and partial
token ratios, each scaled) compares the two texts, parts of them, or their words joined again
by single spaces: it counts characters the two sides have in common, and is 0 when they share
none. Whitespace stands for a space here, since joining words brings in spaces. A Latin query
shares no character with most Chinese names, and scoring those was half the cost of listing
near misses (some 2 ms a query).
"""

from __future__ import annotations

from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.sectors.terms import SectorTerms
from gba_advisor.core.kept import KeptBy


@frozen
class ChoicesByCharacter:
    holding: dict[str, frozenset[int]]
    """Character (whitespace as a space) -> positions of the suggestion choices holding it."""


def sharing_characters(terms: SectorTerms, query: str) -> list[int]:
    """Positions in `terms.suggestion_choices`, ascending, of the choices that share a
    character with `query`."""
    holding = _TABLES.get(terms, _by_character).holding
    found: set[int] = set()
    for char in characters(query):
        found.update(holding.get(char, ()))
    return sorted(found)


def characters(text: str) -> set[str]:
    """The characters of `text`, any whitespace as a space."""
    return {" " if char.isspace() else char for char in text}


def _by_character(terms: SectorTerms) -> ChoicesByCharacter:
    holding: dict[str, set[int]] = {}
    for position, choice in enumerate(terms.suggestion_choices):
        for char in characters(choice):
            holding.setdefault(char, set()).add(position)
    return ChoicesByCharacter({char: frozenset(found) for char, found in holding.items()})


_TABLES: KeptBy[SectorTerms, ChoicesByCharacter] = KeptBy(4)
"""Per sector terms: built when the first near miss is listed (a few milliseconds)."""
