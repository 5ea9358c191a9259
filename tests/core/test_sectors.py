"""How related two sectors are, and how typed sectors are looked up."""

from __future__ import annotations

import pytest

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Names, Sector, SectorMatch
from gba_advisor.core.kb.sectors import MatchMethod, SectorIndex, SectorResolution, normalise

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


# --- Descriptions, strict fuzzy matching, and what the shipped taxonomy resolves ----------------


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    from gba_advisor.core.kb.loader import load_knowledge_base

    return load_knowledge_base()


def resolve_shipped(kb: KnowledgeBase, query: str) -> SectorResolution | None:
    return kb.sectors.resolve(query, kb.rules.fuzzy_cutoff)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Found nothing before the taxonomy grew.
        ("clinical research", "clinical_research"),
        ("applied research", "research_and_development"),
        ("university", "higher_education"),
        ("casino", "gaming_and_casinos"),
        ("博彩", "gaming_and_casinos"),
        ("automobiles", "automotive"),
        ("textiles", "textiles_and_apparel"),
        ("steel", "steel_and_metals"),
        ("petrochemicals", "chemicals"),
        ("总部经济", "headquarters_economy"),
        # Matched the wrong sector before.
        ("research and development", "research_and_development"),
        ("port", "port_operation"),
        ("car", "automotive"),
        ("trading", "trade_and_commerce"),
        ("研发", "research_and_development"),
        ("金融科枝", "fintech"),
        # Was an exact alias of new energy vehicles; a parts maker is in the car industry.
        ("auto parts", "automotive"),
    ],
)
def test_the_shipped_taxonomy_reads_what_failed_before(
    shipped: KnowledgeBase, query: str, expected: str
) -> None:
    found = resolve_shipped(shipped, query)

    assert found is not None
    assert found.sector_id == expected


def test_a_parenthesis_is_detail_when_it_names_the_same_sector(shipped: KnowledgeBase) -> None:
    found = resolve_shipped(shipped, "semiconductors (microcontroller chip design)")

    assert found is not None
    assert (found.sector_id, found.term) == ("integrated_circuits", "semiconductors")
    assert found.extras == ()
    assert found.details == ("microcontroller chip design",)
    assert not found.exact


def test_a_list_gives_the_sector_and_extra_secondary_sectors(shipped: KnowledgeBase) -> None:
    found = resolve_shipped(shipped, "trading, logistics and supply of food")

    assert found is not None
    assert (found.sector_id, found.term) == ("trade_and_commerce", "trading")
    assert [(e.sector_id, e.term, e.derived) for e in found.extras] == [
        ("logistics", "logistics", True),
        ("food_trading", "supply of food", True),
    ]
    assert all(e.query == found.query for e in found.extras)


def test_chinese_lists_split_on_their_own_separators(shipped: KnowledgeBase) -> None:
    found = resolve_shipped(shipped, "芯片、软件和物流")

    assert found is not None
    assert found.sector_id == "integrated_circuits"
    assert [e.sector_id for e in found.extras] == ["software_and_information_services", "logistics"]


@pytest.mark.parametrize("query", ["research and development", "food and big health", "PE/VC"])
def test_a_name_that_reads_like_a_list_is_matched_whole(shipped: KnowledgeBase, query: str) -> None:
    found = resolve_shipped(shipped, query)

    assert found is not None
    assert found.exact
    assert found.extras == ()


@pytest.mark.parametrize(
    "query",
    # Two edits from "gambling", the singular of another word than "securities", one letter
    # from "port" or "park", a pronoun that is also an abbreviation, a fragment: no match.
    ["gaming", "security", "pork", "it is what it is", "medical"],
)
def test_no_fuzzy_match_crosses_domains(shipped: KnowledgeBase, query: str) -> None:
    assert resolve_shipped(shipped, query) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("biotechnolgy", "biotechnology"),
        ("logisitcs", "logistics"),
        ("medical instrument", "medical_devices"),
        ("vehicles electric", "new_energy_vehicles"),
    ],
)
def test_typos_plurals_and_word_order_are_fuzzy_matches(
    shipped: KnowledgeBase, query: str, expected: str
) -> None:
    found = resolve_shipped(shipped, query)

    assert found is not None
    assert (found.sector_id, found.method) == (expected, MatchMethod.FUZZY)


def test_abbreviations_inside_a_text_count_only_in_capitals(shipped: KnowledgeBase) -> None:
    upper = resolve_shipped(shipped, "IT services company")
    lower = resolve_shipped(shipped, "what it does")

    assert upper is not None
    assert upper.sector_id == "software_and_information_services"
    assert lower is None


def test_traditional_characters_fold_to_simplified(shipped: KnowledgeBase) -> None:
    found = resolve_shipped(shipped, "醫療器械")

    assert found is not None
    assert (found.sector_id, found.exact) == ("medical_devices", True)


def test_the_profile_adds_derived_sectors_and_warns(shipped: KnowledgeBase) -> None:
    from gba_advisor.core.layout.notices import _sector_matches
    from gba_advisor.core.profile.loader import parse_profile, resolve_profile
    from gba_advisor.core.source.document import parse_document

    text = (
        "name: X\nhome: hong_kong\nsector: 'trading, logistics and supply of food'\n"
        "secondary_sectors: [logistics]\nfunctions: [trade]\n"
    )
    document = parse_document(text, "client.yaml")
    profile = resolve_profile(parse_profile(document), document, shipped)

    assert profile.sector.sector_id == "trade_and_commerce"
    # Logistics, written as a secondary sector, wins over the one derived from the description.
    assert [(r.sector_id, r.derived) for r in profile.secondary_sectors] == [
        ("food_trading", True),
        ("logistics", False),
    ]
    warnings = list(_sector_matches(shipped, profile))
    assert [w.code for w in warnings] == ["sector_head_term"]
    assert "from its part 'trading'" in warnings[0].message
    assert "`food_trading` (from 'supply of food')" in warnings[0].message


@pytest.mark.parametrize(
    "query",
    [
        "of food",
        "for",
        "x for",
        "()",
        "（",
        ",",
        "、",
        "and",
        "\x005\x00",
        "x (y (z (w)))",
        "a " * 99,
    ],
)
def test_odd_descriptions_resolve_or_not_without_failing(
    shipped: KnowledgeBase, query: str
) -> None:
    found = resolve_shipped(shipped, query)

    assert found is None or found.sector_id in shipped.sectors.sectors
