"""Invariants of advice on the shipped knowledge base, for any profile hypothesis can make."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from gba_advisor.core.api import Advisor, load_knowledge_base
from gba_advisor.core.errors import NoLayoutError
from gba_advisor.core.profile.loader import parse_profile, resolve_profile
from gba_advisor.core.result.model import AdvisorResult
from gba_advisor.core.source.document import Document
from gba_advisor.core.vocabulary import FunctionId, Market, Priority, RdIntensity, RdNeed

KB = load_knowledge_base()
AS_OF = dt.date(2026, 6, 1)
ADVISOR = Advisor(KB, AS_OF)
SECTORS = sorted(KB.sectors.sectors)


def _subset(items: list[Any], min_size: int = 0) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(items), min_size=min_size, max_size=len(items), unique=True)


profiles = st.fixed_dictionaries(
    {
        "name": st.just("Generated"),
        "home": st.sampled_from(["mainland", "hong_kong", "macao", "taiwan", "foreign"]),
        "sector": st.sampled_from(SECTORS),
        "secondary_sectors": _subset(SECTORS[:12]),
        "functions": _subset([f.value for f in FunctionId], min_size=1),
        "rd_intensity": st.sampled_from([r.value for r in RdIntensity]),
        "rd_needs": _subset([n.value for n in RdNeed]),
        "target_markets": _subset([m.value for m in Market]),
        "priorities": st.fixed_dictionaries({p.value: st.integers(0, 5) for p in Priority}),
    }
)


def advise(data: dict[str, Any]) -> AdvisorResult:
    document = Document("generated.yaml", data, {})
    return ADVISOR.advise(resolve_profile(parse_profile(document), document, KB))


def as_json(result: AdvisorResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False)


@given(profiles, st.randoms(use_true_random=False))
def test_list_order_and_repetition_do_not_change_the_result(
    data: dict[str, Any], random: Any
) -> None:
    shuffled = dict(data)
    for key in ("secondary_sectors", "functions", "rd_needs", "target_markets"):
        items = list(data[key])
        random.shuffle(items)
        shuffled[key] = items
    assert as_json(advise(data)) == as_json(advise(shuffled))


@given(profiles)
def test_results_meet_the_spec_invariants(data: dict[str, Any]) -> None:
    result = advise(data)
    for entries in (result.ranking, *result.by_function.values()):
        keys = [(-round(e.score, 2), e.platform) for e in entries]
        assert keys == sorted(keys)
        for entry in entries:
            assert 0.0 <= entry.score <= 100.0
            assert abs(sum(c.points for c in entry.contributions) - entry.score) < 1e-6
    assert set(result.layout.assignments) == set(data["functions"])
    deltas = [alternative.delta for alternative in result.alternatives]
    assert all(delta <= 1e-9 for delta in deltas)
    assert deltas == sorted(deltas, reverse=True)


@settings(max_examples=60)
@given(profiles, st.sampled_from(list(Priority)))
def test_raising_a_priority_never_lowers_the_strongest_platform(
    data: dict[str, Any], priority: Priority
) -> None:
    level = data["priorities"][priority.value]
    if level == 5:
        return
    raised = {**data, "priorities": {**data["priorities"], priority.value: level + 1}}
    before, after = advise(data), advise(raised)
    strongest = [
        platform
        for platform, standing in ADVISOR.basis.standings.items()
        if standing.levels[priority] == ADVISOR.basis.best[priority]
    ]
    for platform in strongest:
        for function in before.by_function:
            old = _score(before.by_function[function], platform)
            new = _score(after.by_function[function], platform)
            assert new >= old - 1e-9, (function, platform, old, new)
        assert _score(after.ranking, platform) >= _score(before.ranking, platform) - 1e-9


@given(profiles, st.sampled_from(KB.platform_ids))
def test_an_excluded_platform_is_never_in_the_layout(data: dict[str, Any], platform: str) -> None:
    document = Document("generated.yaml", data, {})
    profile = resolve_profile(parse_profile(document), document, KB)
    try:
        result = ADVISOR.advise(profile, exclude=[platform])
    except NoLayoutError:
        return
    assert platform not in result.layout.assignments.values()
    for alternative in result.alternatives:
        assert platform not in alternative.layout.assignments.values()


def test_same_input_gives_byte_identical_json() -> None:
    data = {"name": "Twice", "home": "macao", "sector": "finance", "functions": ["finance", "rd"]}
    assert as_json(advise(data)) == as_json(advise(data))
    assert as_json(advise(data)) == as_json(replace(advise(data)))


def _score(entries: Any, platform: str) -> float:
    return float(next(e.score for e in entries if e.platform == platform))
