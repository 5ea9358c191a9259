"""Scores worked out by hand on the tiny knowledge base, and the layout built on them.

tests/fixtures/tiny_kb: weights sector 40, function 20, market 20, priorities 20 (others 0).
alpha names `ai` (credit 1.0), rd fit 5, mainland gateway 1.0, tax 2 + 3 from a CIT incentive in
force 2021-01-01..2025-12-31, manufacturing fit 0 (cannot host). beta names `tech`, the parent
of `ai` (credit 0.8), every fit 3, mainland gateway 0.5, tax 1; every other strength is 1.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gba_advisor.core.api import Advisor
from gba_advisor.core.errors import InputError, NoLayoutError
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.profile.loader import ResolvedProfile, load_profile
from gba_advisor.core.result.model import AdvisorResult, PlatformScore
from gba_advisor.core.scoring.score import GATE_RULE
from gba_advisor.core.vocabulary import FunctionId

BEFORE_EXPIRY = dt.date(2024, 1, 1)
AFTER_EXPIRY = dt.date(2026, 1, 1)
TAX_ONLY = (
    "priorities: {tax: 5, talent: 0, market_access: 0, cross_border: 0, space: 0, cost: 0,"
    " research: 0, finance_access: 0}\n"
)
TINY = "name: Tiny\nhome: mainland\nsector: ai\nfunctions: [rd]\n" + TAX_ONLY


class ProfileWriter:
    """Writes profile text to a file and loads it the way the CLI does."""

    def __init__(self, folder: Path, kb: KnowledgeBase) -> None:
        self.folder = folder
        self.kb = kb
        self.count = 0

    def __call__(self, text: str) -> ResolvedProfile:
        self.count += 1
        path = self.folder / f"profile{self.count}.yaml"
        path.write_text(text, encoding="utf-8")
        return load_profile(path, self.kb)


@pytest.fixture
def write_profile(tmp_path: Path, tiny_kb: KnowledgeBase) -> ProfileWriter:
    return ProfileWriter(tmp_path, tiny_kb)


def scores_of(entries: tuple[PlatformScore, ...]) -> list[tuple[str, float]]:
    return [(entry.platform, round(entry.score, 9)) for entry in entries]


def points_of(entry: PlatformScore) -> dict[str, float]:
    return {c.rule: round(c.points, 9) for c in entry.contributions}


def advise(
    kb: KnowledgeBase, profile: ResolvedProfile, as_of: dt.date = BEFORE_EXPIRY
) -> AdvisorResult:
    return Advisor(kb, as_of).advise(profile)


def test_hand_worked_scores_while_the_incentive_is_in_force(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter
) -> None:
    result = advise(tiny_kb, write_profile(TINY), BEFORE_EXPIRY)

    alpha, beta = result.by_function[FunctionId.RD]
    assert scores_of((alpha, beta)) == [("alpha", 100.0), ("beta", 58.0)]
    assert points_of(alpha) == {
        "sector_fit": 40.0,
        "function_fit": 20.0,
        "market_gateway": 20.0,
        "priority.tax": 20.0,
    }
    assert points_of(beta) == {
        "sector_fit": 32.0,
        "function_fit": 12.0,
        "market_gateway": 10.0,
        "priority.tax": 4.0,
    }
    assert result.warnings == ()


def test_hand_worked_scores_after_the_incentive_expired(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter
) -> None:
    result = advise(tiny_kb, write_profile(TINY), AFTER_EXPIRY)

    alpha, beta = result.by_function[FunctionId.RD]
    # alpha's tax falls to 2, still the best; beta's 1 is now half of the best.
    assert scores_of((alpha, beta)) == [("alpha", 100.0), ("beta", 64.0)]
    assert points_of(beta)["priority.tax"] == 10.0
    assert [(w.code, w.platform) for w in result.warnings] == [("incentive_expired", "alpha")]
    assert "Alpha CIT 15%" in result.warnings[0].message
    tax = next(c for c in alpha.contributions if c.rule == "priority.tax")
    assert "expired: Alpha CIT 15% (until 2025-12-31)" in tax.reason


def test_an_incentive_not_yet_in_force_is_not_counted(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter
) -> None:
    result = advise(tiny_kb, write_profile(TINY), dt.date(2020, 6, 1))

    assert scores_of(result.by_function[FunctionId.RD]) == [("alpha", 100.0), ("beta", 64.0)]


def test_an_incentive_ending_soon_is_flagged(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter
) -> None:
    result = advise(tiny_kb, write_profile(TINY), dt.date(2025, 6, 1))

    assert scores_of(result.by_function[FunctionId.RD]) == [("alpha", 100.0), ("beta", 58.0)]
    assert [(w.code, w.platform) for w in result.warnings] == [("incentive_expiring", "alpha")]
    assert "213 days" in result.warnings[0].message


def test_the_incentive_cites_its_source(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter
) -> None:
    result = advise(tiny_kb, write_profile(TINY), BEFORE_EXPIRY)

    alpha = result.by_function[FunctionId.RD][0]
    tax = next(c for c in alpha.contributions if c.rule == "priority.tax")
    assert "in force: Alpha CIT 15% (until 2025-12-31)" in tax.reason
    assert tax.sources == ("T1",)
    assert [s.id for s in result.sources] == ["T1"]


@pytest.mark.parametrize(
    ("priorities", "beta"),
    [
        # No priority at all: the other 80 weight points are the whole score.
        (
            "priorities: {tax: 0, talent: 0, market_access: 0, cross_border: 0, space: 0, "
            "cost: 0, research: 0, finance_access: 0}\n",
            100 * (32 + 12 + 10) / 80,
        ),
        # Default 3 each: tax gets 20*3/24 = 2.5 at 1/5; the seven others 2.5 each at 1/1.
        ("", 32 + 12 + 10 + 2.5 * 0.2 + 7 * 2.5),
        # Tax 5 and talent 5: each 10 points; beta tax 1/5, talent 1/1.
        (
            "priorities: {tax: 5, talent: 5, market_access: 0, cross_border: 0, space: 0, "
            "cost: 0, research: 0, finance_access: 0}\n",
            32 + 12 + 10 + 2 + 10,
        ),
    ],
)
def test_priority_weights_are_shared_by_level(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter, priorities: str, beta: float
) -> None:
    text = "name: Tiny\nhome: mainland\nsector: ai\nfunctions: [rd]\n" + priorities

    result = advise(tiny_kb, write_profile(text))

    assert scores_of(result.by_function[FunctionId.RD]) == [("alpha", 100.0), ("beta", beta)]


@pytest.mark.parametrize(
    ("sector", "alpha", "beta"),
    [
        # tech: alpha names ai, a narrower sector (0.6); beta names tech itself.
        ("tech", 0.6 * 40 + 20 + 20 + 20, 40 + 12 + 10 + 4),
        # chips: a sibling of ai (0.4) at alpha; beta names its parent (0.8).
        ("chips", 0.4 * 40 + 20 + 20 + 20, 0.8 * 40 + 12 + 10 + 4),
        # food: unrelated to both.
        ("food", 20 + 20 + 20, 12 + 10 + 4),
    ],
)
def test_sector_credit_follows_the_taxonomy(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter, sector: str, alpha: float, beta: float
) -> None:
    result = advise(tiny_kb, write_profile(TINY.replace("sector: ai", f"sector: {sector}")))

    scores = dict(scores_of(result.by_function[FunctionId.RD]))
    assert scores == {"alpha": pytest.approx(alpha), "beta": pytest.approx(beta)}


def test_target_markets_are_averaged(tiny_kb: KnowledgeBase, write_profile: ProfileWriter) -> None:
    result = advise(tiny_kb, write_profile(TINY + "target_markets: [hong_kong, mainland]\n"))

    alpha, beta = result.by_function[FunctionId.RD]
    assert points_of(alpha)["market_gateway"] == 10.0
    assert points_of(beta)["market_gateway"] == 15.0


def test_a_market_no_platform_rates_is_left_out_and_named_in_a_warning(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter
) -> None:
    plain = advise(tiny_kb, write_profile(TINY + "target_markets: [mainland]\n"))
    result = advise(tiny_kb, write_profile(TINY + "target_markets: [europe, mainland]\n"))

    assert scores_of(result.by_function[FunctionId.RD]) == scores_of(
        plain.by_function[FunctionId.RD]
    )
    assert [w.code for w in result.warnings if w.code == "market_without_data"] == [
        "market_without_data"
    ]
    assert "europe" in next(w.message for w in result.warnings if w.code == "market_without_data")


def test_a_platform_that_cannot_host_a_function_scores_zero_with_the_reason(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter
) -> None:
    profile = write_profile(TINY.replace("functions: [rd]", "functions: [manufacturing, rd]"))

    result = advise(tiny_kb, profile)

    beta, alpha = result.by_function[FunctionId.MANUFACTURING]
    assert (beta.platform, round(beta.score, 9)) == ("beta", 58.0)
    assert (alpha.platform, alpha.score) == ("alpha", 0.0)
    assert alpha.excluded_reason == "Alpha manufacturing fit"
    assert [(c.rule, c.points) for c in alpha.contributions] == [(GATE_RULE, 0.0)]
    assert alpha.contributions[0].sources == ("T1",)
    assert "cannot host manufacturing" in alpha.contributions[0].reason
    assert alpha.to_dict(explain=False) == {
        "platform": "alpha",
        "score": 0.0,
        "excluded": "Alpha manufacturing fit",
    }


def test_overall_ranking_and_layout(tiny_kb: KnowledgeBase, write_profile: ProfileWriter) -> None:
    profile = write_profile(TINY.replace("functions: [rd]", "functions: [manufacturing, rd]"))

    result = advise(tiny_kb, profile)

    # Overall: mean over functions. beta (58 + 58) / 2, alpha (100 + 0) / 2.
    assert scores_of(result.ranking) == [("beta", 58.0), ("alpha", 50.0)]
    assert dict(result.layout.assignments) == {
        FunctionId.RD: "alpha",
        FunctionId.MANUFACTURING: "beta",
    }
    assert list(result.layout.assignments) == list(profile.functions)
    # (100 + 58) / 2 minus 3 points for the second site.
    assert result.layout.score == pytest.approx(76.0)
    assert [(c.rule, round(c.points, 9)) for c in result.layout.breakdown] == [
        ("function_scores", 79.0),
        ("extra_site_cost", -3.0),
    ]
    assert [(dict(a.layout.assignments), round(a.delta, 9)) for a in result.alternatives] == [
        ({FunctionId.RD: "beta", FunctionId.MANUFACTURING: "beta"}, -18.0)
    ]
    assert result.layout.rationale


def test_contributions_add_up_to_every_score(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter
) -> None:
    text = (
        "name: Tiny\nhome: hong_kong\nsector: chips\nsecondary_sectors: [food]\n"
        "functions: [rd, manufacturing, trade, headquarters]\n"
        "rd_needs: [wet_lab]\ntarget_markets: [mainland, europe]\nrd_intensity: high\n"
        "priorities: {tax: 4, talent: 2, space: 5, cost: 1}\n"
    )

    for as_of in (BEFORE_EXPIRY, AFTER_EXPIRY):
        result = advise(tiny_kb, write_profile(text), as_of)
        entries = [*result.ranking, *(e for es in result.by_function.values() for e in es)]
        for entry in entries:
            assert 0.0 <= entry.score <= 100.0
            assert sum(c.points for c in entry.contributions) == pytest.approx(entry.score)
            for contribution in entry.contributions:
                assert contribution.sources or contribution.rule == GATE_RULE
        assert sum(c.points for c in result.layout.breakdown) == pytest.approx(result.layout.score)


def test_the_result_is_deterministic(tiny_kb: KnowledgeBase, write_profile: ProfileWriter) -> None:
    text = TINY.replace("functions: [rd]", "functions: [trade, rd, manufacturing]")
    reordered = TINY.replace("functions: [rd]", "functions: [manufacturing, trade, rd]")

    first = advise(tiny_kb, write_profile(text)).to_dict()
    second = advise(tiny_kb, write_profile(reordered)).to_dict()

    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


def test_a_fuzzy_sector_is_reported_as_a_warning(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter
) -> None:
    profile = write_profile(TINY.replace("sector: ai", "sector: artifical inteligence"))

    result = advise(tiny_kb, profile)

    assert result.profile.sector == "ai"
    assert result.profile.sector_match == "fuzzy"
    assert [w.code for w in result.warnings] == ["sector_fuzzy_match"]
    assert "artifical inteligence" in result.warnings[0].message
    assert scores_of(result.by_function[FunctionId.RD]) == [("alpha", 100.0), ("beta", 58.0)]


def test_an_exact_sector_gives_no_warning(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter
) -> None:
    result = advise(tiny_kb, write_profile(TINY.replace("sector: ai", "sector: 人工智能")))

    assert result.profile.sector_match == "name"
    assert result.warnings == ()


def test_a_pin_to_a_platform_that_cannot_host_is_no_layout(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter
) -> None:
    profile = write_profile(
        TINY.replace("functions: [rd]", "functions: [rd, manufacturing]")
        + "constraints:\n  pin: {manufacturing: alpha}\n"
    )

    with pytest.raises(NoLayoutError) as caught:
        advise(tiny_kb, profile)

    assert caught.value.exit_code == 4
    assert "manufacturing is pinned to alpha" in caught.value.message
    assert caught.value.hint is not None


def test_a_pin_is_obeyed(tiny_kb: KnowledgeBase, write_profile: ProfileWriter) -> None:
    profile = write_profile(TINY + "constraints:\n  pin: {rd: beta}\n")

    result = advise(tiny_kb, profile)

    assert dict(result.layout.assignments) == {FunctionId.RD: "beta"}
    assert result.alternatives == ()


@pytest.mark.parametrize(
    ("in_profile", "argument"),
    [(["alpha", "beta"], []), (["alpha"], ["beta"]), ([], ["beta", "alpha"])],
)
def test_excluding_every_platform_is_no_layout(
    tiny_kb: KnowledgeBase,
    write_profile: ProfileWriter,
    in_profile: list[str],
    argument: list[str],
) -> None:
    profile = write_profile(TINY + f"constraints:\n  exclude: {json.dumps(in_profile)}\n")

    with pytest.raises(NoLayoutError, match="no platform left that can host rd") as caught:
        Advisor(tiny_kb, BEFORE_EXPIRY).advise(profile, exclude=argument)

    assert caught.value.exit_code == 4


def test_an_excluded_leader_is_flagged(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter
) -> None:
    result = Advisor(tiny_kb, BEFORE_EXPIRY).advise(write_profile(TINY), exclude=["alpha"])

    assert dict(result.layout.assignments) == {FunctionId.RD: "beta"}
    assert [(w.code, w.platform) for w in result.warnings] == [("excluded_leader", "alpha")]


@pytest.mark.parametrize(
    ("in_profile", "argument", "sites"),
    [
        (None, None, 2),
        (2, None, 2),
        (1, None, 1),
        (None, 1, 1),
        (2, 1, 1),
        (1, 2, 1),
        (1, 5, 1),
    ],
)
def test_max_sites_takes_the_tighter_limit(
    tiny_kb: KnowledgeBase,
    write_profile: ProfileWriter,
    in_profile: int | None,
    argument: int | None,
    sites: int,
) -> None:
    text = TINY.replace("functions: [rd]", "functions: [rd, manufacturing]")
    if in_profile is not None:
        text += f"constraints:\n  max_sites: {in_profile}\n"

    result = Advisor(tiny_kb, BEFORE_EXPIRY).advise(write_profile(text), max_sites=argument)

    assert len(result.layout.sites) == sites
    if sites == 1:
        # alpha cannot host manufacturing, so one site means beta for both at 58.
        assert set(result.layout.assignments.values()) == {"beta"}
        assert result.layout.score == pytest.approx(58.0)
    else:
        assert result.layout.score == pytest.approx(76.0)


def test_two_pins_beyond_max_sites_is_no_layout(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter
) -> None:
    profile = write_profile(
        TINY.replace("functions: [rd]", "functions: [rd, trade]")
        + "constraints:\n  max_sites: 1\n  pin: {rd: alpha, trade: beta}\n"
    )

    with pytest.raises(NoLayoutError, match="max_sites is 1"):
        advise(tiny_kb, profile)


@pytest.mark.parametrize(("typed", "suggestion"), [("alpah", "alpha"), ("zzzzzz", None)])
def test_an_unknown_platform_in_the_exclude_argument(
    tiny_kb: KnowledgeBase, write_profile: ProfileWriter, typed: str, suggestion: str | None
) -> None:
    with pytest.raises(InputError) as caught:
        Advisor(tiny_kb, BEFORE_EXPIRY).advise(write_profile(TINY), exclude=["beta", typed])

    error = caught.value
    assert error.exit_code == 3
    assert f"unknown platform `{typed}`" in error.message
    assert error.suggestion == suggestion
    assert error.location is not None
    assert error.location.field == "--exclude"
    assert error.hint == "known platforms: alpha, beta"
