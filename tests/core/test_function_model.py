"""The function-aware model on copies of the tiny knowledge base, worked out by hand.

tests/fixtures/tiny_kb: alpha names `ai` (credit 1.0), rd fit 5, mainland gateway 1.0, tax 2 + 3
from a CIT in force 2021-01-01..2025-12-31; beta names `tech` (credit 0.8 for `ai`), every fit 3,
mainland gateway 0.5, tax 1; every other strength is 1. Default weights: sector 40, function 20,
market 20, priorities 20.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from gba_advisor.core.api import Advisor
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.loader import load_knowledge_base
from gba_advisor.core.profile.loader import load_profile
from gba_advisor.core.result.model import AdvisorResult
from gba_advisor.core.vocabulary import FunctionId

IN_FORCE = dt.date(2024, 1, 1)
LAPSED = dt.date(2026, 1, 1)
TAX_ONLY = (
    "priorities: {tax: 5, talent: 0, market_access: 0, cross_border: 0, space: 0, cost: 0,"
    " research: 0, finance_access: 0}\n"
)


def edited_kb(source: Path, target: Path, edits: dict[str, tuple[str, str]]) -> KnowledgeBase:
    """A copy of the tiny knowledge base with `old` replaced by `new` in the named files."""
    shutil.copytree(source, target)
    for name, (old, new) in edits.items():
        path = target / name
        text = path.read_text("utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), "utf-8")
    return load_knowledge_base(target)


def advise(kb: KnowledgeBase, folder: Path, text: str, as_of: dt.date) -> AdvisorResult:
    path = folder / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return Advisor(kb, as_of).advise(load_profile(path, kb))


def scores(result: AdvisorResult, function: FunctionId) -> dict[str, float]:
    return {e.platform: round(e.score, 9) for e in result.by_function[function]}


ROWS = """by_function:
  rd:
    reason: A lab is placed on its function fit alone.
    weights: {sector_fit: 0, secondary_sector_fit: 0, function_fit: 10, market_gateway: 0,
              home_affinity: 0, rd_needs: 0, rd_intensity: 0, priorities: 0}
  manufacturing:
    reason: A factory is placed on the market gateway and its priorities.
    weights: {sector_fit: 0, secondary_sector_fit: 0, function_fit: 0, market_gateway: 10,
              home_affinity: 0, rd_needs: 0, rd_intensity: 0, priorities: 10}
    priorities: {tax: 0, space: 2}
sector_match:"""


def test_each_function_is_weighed_by_its_own_row(tiny_kb_dir: Path, tmp_path: Path) -> None:
    kb = edited_kb(tiny_kb_dir, tmp_path / "kb", {"rules.yaml": ("sector_match:", ROWS)})
    profile = "name: T\nhome: mainland\nsector: ai\nfunctions: [rd, trade]\n" + TAX_ONLY

    result = advise(kb, tmp_path, profile, IN_FORCE)

    # rd: function fit only, alpha 5/5 and beta 3/5.
    assert scores(result, FunctionId.RD) == {"alpha": 100.0, "beta": 60.0}
    # trade has no row: the default weights (sector 40, function 20, market 20, tax 20 at
    # 5/5 for alpha and 1/5 for beta; alpha's trade fit is 3 like beta's).
    assert scores(result, FunctionId.TRADE) == {"alpha": 92.0, "beta": 58.0}


def test_a_functions_priority_multipliers_reweigh_the_profiles_ratings(
    tiny_kb_dir: Path, tmp_path: Path
) -> None:
    kb = edited_kb(tiny_kb_dir, tmp_path / "kb", {"rules.yaml": ("sector_match:", ROWS)})
    profile = (
        "name: T\nhome: mainland\nsector: ai\nfunctions: [manufacturing]\n"
        "priorities: {tax: 5, talent: 0, market_access: 0, cross_border: 0, space: 1, cost: 0,"
        " research: 0, finance_access: 0}\n"
    )

    result = advise(kb, tmp_path, profile, IN_FORCE)

    beta = result.by_function[FunctionId.MANUFACTURING][0]
    points = {c.rule: round(c.points, 9) for c in beta.contributions}
    # Tax counts 0 for a factory here, so space (1 x 2) takes the whole priority block: 50
    # points at 1/1; the market gateway gives beta 0.5 of its 50.
    assert points == {"market_gateway": 25.0, "priority.space": 50.0}
    assert "priority.tax" not in points


UNSCORED_COST = {
    "rules.yaml": ("sector_match:", "unscored_priorities: {cost: no cost data}\nsector_match:")
}


def test_an_unscored_priority_is_left_out_and_named_in_a_warning(
    tiny_kb_dir: Path, tmp_path: Path
) -> None:
    kb = edited_kb(tiny_kb_dir, tmp_path / "kb", UNSCORED_COST)
    rated = TAX_ONLY.replace("cost: 0", "cost: 5")

    plain = advise(
        kb, tmp_path, "name: T\nhome: mainland\nsector: ai\nfunctions: [rd]\n" + TAX_ONLY, IN_FORCE
    )
    result = advise(
        kb, tmp_path, "name: T\nhome: mainland\nsector: ai\nfunctions: [rd]\n" + rated, IN_FORCE
    )

    assert scores(result, FunctionId.RD) == scores(plain, FunctionId.RD)
    warning = next(w for w in result.warnings if w.code == "priority_without_data")
    assert warning.message == "priority cost (5) is not scored: no cost data"
    assert not [w for w in plain.warnings if w.code == "priority_without_data"]


UNVERIFIED = (
    "valid_until: 2025-12-31",
    'valid_until: "unverified"\n        assumed_until: 2025-12-31',
)


@pytest.mark.parametrize(
    ("as_of", "alpha", "code"),
    [
        # Counted until its assumed end: tax 5/5 gives alpha the whole 20 tax points.
        (IN_FORCE, 100.0, "incentive_end_unverified"),
        # After it: tax 2/2 is still the best level, but beta's 1/2 now gets 10 of 20.
        (LAPSED, 100.0, "incentive_unverified_lapsed"),
    ],
)
def test_an_unverified_end_counts_until_its_assumed_end_and_not_after(
    tiny_kb_dir: Path, tmp_path: Path, as_of: dt.date, alpha: float, code: str
) -> None:
    kb = edited_kb(tiny_kb_dir, tmp_path / "kb", {"platforms.yaml": UNVERIFIED})
    profile = "name: T\nhome: mainland\nsector: ai\nfunctions: [rd]\n" + TAX_ONLY

    result = advise(kb, tmp_path, profile, as_of)

    beta = 32 + 12 + 10 + (4.0 if as_of == IN_FORCE else 10.0)
    assert scores(result, FunctionId.RD) == {"alpha": alpha, "beta": beta}
    warning = next(w for w in result.warnings if w.code == code)
    assert "Alpha CIT 15%" in warning.message
    if as_of == LAPSED:
        assert "unverified, not counted" in warning.message


def test_an_undated_measure_counts_only_from_when_it_was_announced(
    tiny_kb_dir: Path, tmp_path: Path
) -> None:
    kb = edited_kb(
        tiny_kb_dir,
        tmp_path / "kb",
        {
            "platforms.yaml": (
                "valid_from: 2021-01-01",
                "valid_from: null\n        announced: 2023-06-01",
            )
        },
    )
    profile = "name: T\nhome: mainland\nsector: ai\nfunctions: [rd]\n" + TAX_ONLY

    before = advise(kb, tmp_path, profile, dt.date(2023, 1, 1))
    after = advise(kb, tmp_path, profile, IN_FORCE)

    assert scores(before, FunctionId.RD)["beta"] == 32 + 12 + 10 + 10.0
    assert scores(after, FunctionId.RD)["beta"] == 32 + 12 + 10 + 4.0


def test_strengths_are_capped_at_the_rules_cap(tiny_kb_dir: Path, tmp_path: Path) -> None:
    kb = edited_kb(
        tiny_kb_dir,
        tmp_path / "kb",
        {"rules.yaml": ("sector_match:", "strength_cap: 3\nsector_match:")},
    )
    profile = "name: T\nhome: mainland\nsector: ai\nfunctions: [rd]\n" + TAX_ONLY

    result = advise(kb, tmp_path, profile, IN_FORCE)

    # alpha's tax 2 + 3 is capped at 3: beta's 1 is worth 1/3 of the 20 tax points.
    assert scores(result, FunctionId.RD)["beta"] == pytest.approx(32 + 12 + 10 + 20 / 3)
    alpha = result.by_function[FunctionId.RD][0]
    tax = next(c for c in alpha.contributions if c.rule == "priority.tax")
    assert tax.reason.startswith("tax 3/3 (best 3/3)")


def test_a_default_rating_of_an_unscored_priority_is_not_warned_about(
    tiny_kb_dir: Path, tmp_path: Path
) -> None:
    kb = edited_kb(tiny_kb_dir, tmp_path / "kb", UNSCORED_COST)

    result = advise(
        kb, tmp_path, "name: T\nhome: mainland\nsector: ai\nfunctions: [rd]\n", IN_FORCE
    )

    assert not [w for w in result.warnings if w.code == "priority_without_data"]


def test_the_result_says_why_each_function_is_weighed_as_it_is(
    tiny_kb_dir: Path, tmp_path: Path
) -> None:
    kb = edited_kb(tiny_kb_dir, tmp_path / "kb", {"rules.yaml": ("sector_match:", ROWS)})
    profile = "name: T\nhome: mainland\nsector: ai\nfunctions: [rd, trade]\n"

    data = advise(kb, tmp_path, profile, IN_FORCE).to_dict()

    # trade has no row of its own: the default weights need no reason beyond rules.yaml's.
    assert data["weighting"] == {"rd": "A lab is placed on its function fit alone."}
    assert "weighting" not in advise(kb, tmp_path, profile, IN_FORCE).to_dict(explain=False)
