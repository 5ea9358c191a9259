"""Close variants of one key: a typo, a plural or another word order, and never a shared
fragment ("trading" is not "carbon trading", "port" is not "esports").

Strict where rapidfuzz's WRatio is loose: the whole strings are compared (ratio, token sort
ratio), never a part of one against the other, and every word must have its counterpart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gba_advisor.core.kb.sectors.by_length import choices_near
from gba_advisor.core.kb.sectors.folding import STOPWORDS, stem
from gba_advisor.core.kb.sectors.lists import is_cjk
from gba_advisor.core.kb.sectors.matches import MatchMethod, TermHit
from gba_advisor.core.kb.sectors.terms import MIN_FUZZY_CJK, SectorTerms

MIN_FUZZY_QUERY = 6
"""Latin text shorter than this matches only exactly or as a plural: one letter changed or added
in a short word gives another word ("port" -> "sport", "pork"), not a typo."""

EDITS_PER_CHARACTER = 1 / 6
"""A fuzzy match may differ by one edit (a transposition counting as one) per six characters of
the query, ignoring word order and little words, and by at least one: typos, not other words
("gaming" is two edits from "gambling", one too many)."""

WORD_CUTOFF = 80.0
"""Every word of a fuzzy match must be this close (rapidfuzz ratio) to a word of the other side,
both ways: "medical devices" is not "medical services" however close the whole strings are."""


def close_variant(
    terms: SectorTerms, key: str, cutoff: float, plurals: bool = True
) -> TermHit | None:
    """A close variant of one key (typo, plural, word order), or None; `term` is left empty."""
    from rapidfuzz import fuzz

    if not key:
        return None
    plural = terms.stems.get(stem(key)) if plurals else None
    if plural is not None:
        return TermHit(plural[0], MatchMethod.FUZZY, round(fuzz.ratio(key, plural[1]), 1), key)
    if is_cjk(key):
        return _cjk_variant(terms, key)
    folded = stem(key)
    if len(folded) < MIN_FUZZY_QUERY:
        return None
    return _best_unambiguous(
        terms,
        (
            (score, matched)
            for matched, score in _close_stems(terms, folded, cutoff).items()
            if _same_words(folded, matched) and _few_edits(folded, matched)
        ),
    )


def _close_stems(terms: SectorTerms, folded: str, cutoff: float) -> dict[str, float]:
    """Each stem whose ratio or token sort ratio to `folded` reaches `cutoff`, with the better
    of the two: only stems of a length that can reach it are scored (`by_length`), and their
    words come sorted beforehand, so both scores are plain ratios (the same numbers)."""
    from rapidfuzz import fuzz, process

    near = choices_near(terms, folded, cutoff)
    if near is None:
        return _close_stems_everywhere(terms, folded, cutoff)
    stems, sorted_stems = near
    found: dict[str, float] = {}
    for matched, score, _ in process.extract(
        folded, stems, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
    ):
        found[matched] = float(score)
    words = " ".join(sorted(folded.split(" ")))
    for _, score, index in process.extract(
        words, sorted_stems, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
    ):
        matched = stems[index]
        found[matched] = max(found.get(matched, 0.0), float(score))
    return found


def _close_stems_everywhere(terms: SectorTerms, folded: str, cutoff: float) -> dict[str, float]:
    """`_close_stems` over every stem, scored as rapidfuzz scores them: for text that is not
    written as words separated by single spaces, where sorting words is not what it does."""
    from rapidfuzz import fuzz, process

    found: dict[str, float] = {}
    for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
        for matched, score, _ in process.extract(
            folded, terms.latin_stem_choices, scorer=scorer, score_cutoff=cutoff, limit=None
        ):
            found[matched] = max(found.get(matched, 0.0), float(score))
    return found


def _cjk_variant(terms: SectorTerms, key: str) -> TermHit | None:
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    if len(key) < MIN_FUZZY_CJK or _made_of_keys(terms, key):
        return None
    found = process.extract(
        key, terms.cjk_choices, scorer=Levenshtein.distance, score_cutoff=1, limit=None
    )
    return _best_unambiguous(
        terms, ((float(fuzz.ratio(key, matched)), stem(matched)) for matched, _, _ in found)
    )


def _made_of_keys(terms: SectorTerms, text: str) -> bool:
    """Every character of `text` is inside some key it contains: 服装贸易 is 服装 + 贸易, a
    phrase of known words and not a typo of 服务贸易."""
    covered = [False] * len(text)
    for found in terms.cjk_words:
        for match in re.finditer(re.escape(found), text):
            covered[match.start() : match.end()] = [True] * len(found)
    return all(covered)


def _best_unambiguous(terms: SectorTerms, scored: Iterable[tuple[float, str]]) -> TermHit | None:
    """The best-scoring stem's sector, unless another sector scores as well."""
    found = list(scored)
    if not found:
        return None
    best = max(score for score, _ in found)
    winners = {terms.stems[matched][0] for score, matched in found if score == best}
    if len(winners) != 1:
        return None
    return TermHit(winners.pop(), MatchMethod.FUZZY, round(best, 1), "")


def _same_words(query: str, key: str) -> bool:
    """Every content word on each side has a close counterpart on the other."""
    from rapidfuzz import fuzz

    mine = [w for w in query.split(" ") if w not in STOPWORDS]
    theirs = [w for w in key.split(" ") if w not in STOPWORDS]
    if not mine or not theirs:
        return False

    def covered(words: list[str], by: list[str]) -> bool:
        return all(any(fuzz.ratio(w, o) >= WORD_CUTOFF for o in by) for w in words)

    return covered(mine, theirs) and covered(theirs, mine)


def _few_edits(query: str, key: str) -> bool:
    from rapidfuzz.distance import OSA

    mine, theirs = _bag_of_words(query), _bag_of_words(key)
    return OSA.distance(mine, theirs) <= max(1, int(len(mine) * EDITS_PER_CHARACTER))


def _bag_of_words(text: str) -> str:
    return " ".join(sorted(w for w in text.split(" ") if w not in STOPWORDS))
