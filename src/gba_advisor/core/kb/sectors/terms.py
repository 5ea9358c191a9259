"""The words that name sectors: every id, name and alias as a lookup key, with the lists that
fuzzy matching and description reading search, built once per knowledge base."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.schema import Sector
from gba_advisor.core.kb.sectors.folding import TRADITIONAL, normalise, stem
from gba_advisor.core.kb.sectors.matches import MatchMethod

MIN_FUZZY_KEY = 4
"""Shorter Latin keys (AI, IC, EV) match only exactly: fuzzily they would match inside any word."""

MIN_FUZZY_CJK = 4
"""Chinese text of at least this many characters may differ from a name or alias by one character
(a typo: 金融科枝 -> 金融科技). Character ratios are too coarse for short Chinese words (one
character in four already scores 75), so Chinese fuzzy matches count edits instead of using the
rules' fuzzy cutoff; the score reported is still the rapidfuzz ratio."""

PLURAL_ONLY = frozenset({"securities", "futures", "goods", "news", "arts", "customs"})
"""Keys whose singular is another word ("security", "future"): no plural folding for them."""


@frozen
class SectorTerms:
    """Lookups over the keys; the `*_choices` lists are what rapidfuzz searches, kept here so
    that resolving a query (the batch hot path) never rebuilds them."""

    keys: Mapping[str, tuple[str, MatchMethod]]
    """Normalised id, name or alias -> (sector id, how it matched)."""
    stems: Mapping[str, tuple[str, str]]
    """Key with plurals folded -> (sector id, key); stems two sectors share are left out."""
    compounds: tuple[str, ...]
    """Keys that read like lists ("research and development", "pe/vc"), longest first: a
    description is never split inside one."""
    abbreviations: frozenset[str]
    """Keys written in capitals (AI, IT, PE, API): inside a longer text they count only when
    written in capitals there too, so that "it" or "pe" in a sentence names nothing."""
    suggestion_choices: tuple[str, ...]
    """Keys offered as near misses: long enough, or Chinese."""
    latin_stem_choices: tuple[str, ...]
    """Stems a Latin typo may be a variant of."""
    cjk_choices: tuple[str, ...]
    """Chinese keys a Chinese typo may be a variant of."""
    cjk_words: tuple[str, ...]
    """Chinese keys of two characters or more, looked for inside Chinese text."""

    @classmethod
    def build(cls, sectors: Sequence[Sector]) -> SectorTerms:
        # Imported here: a knowledge base from the cache comes with its terms built (`lists`).
        from gba_advisor.core.kb.sectors.lists import LIST, SPLIT_SEPARATORS, is_cjk

        keys: dict[str, tuple[str, MatchMethod]] = {}
        # Ids first, then names, then aliases: a text that is both keeps the strongest method.
        for sector in sectors:
            keys.setdefault(normalise(sector.id), (sector.id, MatchMethod.ID))
        for sector in sectors:
            for name in (sector.name.en, sector.name.zh):
                keys.setdefault(normalise(name), (sector.id, MatchMethod.NAME))
        for sector in sectors:
            for alias in sector.aliases:
                keys.setdefault(normalise(alias), (sector.id, MatchMethod.ALIAS))
        stems = _unshared_stems(keys)
        slashed = {
            SPLIT_SEPARATORS.sub(" ", text.translate(TRADITIONAL).casefold()).strip()
            for sector in sectors
            for text in sector.aliases
            if "/" in text
        }
        capitals = {
            normalise(text)
            for sector in sectors
            for text in (*sector.aliases, sector.name.en)
            if text.isascii() and text.isupper()
        }
        return cls(
            keys=keys,
            stems=stems,
            compounds=tuple(
                sorted({k for k in keys if LIST.search(k)} | slashed, key=_longest_first)
            ),
            abbreviations=frozenset(
                k for k in keys if (k.isascii() and len(k) <= 2) or k in capitals
            ),
            suggestion_choices=tuple(k for k in keys if len(k) >= MIN_FUZZY_KEY or not k.isascii()),
            latin_stem_choices=tuple(k for k in stems if len(k) >= MIN_FUZZY_KEY and not is_cjk(k)),
            cjk_choices=tuple(k for k in keys if len(k) >= MIN_FUZZY_CJK and is_cjk(k)),
            cjk_words=tuple(k for k in keys if len(k) >= 2 and is_cjk(k)),
        )


def _unshared_stems(keys: Mapping[str, tuple[str, MatchMethod]]) -> dict[str, tuple[str, str]]:
    stems: dict[str, tuple[str, str]] = {}
    shared: set[str] = set()
    for key, (sector_id, _) in keys.items():
        if key in PLURAL_ONLY:
            continue
        folded = stem(key)
        if folded in stems and stems[folded][0] != sector_id:
            shared.add(folded)
        stems.setdefault(folded, (sector_id, key))
    return {folded: hit for folded, hit in stems.items() if folded not in shared}


def _longest_first(key: str) -> tuple[int, str]:
    return (-len(key), key)
