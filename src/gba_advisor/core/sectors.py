"""Sector taxonomy: resolving what a user typed, and how related two sectors are.

Resolution tries, in order: the id, an English or Chinese name, an alias, then fuzzy matching
with rapidfuzz. Anything but an exact hit is reported back so that the result can warn about it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from gba_advisor.core.kb.schema import Sector, SectorMatch

_SEPARATORS = re.compile(r"[\s_\-/]+")
MIN_FUZZY_KEY = 4


class MatchMethod(StrEnum):
    ID = "id"
    NAME = "name"
    ALIAS = "alias"
    FUZZY = "fuzzy"


@dataclass(frozen=True, slots=True)
class SectorResolution:
    """How a typed sector was understood."""

    query: str
    sector_id: str
    method: MatchMethod
    score: float
    """100 for id, name and alias hits; the rapidfuzz score for a fuzzy one."""

    @property
    def exact(self) -> bool:
        return self.method is not MatchMethod.FUZZY


@dataclass(frozen=True, slots=True)
class Candidate:
    sector_id: str
    matched: str
    score: float


def normalise(text: str) -> str:
    """Case-fold and fold separators so `Medical-Devices` and `medical_devices` are one key."""
    return _SEPARATORS.sub(" ", text.casefold()).strip()


@dataclass(frozen=True)
class SectorIndex:
    """The taxonomy with its lookups; built once per knowledge base."""

    sectors: Mapping[str, Sector]
    ancestors: Mapping[str, tuple[str, ...]]
    """Parent, grandparent, ... of every sector."""
    keys: Mapping[str, tuple[str, MatchMethod]]
    """Normalised id, name or alias -> (sector id, how it matched)."""
    _relatedness: dict[tuple[str, str, SectorMatch], float] = field(
        default_factory=dict, repr=False
    )

    @classmethod
    def build(cls, sectors: Sequence[Sector]) -> SectorIndex:
        by_id = {sector.id: sector for sector in sectors}
        keys: dict[str, tuple[str, MatchMethod]] = {}
        for sector in sectors:
            keys.setdefault(normalise(sector.id), (sector.id, MatchMethod.ID))
        for sector in sectors:
            for name in (sector.name.en, sector.name.zh):
                keys.setdefault(normalise(name), (sector.id, MatchMethod.NAME))
        for sector in sectors:
            for alias in sector.aliases:
                keys.setdefault(normalise(alias), (sector.id, MatchMethod.ALIAS))
        return cls(by_id, {s.id: _ancestry(s.id, by_id) for s in sectors}, keys)

    def resolve(self, query: str, cutoff: float) -> SectorResolution | None:
        """The sector the user meant, or None when nothing is close enough."""
        hit = self.keys.get(normalise(query))
        if hit is not None:
            return SectorResolution(query, hit[0], hit[1], 100.0)
        best = self.candidates(query, limit=1, cutoff=cutoff)
        if not best:
            return None
        return SectorResolution(query, best[0].sector_id, MatchMethod.FUZZY, best[0].score)

    def candidates(self, query: str, limit: int, cutoff: float = 0.0) -> list[Candidate]:
        """The closest sectors to `query`, best first, one entry per sector."""
        from rapidfuzz import fuzz, process

        # Short keys (AI, IC, EV) would match inside any word ("dairy", "plastics") under
        # partial matching, so they only ever match exactly.
        choices = [key for key in self.keys if len(key) >= MIN_FUZZY_KEY or not key.isascii()]
        found = process.extract(
            normalise(query), choices, scorer=fuzz.WRatio, limit=None, score_cutoff=cutoff
        )
        best: dict[str, Candidate] = {}
        for key, score, _ in found:
            sector_id = self.keys[key][0]
            if sector_id not in best or score > best[sector_id].score:
                best[sector_id] = Candidate(sector_id, key, round(float(score), 1))
        ranked = sorted(best.values(), key=lambda c: (-c.score, c.sector_id))
        return ranked[:limit]

    def relatedness(self, sector: str, other: str, credit: SectorMatch) -> float:
        """Credit 0..1 for a platform naming `other` when the enterprise is in `sector`."""
        key = (sector, other, credit)
        cached = self._relatedness.get(key)
        if cached is None:
            cached = self._relate(sector, other, credit)
            self._relatedness[key] = cached
        return cached

    def _relate(self, sector: str, other: str, credit: SectorMatch) -> float:
        if sector == other:
            return credit.exact
        mine = self.ancestors.get(sector, ())
        if other in mine:
            return float(credit.ancestor_decay ** (mine.index(other) + 1))
        if sector in self.ancestors.get(other, ()):
            return credit.descendant
        theirs = self.ancestors.get(other, ())
        if mine and theirs and mine[0] == theirs[0]:
            return credit.sibling
        return 0.0


def _ancestry(sector_id: str, by_id: Mapping[str, Sector]) -> tuple[str, ...]:
    chain: list[str] = []
    parent = by_id[sector_id].parent
    while parent is not None and parent in by_id and parent not in chain and parent != sector_id:
        chain.append(parent)
        parent = by_id[parent].parent
    return tuple(chain)
