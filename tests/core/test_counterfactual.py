"""Counterfactuals: every change reported really moves the function when the client makes it.

Each reported change is applied to the profile as the client wrote it, saved as YAML and run
through `gba-advisor match`, exactly as a consultant would check it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from gba_advisor.cli.app import app
from gba_advisor.core.analysis.counterfactual import (
    Counterfactuals,
    candidate_changes,
    counterfactuals,
    why_not,
)
from gba_advisor.core.api import Advisor, load_knowledge_base, load_profile
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.layout.constraints import LayoutConstraints
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import AdvisorResult
from gba_advisor.core.vocabulary import FunctionId

ROOT = Path(__file__).resolve().parents[2]
MEMO_PROFILE = ROOT / "tests" / "golden" / "memo.profile.yaml"
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def analyse(
    kb: KnowledgeBase, path: Path, constraints: LayoutConstraints | None = None
) -> tuple[ResolvedProfile, AdvisorResult, Counterfactuals]:
    profile = load_profile(path, kb)
    advisor = Advisor(kb, AS_OF)
    result = advisor.advise(profile)
    written = profile.profile.constraints
    merged = constraints or LayoutConstraints(written.max_sites, profile.exclude, dict(written.pin))
    return profile, result, counterfactuals(advisor.basis, profile, merged, result)


def layout_of(path: Path) -> dict[str, str]:
    outcome = CliRunner().invoke(
        app, ["match", str(path), "--as-of", AS_OF.isoformat(), "--format", "json"]
    )
    assert outcome.exit_code == 0, outcome.stderr
    assignments: dict[str, str] = json.loads(outcome.stdout)["layout"]["assignments"]
    return assignments


def test_every_reported_change_moves_its_function_when_applied_and_run_through_match(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    profile, _, found = analyse(kb, MEMO_PROFILE)
    moves = [(entry, move) for entry in found.functions for move in entry.moves]
    assert moves, "the memo profile is chosen to have changes that move R&D"
    for index, (entry, move) in enumerate(moves):
        changed = move.change.apply(profile.profile)
        path = tmp_path / f"changed{index}.yaml"
        path.write_text(yaml.safe_dump(changed.model_dump(mode="json")), encoding="utf-8")
        after = layout_of(path)
        assert after[entry.function.value] == move.platform != entry.platform, move.change
        assert after == {f.value: p for f, p in move.assignments.items()}


def test_the_smallest_changes_come_first_and_the_closest_one_does_not_move(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    _, _, found = analyse(kb, MEMO_PROFILE)
    hq = found.functions[1]
    assert hq.function is FunctionId.HEADQUARTERS
    assert [m.change.size for m in hq.moves] == sorted(m.change.size for m in hq.moves)
    assert hq.moves[0].change.size == 1
    assert hq.closest is None
    # The Macao TCM maker's manufacturing does not move with any single change; the closest one
    # narrows its lead without moving it.
    profile, _, found = analyse(kb, EXAMPLES / "macao_tcm.yaml")
    steady = found.functions[1]
    assert steady.function is FunctionId.MANUFACTURING
    assert steady.moves == ()
    assert steady.closest is not None
    assert steady.margin is not None
    assert 0 < steady.closest.margin < steady.margin
    path = tmp_path / "closest.yaml"
    changed = steady.closest.change.apply(profile.profile)
    path.write_text(yaml.safe_dump(changed.model_dump(mode="json")), encoding="utf-8")
    assert layout_of(path)["manufacturing"] == steady.platform


def test_a_pinned_function_never_moves(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "pinned.yaml"
    text = MEMO_PROFILE.read_text(encoding="utf-8")
    path.write_text(text + "constraints: {pin: {rd: nansha}}\n", encoding="utf-8")
    _, _, found = analyse(kb, path)
    rd = next(e for e in found.functions if e.function is FunctionId.RD)
    assert rd.pinned
    assert rd.moves == ()


def test_why_not_adds_up_to_the_gap_and_orders_losses_biggest_first(kb: KnowledgeBase) -> None:
    _, result, found = analyse(kb, EXAMPLES / "tech_rd_loop_branches_nansha.yaml")
    for entry in found.functions:
        chosen = next(e for e in result.by_function[entry.function] if e.platform == entry.platform)
        for why in entry.why_not:
            other = next(
                e for e in result.by_function[entry.function] if e.platform == why.platform
            )
            assert why.gap == pytest.approx(chosen.score - other.score)
            if why.excluded_reason is not None:
                assert other.excluded_reason == why.excluded_reason
                continue
            total = sum(g.points for g in why.losses) + sum(g.points for g in why.gains)
            assert total == pytest.approx(why.gap, abs=0.01 * 12)
            assert all(g.points > 0 for g in why.losses)
            assert all(g.points < 0 for g in why.gains)
            assert [g.points for g in why.losses] == sorted(
                (g.points for g in why.losses), reverse=True
            )
            assert all(g.sources for g in why.losses if g.rule != "secondary_sector_fit")


def test_why_not_qianhai_for_manufacturing_names_the_rules_it_loses_on(kb: KnowledgeBase) -> None:
    _, result, _ = analyse(kb, EXAMPLES / "tech_rd_loop_branches_nansha.yaml")
    answer = why_not(result, FunctionId.MANUFACTURING, "qianhai")
    rules = [g.rule for g in answer.losses]
    assert answer.gap > 0
    assert "function_fit" in rules
    assert answer.losses[0].points == max(g.points for g in answer.losses)


def test_candidate_changes_stay_in_range_and_touch_rd_only_when_rd_is_placed(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    with_rd = load_profile(MEMO_PROFILE, kb)
    changes = list(candidate_changes(with_rd))
    fields = {c.field.partition(".")[0] for c in changes}
    assert fields == {"priorities", "target_markets", "rd_needs", "rd_intensity"}
    for change in changes:
        if change.field.startswith("priorities."):
            assert 0 <= int(str(change.after)) <= 5
            assert change.size == abs(int(str(change.after)) - int(str(change.before)))
    # Default priorities are 3: each moves to 0, 1, 2, 4 and 5 (40 changes), 9 markets,
    # 7 R&D needs and the 3 other R&D intensities.
    assert len(changes) == 40 + 9 + 7 + 3
    path = tmp_path / "no_rd.yaml"
    path.write_text("name: X\nhome: mainland\nsector: logistics\nfunctions: [logistics]\n")
    without_rd = load_profile(path, kb)
    assert {c.field for c in candidate_changes(without_rd)} >= {"target_markets"}
    assert not any(c.field in ("rd_needs", "rd_intensity") for c in candidate_changes(without_rd))


def test_changes_read_as_a_client_would_say_them(kb: KnowledgeBase) -> None:
    profile = load_profile(MEMO_PROFILE, kb)
    said = {c.describe() for c in candidate_changes(profile)}
    assert "lower the space priority from 3 to 2" in said
    assert "remove the target market global" in said
    assert "add the R&D need wet lab" in said
    assert "raise the R&D intensity from medium to high" in said
