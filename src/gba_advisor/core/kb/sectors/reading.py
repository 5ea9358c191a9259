"""Reading a description that is no key as a whole, by its parts.

Parentheses are set aside, lists ("A, B and C", "A; B", "A、B和C") are split, and each part is
resolved as a key, as a close variant of one, or else by its head term, the longest key it
contains ("microcontroller chip design" -> "chip design"). The first part that resolves is the
sector; parts naming other sectors become extra secondary sectors; the rest is detail. A key
that itself reads like a list ("research and development", "food and big health") is never
split.
"""

from __future__ import annotations

import re

from gba_advisor.core.kb.sectors.folding import (
    SEPARATORS,
    STOPWORDS,
    TRADITIONAL,
    normalise,
    stem,
)
from gba_advisor.core.kb.sectors.fuzzy import MIN_FUZZY_QUERY, close_variant
from gba_advisor.core.kb.sectors.lists import CJK, LIST, SPLIT_SEPARATORS, is_cjk
from gba_advisor.core.kb.sectors.matches import MatchMethod, SectorResolution, TermHit
from gba_advisor.core.kb.sectors.terms import SectorTerms

WEAK_HEADS = frozenset(
    {
        "services",
        "service",
        "manufacturing",
        "factory",
        "software",
        "technology",
        "tech",
        "research",
        "consumer",
        "retail",
        "consulting",
        "consultancy",
        "advisory",
        "design",
    }
)
"""Keys that say what kind of work a description's business does, not its domain: in "fintech
software", "logistics services" or "GPU design" the other term names the sector. They still
count when nothing else does. Trading is not among them: "electronics trading" is a trader,
placed as one."""

MAX_TERM_WORDS = 8
"""Longest run of words looked up as a head term (the longest key has seven words)."""

MAX_FUZZY_TERM_WORDS = 3
"""Longest run of words tried as a misspelt head term: fuzzy matching every run of a long
description would cost seconds, and long runs are not terms."""

_BRACKETED = re.compile(r"[(（\[【]([^()（）\[\]【】]*)[)）\]】]")
_BRACKETS = re.compile(r"[()（）\[\]【】]")
_LEADING_FILLER = re.compile(r"^(?:and|or|&|plus|also|as well as)\s+")
_TRAILING_FILLER = re.compile(r"(?:\s+(?:etc|and so on|and others|and more)\.?|等+)$")
_EDGE_PUNCTUATION = " .。:：'\"‘’“”!?！？"
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")


def describe(terms: SectorTerms, query: str, cutoff: float) -> SectorResolution | None:
    """Resolve a description by its parts: the first that resolves is the sector."""
    text = query.translate(TRADITIONAL).casefold()
    inner: list[str] = []
    while found := _BRACKETED.findall(text):
        inner = found + inner
        text = _BRACKETED.sub(" ", text)
    parts = _split(terms, _BRACKETS.sub(" ", text))
    parts += [part for aside in inner for part in _split(terms, aside)]
    hits = [_resolve_part(terms, part, query, cutoff) for part in parts]
    first = next((i for i, hit in enumerate(hits) if hit is not None), None)
    if first is None:
        return None
    head = hits[first]
    assert head is not None
    extras: list[SectorResolution] = []
    details: list[str] = []
    named = {head.sector_id}
    for index, (part, hit) in enumerate(zip(parts, hits, strict=True)):
        if index == first:
            continue
        if hit is None or hit.sector_id in named:
            details.append(part)
            continue
        named.add(hit.sector_id)
        extras.append(
            SectorResolution(
                query, hit.sector_id, hit.method, hit.score, term=hit.term, derived=True
            )
        )
    return SectorResolution(
        query, head.sector_id, head.method, head.score, head.term, tuple(extras), tuple(details)
    )


def _split(terms: SectorTerms, text: str) -> list[str]:
    """List items of `text`, keeping list-like keys whole."""
    text = SPLIT_SEPARATORS.sub(" ", text.replace("\x00", " ")).strip()
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    for key in terms.compounds:
        if key in text:
            pattern = re.escape(key) if CJK.search(key) else rf"(?<!\w){re.escape(key)}(?!\w)"
            text = re.sub(pattern, keep, text)
    parts = []
    for piece in LIST.split(text):
        part = _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], piece)
        part = _TRAILING_FILLER.sub("", part.strip(_EDGE_PUNCTUATION))
        part = _LEADING_FILLER.sub("", part).strip(_EDGE_PUNCTUATION)
        if part:
            parts.append(part)
    return parts


def _resolve_part(terms: SectorTerms, part: str, query: str, cutoff: float) -> TermHit | None:
    key = normalise(part)
    hit = terms.keys.get(key)
    if hit is not None:
        return TermHit(hit[0], hit[1], 100.0, key)
    close = close_variant(terms, key, cutoff)
    if close is not None:
        return TermHit(close.sector_id, close.method, close.score, key)
    return _head_term(terms, key, query, cutoff)


def _head_term(terms: SectorTerms, key: str, query: str, cutoff: float) -> TermHit | None:
    """The sector named by the longest key inside `key`, preferring a domain to a kind of
    work (`WEAK_HEADS`), then the rightmost key (the head of an English noun phrase)."""
    if " for " in key:
        # "SaaS for restaurants" is software: what comes after "for" is the market.
        before = key.split(" for ")[0]
        product = _lookup(terms, before, query) or _head_term(terms, before, query, cutoff)
        if product is not None:
            return product
    ranked: list[tuple[tuple[float, bool, int], TermHit]] = []
    words = key.split(" ")
    halves = key.split(" of ")
    if len(halves) == 2 and all(halves):
        # "supply of food" is "food supply".
        hit = _lookup(terms, f"{halves[1]} {halves[0]}", query)
        if hit is not None:
            ranked.append(((len(words), True, 0), hit))
    offsets = [m.start() for m in re.finditer(r"\S+", key)]
    for size in range(min(len(words) - 1, MAX_TERM_WORDS), 0, -1):
        for start in range(len(words) - size + 1):
            if words[start] in STOPWORDS or words[start + size - 1] in STOPWORDS:
                continue
            hit = _lookup(terms, " ".join(words[start : start + size]), query)
            if hit is not None:
                ranked.append((_rank(terms, size, hit, offsets[start]), hit))
    for run in CJK.finditer(key):
        for found in terms.cjk_words:
            if found in run.group(0):
                hit = TermHit(terms.keys[found][0], terms.keys[found][1], 100.0, found)
                offset = run.start() + run.group(0).rindex(found)
                ranked.append((_rank(terms, len(found) / 2, hit, offset), hit))
    if ranked:
        return max(ranked, key=lambda pair: pair[0])[1]
    # No key inside: a misspelt one, if a long enough run of words is close to it.
    for size in range(min(len(words) - 1, MAX_FUZZY_TERM_WORDS), 0, -1):
        for start in range(len(words) - size + 1):
            gram = " ".join(words[start : start + size])
            if is_cjk(gram) or len(gram) < MIN_FUZZY_QUERY:
                continue
            close = close_variant(terms, gram, cutoff, plurals=False)
            if close is not None:
                return TermHit(close.sector_id, close.method, close.score, gram)
    return None


def _rank(terms: SectorTerms, size: float, hit: TermHit, offset: int) -> tuple[float, bool, int]:
    matched = terms.stems.get(stem(hit.term), (hit.sector_id, hit.term))[1]
    return (size, hit.term not in WEAK_HEADS and matched not in WEAK_HEADS, offset)


def _lookup(terms: SectorTerms, gram: str, query: str) -> TermHit | None:
    """`gram` as a key, or as the plural or singular of one."""
    from rapidfuzz import fuzz

    hit = terms.keys.get(gram)
    if hit is not None:
        if gram in terms.abbreviations and not _written_in_capitals(gram, query):
            return None
        return TermHit(hit[0], hit[1], 100.0, gram)
    plural = terms.stems.get(stem(gram))
    if plural is None or plural[1] in terms.abbreviations:
        return None
    return TermHit(plural[0], MatchMethod.FUZZY, round(fuzz.ratio(gram, plural[1]), 1), gram)


def _written_in_capitals(gram: str, query: str) -> bool:
    pattern = rf"(?<![A-Za-z0-9]){re.escape(gram.upper())}(?![A-Za-z0-9])"
    return re.search(pattern, SEPARATORS.sub(" ", query)) is not None
