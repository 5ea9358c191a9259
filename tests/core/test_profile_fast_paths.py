"""Resolving a profile remembers what it worked out, and skips what it has nothing to do for;
the answers are those worked out afresh."""

from __future__ import annotations

from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.sectors import SectorIndex
from gba_advisor.core.profile import loader
from gba_advisor.core.profile.loader import parse_profile, resolve_profile
from gba_advisor.core.profile.schema import Priorities, Profile
from gba_advisor.core.source.document import Document, parse_document
from gba_advisor.core.vocabulary import FunctionId, Market, RdNeed

ENUMS: list[type[StrEnum]] = [FunctionId, Market, RdNeed]


def _fresh_canonical(enum: type[StrEnum], items: list[StrEnum]) -> tuple[StrEnum, ...]:
    return tuple(member for member in enum if member in set(items))


@given(
    st.sampled_from(ENUMS).flatmap(
        lambda e: st.tuples(st.just(e), st.lists(st.sampled_from(list(e)), max_size=12))
    )
)
def test_canonical_lists_are_the_vocabulary_order_remembered_or_not(
    case: tuple[type[StrEnum], list[StrEnum]],
) -> None:
    enum, items = case
    first = loader._canonical(enum, items)
    assert first == _fresh_canonical(enum, items)
    assert loader._canonical(enum, list(items)) == first
    # Written as plain text, the same list gives the members all the same.
    again = loader._canonical(enum, [str(item) for item in items])  # type: ignore[misc]
    assert again == first
    assert all(type(member) is enum for member in again)


def test_an_exact_sector_is_remembered_as_resolved_afresh(tiny_kb: KnowledgeBase) -> None:
    index = tiny_kb.sectors
    fresh = SectorIndex.build(list(index.sectors.values()))
    for query in ["ai", "AI", "  Artificial   intelligence ", "人工智能", "ic", "nothing at all"]:
        first = index.resolve(query, 85.0)
        assert index.resolve(query, 85.0) == first
        assert fresh.resolve(query, 85.0) == first


BASE = {"name": "Tiny", "home": "mainland", "sector": "ai", "functions": ["rd"]}


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"constraints": {"max_sites": 1}},
        {"constraints": {"pin": {"rd": "alpha"}, "exclude": ["beta"]}},
        {"secondary_sectors": ["chips", "IC"]},
    ],
)
def test_a_record_without_positions_places_no_constraint(
    tiny_kb: KnowledgeBase, extra: dict[str, object]
) -> None:
    document = Document("in.jsonl:4", {**BASE, **extra}, {(): (4, 1)})
    resolved = resolve_profile(parse_profile(document), document, tiny_kb)
    assert resolved.positions == {}


def test_a_yaml_profile_still_places_its_constraints(tiny_kb: KnowledgeBase) -> None:
    text = "name: T\nhome: mainland\nsector: ai\nfunctions: [rd]\nconstraints:\n  max_sites: 1\n"
    document = parse_document(text, "p.yaml")
    resolved = resolve_profile(parse_profile(document), document, tiny_kb)
    assert resolved.positions == {"constraints": (6, 3), "constraints.max_sites": (6, 3)}


def test_profiles_without_priorities_share_the_default_levels() -> None:
    first = Profile.model_validate(BASE)
    second = Profile.model_validate(BASE)
    assert first.priorities == Priorities()
    assert first.priorities.model_dump() == dict.fromkeys(Priorities.model_fields, 3)
    assert second.priorities is first.priorities
    assert "priorities" not in first.model_fields_set
