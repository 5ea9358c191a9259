"""Sector taxonomy: resolving what a user typed, and how related two sectors are.

Resolution tries, in order:

1. the whole text as an id, an English or Chinese name or an alias (case, separators and
   traditional Chinese characters folded: `folding`, keys in `terms`);
2. the whole text as a close variant of one of them: a fuzzy match, held to strict rules so that
   it stays a typo, a plural or another word order and never a shared fragment (`fuzzy`);
3. the text as a description, read by its parts and head terms (`reading`).

Anything but an exact hit of the whole text is reported back (`SectorResolution.term`,
`extras`, `details`) so that the result can warn about it. `SectorIndex` (`index`) holds it
all, built once per knowledge base.
"""

from gba_advisor.core.kb.sectors.folding import normalise
from gba_advisor.core.kb.sectors.index import Candidate, SectorIndex
from gba_advisor.core.kb.sectors.matches import MatchMethod, SectorResolution

__all__ = ["Candidate", "MatchMethod", "SectorIndex", "SectorResolution", "normalise"]
