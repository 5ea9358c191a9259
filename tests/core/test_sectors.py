"""How related two sectors are, and how typed sectors are looked up."""

from __future__ import annotations

import pytest

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Names, Sector, SectorMatch
from gba_advisor.core.sectors import MatchMethod, SectorIndex, normalise

CREDIT = SectorMatch(exact=1.0, ancestor_decay=0.5, descendant=0.3, sibling=0.2)


def sector(sector_id: str, parent: str | None = None, aliases: tuple[str, ...] = ()) -> Sector:
    return Sector(
        id=sector_id,
        name=Names(en=sector_id.replace("_", " ").title(), zh=f"{sector_id}中文"),
        aliases=list(aliases),
        parent=parent,
    )


#   industry ─┬─ manufacturing ─┬─ chips
#             │                 └─ robots
#             └─ services ───── consulting
#   farming (a second root)
TREE = SectorIndex.build(
    [
        sector("industry"),
        sector("manufacturing", "industry"),
        sector("services", "industry"),
        sector("chips", "manufacturing", ("IC", "semiconductors")),
        sector("robots", "manufacturing"),
        sector("consulting", "services"),
        sector("farming"),
    ]
)


@pytest.mark.parametrize(
    ("mine", "theirs", "credit"),
    [
        ("chips", "chips", 1.0),
        ("industry", "industry", 1.0),
        # The platform names a broader sector: decay per level up.
        ("chips", "manufacturing", 0.5),
        ("chips", "industry", 0.25),
        # The platform names a narrower sector, at any depth.
        ("manufacturing", "chips", 0.3),
        ("industry", "chips", 0.3),
        # Same parent.
        ("chips", "robots", 0.2),
        ("manufacturing", "services", 0.2),
        # Cousins share only a grandparent: unrelated.
        ("chips", "consulting", 0.0),
        # Different trees, and two roots are not siblings.
        ("chips", "farming", 0.0),
        ("industry", "farming", 0.0),
        ("farming", "industry", 0.0),
        # Ids the taxonomy does not know.
        ("chips", "unknown", 0.0),
        ("unknown", "chips", 0.0),
    ],
)
def test_relatedness(mine: str, theirs: str, credit: float) -> None:
    assert TREE.relatedness(mine, theirs, CREDIT) == pytest.approx(credit)


def test_relatedness_reads_the_credit_it_is_given() -> None:
    index = SectorIndex.build([sector("parent"), sector("a", "parent"), sector("b", "parent")])
    generous = SectorMatch(exact=1.0, ancestor_decay=0.9, descendant=0.9, sibling=0.9)

    assert index.relatedness("a", "b", CREDIT) == pytest.approx(0.2)
    assert index.relatedness("a", "b", generous) == pytest.approx(0.9)
    assert index.relatedness("a", "parent", generous) == pytest.approx(0.9)


@pytest.mark.parametrize(
    ("mine", "theirs", "credit"),
    [
        ("ai", "ai", 1.0),
        ("ai", "tech", 0.8),
        ("tech", "ai", 0.6),
        ("ai", "chips", 0.4),
        ("chips", "ai", 0.4),
        ("ai", "food", 0.0),
        ("tech", "food", 0.0),
    ],
)
def test_relatedness_in_the_tiny_knowledge_base(
    tiny_kb: KnowledgeBase, mine: str, theirs: str, credit: float
) -> None:
    match = tiny_kb.rules.sector_match

    assert tiny_kb.sectors.relatedness(mine, theirs, match) == pytest.approx(credit)


def test_ancestors_are_listed_nearest_first() -> None:
    assert TREE.ancestors["chips"] == ("manufacturing", "industry")
    assert TREE.ancestors["industry"] == ()


def test_a_parent_cycle_does_not_hang_the_index() -> None:
    index = SectorIndex.build([sector("a", "b"), sector("b", "a")])

    assert index.ancestors == {"a": ("b",), "b": ("a",)}


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Medical-Devices", "medical devices"),
        ("medical_devices", "medical devices"),
        ("  Medical /  Devices ", "medical devices"),
        ("人工智能", "人工智能"),
    ],
)
def test_normalise(text: str, folded: str) -> None:
    assert normalise(text) == folded


def test_ids_win_over_names_and_names_over_aliases() -> None:
    index = SectorIndex.build(
        [sector("ai", aliases=("robots",)), sector("robots", aliases=("Ai",))]
    )

    assert index.keys["ai"] == ("ai", MatchMethod.ID)
    assert index.keys["robots"] == ("robots", MatchMethod.ID)


@pytest.mark.parametrize(
    ("query", "expected", "method"),
    [
        ("chips", "chips", MatchMethod.ID),
        ("Chips", "chips", MatchMethod.ID),
        ("chips中文", "chips", MatchMethod.NAME),
        ("Semiconductors", "chips", MatchMethod.ALIAS),
        ("semiconductor", "chips", MatchMethod.FUZZY),
    ],
)
def test_resolve(query: str, expected: str, method: MatchMethod) -> None:
    found = TREE.resolve(query, cutoff=85)

    assert found is not None
    assert (found.sector_id, found.method) == (expected, method)
    assert found.exact is (method is not MatchMethod.FUZZY)


def test_resolve_returns_none_below_the_cutoff() -> None:
    assert TREE.resolve("xylophone", cutoff=85) is None


def test_a_short_alias_inside_an_unrelated_word_is_no_match(tiny_kb: KnowledgeBase) -> None:
    """`dairy` holds the letters `ai`, `plastics` the letters `ic`: neither is that sector."""
    queries = ["dairy", "retail", "plastics", "astrophysics", "agriculture"]
    cutoff = tiny_kb.rules.fuzzy_cutoff

    found = {query: tiny_kb.sectors.resolve(query, cutoff) for query in queries}

    assert found == dict.fromkeys(queries)


def test_candidates_are_one_per_sector_best_first() -> None:
    found = TREE.candidates("semiconductor", limit=3)

    assert found[0].sector_id == "chips"
    assert len(found) == 3
    assert len({c.sector_id for c in found}) == 3
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
