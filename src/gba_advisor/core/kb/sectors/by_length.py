"""The Latin stems a fuzzy query is scored against, ordered by length: most stems are too
long or too short to reach the fuzzy cutoff, and rapidfuzz need not score them.

A ratio (rapidfuzz's normalised Indel similarity) is `100 * (1 - distance / (a + b))` for
texts of `a` and `b` characters, and the distance is at least `|a - b|`: so it is at most
`200 * min(a, b) / (a + b)`. A stem whose length keeps that bound below the cutoff cannot
match, and is left out; the bound is taken a point lower than the cutoff, so that rounding
never leaves out a stem rapidfuzz would keep. Scores themselves are still rapidfuzz's.

Token sort ratio is the ratio of the texts with their words sorted. For text written as
words separated by single spaces (what folding gives), sorting its words keeps its length,
so the same bound holds, and sorting the stems' words once here makes each query's token
sort ratio a plain ratio against them. Text not written so is scored the slow way.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right

from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.sectors.terms import SectorTerms
from gba_advisor.core.kept import KeptBy

SLACK = 1.0
"""Points below the cutoff that the length bound still keeps (floating-point safety)."""


@frozen
class StemsByLength:
    lengths: list[int]
    """Each stem's length, ascending."""
    stems: list[str]
    """The Latin stem choices in that order."""
    sorted_words: list[str]
    """Each stem with its words sorted, as token sort ratio compares it."""


def choices_near(
    terms: SectorTerms, folded: str, cutoff: float
) -> tuple[list[str], list[str]] | None:
    """The stems whose length lets them reach `cutoff` against `folded`, and the same with
    their words sorted; None when `folded` is not written as single-spaced words."""
    if not is_spaced_words(folded):
        return None
    table = _TABLES.get(terms, _by_length)
    if table is None:
        return None
    bound = cutoff - SLACK
    if not 0 < bound < 200:
        return table.stems, table.sorted_words
    size = len(folded)
    # 200 * shortest / (size + length) >= bound, for a stem shorter and for one longer.
    shortest = math.floor(bound * size / (200 - bound))
    longest = math.ceil(size * (200 - bound) / bound)
    start = bisect_left(table.lengths, shortest)
    end = bisect_right(table.lengths, longest)
    return table.stems[start:end], table.sorted_words[start:end]


def is_spaced_words(text: str) -> bool:
    """Words separated by single spaces, and no other character `str.split()` splits on: text
    rapidfuzz splits at the same places (it splits on some of those characters only), and
    whose words joined again in another order are as long."""
    return " ".join(text.split()) == text


def _by_length(terms: SectorTerms) -> StemsByLength | None:
    """None when a stem is not written as single-spaced words (none is: keys are folded)."""
    ordered = sorted(terms.latin_stem_choices, key=len)
    if not all(is_spaced_words(text) for text in ordered):
        return None
    return StemsByLength(
        [len(text) for text in ordered],
        ordered,
        [" ".join(sorted(text.split(" "))) for text in ordered],
    )


_TABLES: KeptBy[SectorTerms, StemsByLength | None] = KeptBy(4)
"""Per sector terms: built on the first fuzzy query (a millisecond), never on a warm start
that resolves exact keys."""
