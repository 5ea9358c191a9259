"""Honest output: exclusions are marked, constraints are named, later facts are dated.

Run on the shipped knowledge base and examples, where issue 12 found each problem.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from gba_advisor.core.api import Advisor
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.loader import load_knowledge_base
from gba_advisor.core.profile.loader import load_profile
from gba_advisor.core.result.json_schema import Result, Summary
from gba_advisor.core.result.model import AdvisorResult
from gba_advisor.core.scoring.dated_facts import earliest_day

ROOT = Path(__file__).resolve().parents[2]
ROBOTICS = ROOT / "examples" / "tech_rd_loop_branches_nansha.yaml"
MACAO_TCM = ROOT / "examples" / "macao_tcm.yaml"
AS_OF = dt.date(2026, 11, 26)
MACAO_BIOTECH = (
    "name: X\nhome: macao\nsector: biotech\nfunctions: [rd, manufacturing]\n"
    "constraints:\n  exclude: [hengqin]\n"
)
DATE_MARK = re.compile(r"\((partly )?from [^)]*\d{4}\)")
WET_LAB = "name: X\nhome: hong_kong\nsector: biotech\nfunctions: [rd]\nrd_needs: [wet_lab]\n"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def advise(
    kb: KnowledgeBase,
    tmp_path: Path,
    text: str | Path,
    as_of: dt.date = AS_OF,
    max_sites: int | None = None,
) -> AdvisorResult:
    path = text if isinstance(text, Path) else tmp_path / "client.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    return Advisor(kb, as_of).advise(load_profile(path, kb), max_sites=max_sites)


def test_an_excluded_platform_is_flagged_in_ranking_and_by_function(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    result = advise(kb, tmp_path, MACAO_BIOTECH)
    data = result.to_dict()

    # Hengqin still tops the ranking (it is scored, to show what excluding it costs) ...
    assert data["ranking"][0]["platform"] == "hengqin"
    # ... and says it is excluded, wherever it is listed; no other platform does.
    flagged = {e["platform"] for e in data["ranking"] if e.get("excluded_by_constraint")}
    assert flagged == {"hengqin"}
    for entries in data["by_function"].values():
        assert {e["platform"] for e in entries if e.get("excluded_by_constraint")} == {"hengqin"}
    assert "hengqin" not in result.layout.assignments.values()
    Result.model_validate(data)
    Summary.model_validate(
        {
            "line": 1,
            "schema_version": 1,
            "profile": data["profile"],
            "ranking": [result.ranking[0].to_dict(explain=False)],
            "by_function": {
                f.value: [e.to_dict(explain=False) for e in entries]
                for f, entries in result.by_function.items()
            },
            "layout": {k: data["layout"][k] for k in ("assignments", "sites", "score")},
            "warnings": [],
        }
    )


def test_nothing_is_flagged_without_an_exclusion(kb: KnowledgeBase, tmp_path: Path) -> None:
    data = advise(kb, tmp_path, ROBOTICS).to_dict()

    assert not any("excluded_by_constraint" in e for e in data["ranking"])


def test_the_rationale_compares_with_allowed_platforms_and_names_the_excluded_one(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    result = advise(kb, tmp_path, MACAO_BIOTECH)
    first = result.layout.rationale[0]

    assert first.startswith("R&D and manufacturing in Nansha (69.5, 1.9 behind the Loop for R&D")
    assert "Hengqin would score 7.0 more but is excluded" in first
    assert "behind Hengqin" not in " ".join(result.layout.rationale)


def test_max_sites_that_decides_the_layout_is_named_as_the_reason(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    rationale = advise(kb, tmp_path, ROBOTICS, max_sites=1).layout.rationale

    assert "behind the Loop for R&D, max_sites 1 keeps them together" in rationale[0]
    assert rationale[1].startswith(
        "max_sites 1 keeps every function in one site: without that limit, the best layout "
        "(R&D in the Loop; manufacturing and sales & trade in Nansha) would score"
    )
    text = " ".join(rationale)
    assert "beats the alternatives" not in text
    assert "kept for the layout" not in text


def test_max_sites_that_changes_nothing_is_not_blamed(kb: KnowledgeBase, tmp_path: Path) -> None:
    rationale = advise(kb, tmp_path, MACAO_TCM, max_sites=1).layout.rationale

    assert not any("keeps them together" in s or "without that limit" in s for s in rationale)


def test_a_fact_dated_after_the_as_of_date_is_marked_with_its_date(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    result = advise(kb, tmp_path, WET_LAB, as_of=dt.date(2015, 1, 1))
    reasons = [
        c.reason
        for entries in result.by_function.values()
        for e in entries
        for c in e.contributions
    ]
    stated = [r for r in reasons if "HK Park opened Dec 2025" in r]

    assert stated
    assert all("lab floor space let (from Dec 2025)" in r for r in stated)
    assert "(from Dec 2025)" in result.layout.rationale[0]


def test_facts_are_unmarked_when_the_as_of_date_is_after_them(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    result = advise(kb, tmp_path, WET_LAB)
    reasons = [
        c.reason
        for entries in result.by_function.values()
        for e in entries
        for c in e.contributions
    ]

    assert any("HK Park opened Dec 2025" in r for r in reasons)
    assert not any(DATE_MARK.search(r) for r in reasons)


def test_incentives_are_left_to_their_own_dates(kb: KnowledgeBase, tmp_path: Path) -> None:
    result = advise(kb, tmp_path, WET_LAB, as_of=dt.date(2024, 6, 1))
    loop_tax = next(
        c
        for e in result.by_function[next(iter(result.by_function))]
        if e.platform == "loop"
        for c in e.contributions
        if c.rule == "priority.tax"
    )

    # Its sources are from 2024, but its incentives are dated on their own: no mark.
    assert "from" not in loop_tax.reason.rsplit(")", 1)[-1]
    assert "(partly from" not in loop_tax.reason


@pytest.mark.parametrize(
    ("printed", "day"),
    [
        ("22 Dec 2025", dt.date(2025, 12, 22)),
        ("Dec 2025", dt.date(2025, 12, 1)),
        ("2026", dt.date(2026, 1, 1)),
        ("Feb/Mar 2025", dt.date(2025, 2, 1)),
        ("30 Jun–1 Jul 2022", dt.date(2022, 6, 30)),
        ("last reviewed 29 Jun 2022", dt.date(2022, 6, 29)),
        ("2021-09-05", dt.date(2021, 9, 5)),
        ("undated", None),
    ],
)
def test_the_earliest_day_a_printed_date_can_mean(printed: str, day: dt.date | None) -> None:
    assert earliest_day(printed) == day
