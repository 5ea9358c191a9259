"""The fast paths of sector matching give what the plain ones give: fuzzy stems scored only
where their length lets them reach the cutoff, with their words sorted beforehand."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.loader import load_knowledge_base
from gba_advisor.core.kb.sectors import Candidate, SectorIndex, fuzzy, normalise
from gba_advisor.core.kb.sectors.by_character import characters
from gba_advisor.core.kb.sectors.by_length import choices_near, is_spaced_words


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    return load_knowledge_base()


def test_rapidfuzz_splits_words_only_where_python_does() -> None:
    """Token sort ratio splits only on characters `str.split()` splits on (not on all of them:
    U+0085 and U+00A0 are no separators to rapidfuzz). So in text whose only such character
    is the single space between words, both split at the same places."""
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if fuzz.token_sort_ratio(f"b{char}a", "a b") == 100:
            assert char.isspace(), hex(code)


WORDS = st.text(alphabet="abcdeéz中0-&", min_size=1, max_size=8)
SPACED = st.lists(WORDS, min_size=1, max_size=4).map(" ".join).filter(is_spaced_words)


@given(SPACED, SPACED)
def test_token_sort_ratio_is_the_ratio_of_sorted_words(first: str, second: str) -> None:
    def words(text: str) -> str:
        return " ".join(sorted(text.split(" ")))

    assert fuzz.token_sort_ratio(first, second) == fuzz.ratio(words(first), words(second))


def _mutations() -> st.SearchStrategy[tuple[int, list[tuple[int, int, str]]]]:
    edit = st.tuples(st.integers(0, 60), st.integers(0, 2), st.sampled_from("aeinrst s-"))
    return st.tuples(st.integers(0, 10_000), st.lists(edit, max_size=4))


def _mutated(stem: str, edits: list[tuple[int, int, str]]) -> str:
    text = list(stem)
    for where, kind, char in edits:
        at = where % (len(text) + 1)
        if kind == 0:
            text.insert(at, char)
        elif text and kind == 1:
            del text[min(at, len(text) - 1)]
        elif text:
            text[min(at, len(text) - 1)] = char
    return "".join(text)


@given(_mutations(), st.sampled_from([0.0, 1.0, 50.0, 70.0, 85.0, 90.0, 99.5, 100.0]))
def test_close_stems_by_length_are_close_stems_everywhere(
    shipped: KnowledgeBase, mutation: tuple[int, list[tuple[int, int, str]]], cutoff: float
) -> None:
    terms = shipped.sectors.terms
    pick, edits = mutation
    query = _mutated(terms.latin_stem_choices[pick % len(terms.latin_stem_choices)], edits)
    assert fuzzy._close_stems(terms, query, cutoff) == fuzzy._close_stems_everywhere(
        terms, query, cutoff
    )


def test_every_stem_reaches_the_fast_path(shipped: KnowledgeBase) -> None:
    """Folded keys are single-spaced words: the table holds every stem, and a stem's own
    length always falls inside its window."""
    terms = shipped.sectors.terms
    assert all(is_spaced_words(text) for text in terms.latin_stem_choices)
    for text in terms.latin_stem_choices:
        near = choices_near(terms, text, 85.0)
        assert near is not None
        assert text in near[0]


@pytest.mark.parametrize("query", [" leading space", "two  spaces", "trailing "])
def test_text_not_written_as_words_takes_the_plain_path(shipped: KnowledgeBase, query: str) -> None:
    assert choices_near(shipped.sectors.terms, query, 85.0) is None


TEXT = st.text(alphabet="ab c\t\xa0\u3000中文é-", max_size=10)


@given(TEXT, TEXT)
def test_texts_sharing_no_character_have_a_wratio_of_0(first: str, second: str) -> None:
    """Whitespace counting as a space: `by_character` leaves such choices out."""
    if characters(first).isdisjoint(characters(second)):
        assert fuzz.WRatio(first, second) == 0


def _full_candidates(index: SectorIndex, query: str, limit: int, cutoff: float) -> list[Candidate]:
    from rapidfuzz import process

    found = process.extract(
        normalise(query),
        index.terms.suggestion_choices,
        scorer=fuzz.WRatio,
        limit=None,
        score_cutoff=cutoff,
    )
    return index._ranked((key, score) for key, score, _ in found)[:limit]


QUERIES = st.one_of(_mutations(), st.text(alphabet="abcxyz 中国q-İΩ", max_size=8))


@given(
    QUERIES,
    st.sampled_from([(5, 0.0), (1, 0.0), (12, 0.0), (5, 59.5), (5, 60.0), (0, 0.0), (500, 0.0)]),
)
def test_candidates_found_the_fast_ways_are_those_from_all_choices(
    shipped: KnowledgeBase,
    query: str | tuple[int, list[tuple[int, int, str]]],
    asked: tuple[int, float],
) -> None:
    index = shipped.sectors
    keys = index.terms.suggestion_choices
    text = query if isinstance(query, str) else _mutated(keys[query[0] % len(keys)], query[1])
    limit, cutoff = asked
    assert index._candidates(text, limit, cutoff) == _full_candidates(index, text, limit, cutoff)
