"""`gba-advisor match --robustness`: the defence sections in every format, reproducibly."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from gba_advisor.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "tests" / "golden" / "memo.profile.yaml"
EXAMPLE = ROOT / "examples" / "tech_rd_loop_branches_nansha.yaml"
FIXED = ("--as-of", "2026-11-26", "--robustness", "--draws", "200")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def test_json_carries_robustness_and_counterfactuals_only_when_asked() -> None:
    code, out, _ = run("match", str(PROFILE), "--format", "json", *FIXED)
    assert code == 0
    data = json.loads(out)
    section = data["robustness"]
    assert (section["draws"], section["seed"]) == (200, 2026)
    assert section["ranges"] == {
        "priority_step": 1,
        "weight_factor": [0.75, 1.25],
        "layout_factor": [0.75, 1.25],
    }
    assert set(section["functions"]) == {"rd", "headquarters"}
    assert 0 < section["layout_kept"] < 1
    assert section["rank_reversal"]["removed"] == ["hengqin", "qianhai"]
    rd = data["counterfactuals"]["functions"]["rd"]
    assert rd["smallest_changes"][0]["moves_to"] == "nansha"
    assert rd["why_not"][0]["platform"] == "nansha"
    code, plain, _ = run("match", str(PROFILE), "--format", "json", "--as-of", "2026-11-26")
    assert code == 0
    assert "robustness" not in json.loads(plain)
    assert "counterfactuals" not in json.loads(plain)


def test_the_same_seed_gives_byte_identical_output_and_another_seed_may_not() -> None:
    first = run("match", str(PROFILE), "--format", "json", *FIXED)
    again = run("match", str(PROFILE), "--format", "json", *FIXED)
    other = run("match", str(PROFILE), "--format", "json", *FIXED, "--seed", "1")
    assert first == again
    assert json.loads(first[1])["robustness"] != json.loads(other[1])["robustness"]


def test_table_and_markdown_say_how_sure_what_would_change_it_and_why_not() -> None:
    code, table, _ = run("match", str(PROFILE), *FIXED)
    assert code == 0
    assert "How sure: 200 draws (seed 2026)" in table
    assert "of plausible weightings; the layout as a whole in" in table
    assert "remove the R&D need university partnership → Nansha" in table
    assert "Why not Nansha for R&D? Where it loses most" in table
    code, markdown, _ = run("match", str(PROFILE), "--format", "markdown", *FIXED)
    assert code == 0
    assert "## How sure" in markdown
    assert "## What would change it" in markdown
    assert "### Why not Nansha for R&D?" in markdown


def test_a_robust_example_says_so() -> None:
    code, out, _ = run("match", str(EXAMPLE), "--format", "json", *FIXED)
    assert code == 0
    data = json.loads(out)
    assert data["robustness"]["layout_kept"] >= 0.95
    assert all(f["kept"] >= 0.95 for f in data["robustness"]["functions"].values())
    assert data["robustness"]["rank_reversal"]["reversals"] == []


def test_draws_out_of_range_is_a_usage_error() -> None:
    code, out, err = run("match", str(PROFILE), "--robustness", "--draws", "0")
    assert code == 2
    assert out == ""
    assert "--draws" in err
