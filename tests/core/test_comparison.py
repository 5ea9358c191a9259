"""The pure comparison on the hand-checkable two-platform knowledge base."""

from __future__ import annotations

import datetime as dt

import pytest

from gba_advisor.core.analysis.comparison import (
    FitKind,
    Section,
    compare_platforms,
    select_platforms,
)
from gba_advisor.core.analysis.incentive_validity import validity
from gba_advisor.core.api import Advisor
from gba_advisor.core.errors import ExitCode, InputError
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.profile.loader import parse_profile, profile_from_data, resolve_profile

BEFORE_EXPIRY = dt.date(2025, 6, 1)
AFTER_EXPIRY = dt.date(2026, 6, 1)


def rows(kb: KnowledgeBase, as_of: dt.date = BEFORE_EXPIRY) -> dict[tuple[Section, str], object]:
    return {(r.section, r.key): r for r in compare_platforms(kb, as_of).facts}


def test_select_keeps_the_order_given_without_repeats(tiny_kb: KnowledgeBase) -> None:
    assert select_platforms(tiny_kb, []) == ("alpha", "beta")
    assert select_platforms(tiny_kb, ["beta", "alpha", "beta"]) == ("beta", "alpha")


def test_an_unknown_id_is_an_input_error_with_a_suggestion(tiny_kb: KnowledgeBase) -> None:
    with pytest.raises(InputError) as caught:
        select_platforms(tiny_kb, ["alpah"])
    assert caught.value.suggestion == "alpha"
    assert caught.value.exit_code is ExitCode.INVALID_INPUT


def test_levels_mark_differences_and_leaders(tiny_kb: KnowledgeBase) -> None:
    facts = compare_platforms(tiny_kb, BEFORE_EXPIRY).facts
    by_key = {(r.section, r.key): r for r in facts}
    rd = by_key[(Section.FUNCTIONS, "rd")]
    assert (rd.differs, rd.leaders) == (True, ("alpha",))
    assert rd.cells["alpha"].level == 5.0
    logistics = by_key[(Section.FUNCTIONS, "logistics")]
    assert (logistics.differs, logistics.leaders) == (False, ())
    mainland = by_key[(Section.PARTNERS, "mainland")]
    assert mainland.leaders == ("alpha",)
    area = by_key[(Section.OVERVIEW, "area")]
    assert (area.differs, area.leaders) == (False, ())


def test_strengths_count_incentives_only_while_in_force(tiny_kb: KnowledgeBase) -> None:
    def tax(as_of: dt.date) -> dict[str, float | None]:
        row = next(
            r
            for r in compare_platforms(tiny_kb, as_of).facts
            if (r.section, r.key) == (Section.STRENGTHS, "tax")
        )
        return {p: cell.level for p, cell in row.cells.items()}

    assert tax(BEFORE_EXPIRY) == {"alpha": 5.0, "beta": 1.0}
    assert tax(AFTER_EXPIRY) == {"alpha": 2.0, "beta": 1.0}


def test_incentives_carry_their_validity(tiny_kb: KnowledgeBase) -> None:
    incentive = tiny_kb.platform("alpha").incentives[0]
    assert validity(incentive, BEFORE_EXPIRY) == "in force since 2021-01-01, until 2025-12-31"
    assert validity(incentive, AFTER_EXPIRY) == "ended 2025-12-31"
    assert validity(incentive, dt.date(2020, 1, 1)) == "from 2021-01-01, not yet in force"


def test_list_entries_know_whether_every_platform_has_them(tiny_kb: KnowledgeBase) -> None:
    facts = compare_platforms(tiny_kb, BEFORE_EXPIRY).facts
    plans = next(r for r in facts if r.section is Section.PLANS)
    assert all(item.shared for cell in plans.cells.values() for item in cell.items)
    assert not plans.differs
    industries = next(r for r in facts if r.section is Section.INDUSTRIES)
    assert industries.differs
    assert not any(item.shared for cell in industries.cells.values() for item in cell.items)


def test_fit_is_read_from_the_result_and_names_winners(tiny_kb: KnowledgeBase) -> None:
    data = {"name": "T", "home": "mainland", "sector": "ai", "functions": ["rd", "manufacturing"]}
    document = profile_from_data(data, "t")
    resolved = resolve_profile(parse_profile(document), document, tiny_kb)
    result = Advisor(tiny_kb, BEFORE_EXPIRY).advise(resolved)
    fit = compare_platforms(tiny_kb, BEFORE_EXPIRY, (), result).fit
    assert fit is not None
    overall = fit.rows[0]
    assert overall.kind is FitKind.OVERALL
    assert overall.points == {e.platform: e.score for e in result.ranking}
    manufacturing = next(r for r in fit.rows if r.key == "manufacturing")
    assert set(manufacturing.blocked) == {"alpha"}
    assert manufacturing.winners == ("beta",)
    criteria = [r for r in fit.rows if r.kind is FitKind.CRITERION]
    assert "function_gate" not in {r.key for r in criteria}
    gateway = next(r for r in criteria if r.key == "market_gateway")
    assert gateway.points == {"alpha": 10.0, "beta": 10.0}
    assert (gateway.winners, gateway.differs) == (("alpha", "beta"), False)
    sector = next(r for r in criteria if r.key == "sector_fit")
    assert (sector.points, sector.winners) == ({"alpha": 20.0, "beta": 32.0}, ("beta",))


def test_a_result_for_another_date_is_refused(tiny_kb: KnowledgeBase) -> None:
    data = {"name": "T", "home": "mainland", "sector": "ai", "functions": ["rd"]}
    document = profile_from_data(data, "t")
    resolved = resolve_profile(parse_profile(document), document, tiny_kb)
    result = Advisor(tiny_kb, BEFORE_EXPIRY).advise(resolved)
    with pytest.raises(ValueError, match="another date"):
        compare_platforms(tiny_kb, AFTER_EXPIRY, (), result)
