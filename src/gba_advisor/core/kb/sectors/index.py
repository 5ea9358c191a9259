"""The sector taxonomy of one knowledge base: resolving what a user typed, suggesting near
misses, and how related two sectors are."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field

from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.schema import Industry, Sector, SectorMatch
from gba_advisor.core.kb.sectors.folding import normalise
from gba_advisor.core.kb.sectors.matches import MatchMethod, SectorResolution
from gba_advisor.core.kb.sectors.terms import SectorTerms
from gba_advisor.core.kept import keep

RESOLVED_MEMO_SIZE = 4096
"""How many non-exact answers a sector index keeps; cleared when full, so memory stays flat."""
CREDITS_KEPT = 64
"""How many credit tables a sector index keeps: one per platform, and a few more while the
robustness analysis tries other knowledge bases."""
SUGGESTION_FLOOR = 60.0
"""Near misses are first looked for among choices scoring at least this (WRatio): the fifth
closest sector of a typo usually scores 65-85, and scoring everything took twice as long."""
NO_INDUSTRY = -1
"""In a credit table: no industry credits the sector."""


@frozen
class Candidate:
    sector_id: str
    matched: str
    score: float


@frozen
class SectorIndex:
    """The taxonomy with its lookups; built once per knowledge base."""

    sectors: Mapping[str, Sector]
    ancestors: Mapping[str, tuple[str, ...]]
    """Parent, grandparent, ... of every sector."""
    terms: SectorTerms
    _relatedness: dict[tuple[str, str, SectorMatch], float] = field(
        default_factory=dict, repr=False
    )
    _resolved: dict[tuple[str, float], SectorResolution | None] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Answers to queries that were not an exact key: reading a description or a typo costs
    milliseconds, and a batch of thousands of profiles repeats the same few phrasings."""
    _exact: dict[str, SectorResolution] = field(default_factory=dict, repr=False, compare=False)
    """Answers to queries that were an exact key, by the text as written: folding it
    (`normalise`) took most of the few microseconds such a query cost, once per profile."""
    _credits: list[tuple[Sequence[Industry], SectorMatch, Mapping[str, tuple[float, int]]]] = field(
        default_factory=list, repr=False, compare=False
    )
    """Credit tables by the very industries and credit they were computed for (`credits`).
    A field, so that a pickled index (the knowledge-base cache) keeps them: the objects they
    are kept by are pickled with it, so they are found again after loading."""
    _suggested: dict[tuple[str, int, float], list[Candidate]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Suggestions for queries that match no sector: a millisecond or more each (some 1,500
    terms are scored), and a client list writes the same unknown sector ("Retail") on many
    lines."""

    @classmethod
    def build(cls, sectors: Sequence[Sector]) -> SectorIndex:
        by_id = {sector.id: sector for sector in sectors}
        return cls(
            by_id, {s.id: _ancestry(s.id, by_id) for s in sectors}, SectorTerms.build(sectors)
        )

    @property
    def keys(self) -> Mapping[str, tuple[str, MatchMethod]]:
        """Normalised id, name or alias -> (sector id, how it matched)."""
        return self.terms.keys

    def resolve(self, query: str, cutoff: float) -> SectorResolution | None:
        """The sector the user meant, or None when nothing is close enough."""
        exact = self._exact.get(query)
        if exact is not None:
            return exact
        memo = (query, cutoff)
        if memo in self._resolved:
            return self._resolved[memo]  # a query seen before is no key now either
        key = normalise(query)
        hit = self.terms.keys.get(key)
        if hit is not None:
            exact = SectorResolution(query, hit[0], hit[1], 100.0)
            return keep(self._exact, query, exact, RESOLVED_MEMO_SIZE)
        # Imported here: an exact hit, what a warm start mostly resolves, needs neither.
        from gba_advisor.core.kb.sectors.fuzzy import close_variant
        from gba_advisor.core.kb.sectors.reading import describe

        close = close_variant(self.terms, key, cutoff)
        found = (
            SectorResolution(query, close.sector_id, MatchMethod.FUZZY, close.score)
            if close is not None
            else describe(self.terms, query, cutoff)
        )
        return keep(self._resolved, memo, found, RESOLVED_MEMO_SIZE)

    def candidates(self, query: str, limit: int, cutoff: float = 0.0) -> list[Candidate]:
        """The closest sectors to `query`, best first, one entry per sector.

        Suggestions, not matches: rapidfuzz's WRatio scores shared fragments high, which is what
        a list of near misses wants and what `resolve` must never accept.
        """
        memo = (query, limit, cutoff)
        known = self._suggested.get(memo)
        if known is not None:
            return list(known)
        ranked = keep(
            self._suggested, memo, self._candidates(query, limit, cutoff), RESOLVED_MEMO_SIZE
        )
        return list(ranked)

    def _candidates(self, query: str, limit: int, cutoff: float) -> list[Candidate]:
        from gba_advisor.core.kb.sectors.by_character import sharing_characters

        text = normalise(query)
        choices = self.terms.suggestion_choices
        if limit > 0:
            # Only the choices that share a character with the query can score above 0.
            sharing = [choices[position] for position in sharing_characters(self.terms, text)]
            if cutoff < SUGGESTION_FLOOR:
                # Scores below the floor are not worked out (rapidfuzz stops early): enough when
                # `limit` sectors score a point above it, since a score found with the floor is
                # the score found without, but for those within rounding of the floor itself.
                ranked = self._scored(text, sharing, SUGGESTION_FLOOR)
                if len(ranked) >= limit and ranked[limit - 1].score >= SUGGESTION_FLOOR + 1:
                    return ranked[:limit]
            if len(sharing) < len(choices):
                # Enough when `limit` sectors score above 0 (rounded): no left-out sector can then
                # rank among the first `limit`, nor beat one that does.
                ranked = self._scored(text, sharing, cutoff)
                if len(ranked) >= limit and ranked[limit - 1].score > 0:
                    return ranked[:limit]
        return self._scored(text, choices, cutoff)[:limit]

    def _scored(self, text: str, choices: Sequence[str], cutoff: float) -> list[Candidate]:
        from rapidfuzz import fuzz, process

        found = process.extract(text, choices, scorer=fuzz.WRatio, limit=None, score_cutoff=cutoff)
        # Results come best first, then in the order of `choices`: a subset keeps that order.
        return self._ranked((key, score) for key, score, _ in found)

    def _ranked(self, found: Iterable[tuple[str, float]]) -> list[Candidate]:
        """One candidate per sector, its best match (the first of equals), best first."""
        best: dict[str, Candidate] = {}
        for key, score in found:
            sector_id = self.terms.keys[key][0]
            if sector_id not in best or score > best[sector_id].score:
                best[sector_id] = Candidate(sector_id, key, round(float(score), 1))
        return sorted(best.values(), key=lambda c: (-c.score, c.sector_id))

    def credits(
        self, industries: Sequence[Industry], credit: SectorMatch
    ) -> Mapping[str, tuple[float, int]]:
        """Sector id -> (the best credit any of `industries` gives it, that industry's position,
        or NO_INDUSTRY), for every sector of the taxonomy: what scoring's tables read for a
        platform's priority industries. Computed once for the same `industries` and `credit`
        objects; the knowledge-base cache stores them, which spares a warm start some 6 ms."""
        for known, given, table in self._credits:
            if known is industries and given is credit:
                return table
        computed: dict[str, tuple[float, int]] = {}
        for sector in self.sectors:
            best_value, best = 0.0, NO_INDUSTRY
            for position, industry in enumerate(industries):
                # `relatedness` without its memo: the same numbers, and a pickled index stays
                # small (the memo would hold every pair).
                value = self._relate(sector, industry.sector, credit) * industry.weight
                if value > best_value:
                    best_value, best = value, position
            computed[sector] = (best_value, best)
        if len(self._credits) >= CREDITS_KEPT:
            self._credits.clear()
        self._credits.append((industries, credit, computed))
        return computed

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
