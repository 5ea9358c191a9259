"""Scores from compiled tables: the same numbers with and without explanations, and as before.

The tables (core/scoring/tables.py) hold every number a rule derives from the knowledge base;
the rules in core/scoring/rules/ still compute their values while writing the reasons. These
tests hold the two together: every contribution's value is the rule's own value, and a score
computed without its explanation is the same float, to the last bit, as with it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from gba_advisor.core.analysis.robustness import DEFAULT_RANGES, perturb_rules
from gba_advisor.core.api import Advisor, load_knowledge_base
from gba_advisor.core.profile.loader import (
    ResolvedProfile,
    load_profile,
    parse_profile,
    resolve_profile,
)
from gba_advisor.core.scoring.explain import GATE_RULE
from gba_advisor.core.scoring.rules.base import Context
from gba_advisor.core.scoring.rules.markets import home_affinity, market_gateway
from gba_advisor.core.scoring.rules.placement import function_fit
from gba_advisor.core.scoring.rules.priorities import rated
from gba_advisor.core.scoring.rules.research import rd_intensity, rd_needs
from gba_advisor.core.scoring.rules.sector import secondary_sector_fit, sector_fit
from gba_advisor.core.scoring.rules.standing import basis_for
from gba_advisor.core.scoring.score import Scores, score_profile
from gba_advisor.core.scoring.tables import tables_for
from gba_advisor.core.source.document import Document
from gba_advisor.core.vocabulary import FunctionId, Market, Priority, RdIntensity, RdNeed

KB = load_knowledge_base()
DATES = (dt.date(2025, 6, 1), dt.date(2026, 6, 1))
BASES = {day: basis_for(KB, day) for day in DATES}
SECTORS = sorted(KB.sectors.sectors)
EXAMPLES = Path(__file__).parents[2] / "examples"
RULES = {
    "sector_fit": sector_fit,
    "secondary_sector_fit": secondary_sector_fit,
    "function_fit": function_fit,
    "market_gateway": market_gateway,
    "home_affinity": home_affinity,
    "rd_needs": rd_needs,
    "rd_intensity": rd_intensity,
}


def _some(rng: random.Random, items: list[Any], low: int = 0) -> list[Any]:
    return rng.sample(items, rng.randint(low, len(items)))


def seeded_profile(rng: random.Random) -> dict[str, Any]:
    return {
        "name": "Seeded",
        "home": rng.choice(["mainland", "hong_kong", "macao", "taiwan", "foreign"]),
        "sector": rng.choice(SECTORS),
        "secondary_sectors": _some(rng, SECTORS)[:3],
        "functions": [f.value for f in _some(rng, list(FunctionId), 1)],
        "rd_intensity": rng.choice([r.value for r in RdIntensity]),
        "rd_needs": [n.value for n in _some(rng, list(RdNeed))],
        "target_markets": [m.value for m in _some(rng, list(Market))],
        "priorities": {p.value: rng.randint(0, 5) for p in Priority},
    }


def resolved(data: dict[str, Any]) -> ResolvedProfile:
    document = Document("generated.yaml", data, {})
    return resolve_profile(parse_profile(document), document, KB)


def bits(scores: Scores) -> list[tuple[str, str, str]]:
    """Every score as the hex of its float: equal lists mean equal to the last bit."""
    rows = [("overall", e.platform, e.score.hex()) for e in scores.ranking]
    for function, entries in scores.by_function.items():
        rows.extend((function.value, e.platform, e.score.hex()) for e in entries)
    return rows


@settings(max_examples=150, deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from(DATES))
def test_scores_without_explanations_are_the_same_floats(rng: Any, day: dt.date) -> None:
    profile = resolved(seeded_profile(rng))
    explained = score_profile(BASES[day], profile, explain=True)
    bare = score_profile(BASES[day], profile, explain=False)
    assert bits(bare) == bits(explained)
    assert all(not e.contributions for e in bare.ranking)


def test_contributions_carry_the_rules_own_values_and_add_up() -> None:
    """The tables give each criterion the value its rule computes, over 400 seeded profiles."""
    rng = random.Random(20261130)
    for _ in range(400):
        day = rng.choice(DATES)
        basis = BASES[day]
        profile = resolved(seeded_profile(rng))
        scores = score_profile(basis, profile)
        for function, entries in scores.by_function.items():
            for entry in entries:
                parts = entry.contributions
                if parts and parts[0].rule == GATE_RULE:
                    continue
                assert sum(c.points for c in parts) == entry.score
                platform = KB.platform(entry.platform)
                context = Context(basis, profile, platform, function)
                for part in parts:
                    if part.rule.startswith("priority."):
                        priority = Priority(part.rule.partition(".")[2])
                        assert part.value == rated(basis, platform, priority).value
                        continue
                    outcome = RULES[part.rule](context, 1.0)
                    assert outcome is not None
                    assert (part.value, part.reason, part.sources) == (
                        outcome.value,
                        outcome.reason,
                        outcome.sources,
                    )


def test_the_shipped_example_keeps_its_ranking_and_layout() -> None:
    """Today's numbers for the article's own case, as `match --format json` printed them."""
    day = dt.date(2026, 6, 1)
    profile = load_profile(EXAMPLES / "tech_rd_loop_branches_nansha.yaml", KB)
    for explain in (True, False):
        result = Advisor(KB, day).advise(profile, explain=explain)
        data = result.to_dict(explain=explain)
        assert [(e["platform"], e["score"]) for e in data["ranking"]] == [
            ("nansha", 76.53),
            ("loop", 69.27),
            ("hengqin", 61.19),
            ("qianhai", 41.67),
        ]
        by_function = {
            f: [(e["platform"], e["score"]) for e in es] for f, es in data["by_function"].items()
        }
        assert by_function == {
            "rd": [("loop", 88.41), ("nansha", 65.21), ("hengqin", 57.87), ("qianhai", 38.62)],
            "manufacturing": [
                ("nansha", 83.03),
                ("hengqin", 66.11),
                ("loop", 65.25),
                ("qianhai", 31.11),
            ],
            "trade": [("nansha", 81.34), ("hengqin", 59.6), ("qianhai", 55.28), ("loop", 54.15)],
        }
        assert data["layout"]["assignments"] == {
            "rd": "loop",
            "manufacturing": "nansha",
            "trade": "nansha",
        }
        assert data["layout"]["score"] == 81.26
        assert bool(data["layout"]["rationale"]) is explain


def test_reweighed_rules_rebuild_the_weights_and_reuse_the_platform_tables() -> None:
    """Robustness perturbs the pydantic weights: the compiled weights must follow them."""
    basis = BASES[DATES[1]]
    trial = perturb_rules(basis, random.Random(7), DEFAULT_RANGES)
    before, after = tables_for(basis), tables_for(trial)
    assert after.platforms is before.platforms
    assert after.weighting != before.weighting
    profile = load_profile(EXAMPLES / "tech_rd_loop_branches_nansha.yaml", KB)
    assert bits(score_profile(trial, profile)) != bits(score_profile(basis, profile))
    assert bits(score_profile(trial, profile)) == bits(score_profile(trial, profile, explain=False))


def test_a_smaller_knowledge_base_gets_its_own_tables() -> None:
    smaller = dataclasses.replace(KB, platforms=KB.platforms[1:])
    tables = tables_for(basis_for(smaller, DATES[1]))
    assert [t.platform.id for t in tables.platforms] == [p.id for p in KB.platforms[1:]]
    assert len(tables_for(BASES[DATES[1]]).platforms) == len(KB.platforms)


def test_bare_plans_are_bounded_and_reused(monkeypatch: Any) -> None:
    """A varied list makes a new plan for most ratings: the plans memo starts again when full
    (memory stays flat) and gives the same plan back for ratings seen since."""
    from gba_advisor.core.scoring import bare

    monkeypatch.setattr(bare, "PLANS_KEPT", 8)
    basis = BASES[DATES[1]]
    tables = tables_for(basis)
    tables.plans.clear()
    rng = random.Random(7)
    profiles = [resolved(seeded_profile(rng)) for _ in range(40)]
    sizes = []
    for profile in profiles:
        score_profile(basis, profile, explain=False)
        sizes.append(len(tables.plans))
    assert max(sizes) <= 8
    assert len(set(sizes)) > 2, "the memo never filled and started again"
    tables.plans.clear()
    score_profile(basis, profiles[0], explain=False)
    before = dict(tables.plans)
    assert len(before) == len(profiles[0].functions)
    again = score_profile(basis, profiles[0], explain=False)
    assert tables.plans == before, "the profile's plans were not found again"
    assert bits(again) == bits(score_profile(basis, profiles[0], explain=True))
