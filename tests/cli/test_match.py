"""`gba-advisor match` through Typer's runner: exit codes, stdout and stderr kept apart."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gba_advisor.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "tech_rd_loop_branches_nansha.yaml"
AS_OF = "2026-11-26"
# The golden files run on the tiny knowledge base, so that they pin the rendering and not the
# shipped policies (those are pinned as rankings in test_shipped_advice.py).
TINY_KB = ROOT / "tests" / "fixtures" / "tiny_kb"
GOLDEN = ROOT / "tests" / "golden" / "tiny"
GOLDEN_PROFILE = GOLDEN / "match.profile.yaml"
GOLDEN_AS_OF = "2025-06-01"
GOLDEN_STDERR = "warning: Alpha: Alpha CIT 15% ends 2025-12-31, within 213 days of 2025-06-01\n"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("output_format", "suffix", "extra"),
    [
        ("json", "json", ()),
        ("yaml", "yaml", ()),
        ("markdown", "md", ()),
        ("table", "txt", ()),
        ("table", "explain.txt", ("--explain",)),
        ("markdown", "explain.md", ("--explain",)),
    ],
)
def test_each_format_matches_its_golden_file(
    output_format: str, suffix: str, extra: tuple[str, ...]
) -> None:
    code, out, err = run(
        "match",
        str(GOLDEN_PROFILE),
        "--data-dir",
        str(TINY_KB),
        "--as-of",
        GOLDEN_AS_OF,
        "--format",
        output_format,
        *extra,
    )
    assert code == 0, err
    golden = GOLDEN / f"match.{suffix}"
    if UPDATE:
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    assert err == GOLDEN_STDERR


def test_json_is_byte_identical_across_runs_and_warnings_go_to_stderr() -> None:
    first = run("match", str(EXAMPLE), "--as-of", AS_OF, "--format", "json")
    second = run("match", str(EXAMPLE), "--as-of", AS_OF, "--format", "json")
    assert first == second
    code, out, err = first
    assert code == 0
    data = json.loads(out)
    assert data["layout"]["assignments"] == {
        "rd": "loop",
        "manufacturing": "nansha",
        "trade": "nansha",
    }
    assert [w["code"] for w in data["warnings"]]
    assert "warning:" in err
    assert "warning:" not in out


def test_spec_keys_are_present() -> None:
    code, out, _ = run("match", str(EXAMPLE), "--as-of", AS_OF, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema_version"] == 1
    assert {"profile", "ranking", "by_function", "layout", "alternatives", "warnings"} <= set(data)
    contribution = data["by_function"]["rd"][0]["contributions"][0]
    assert {"rule", "points", "reason", "source"} <= set(contribution)
    assert len(data["alternatives"]) >= 2
    assert {"assignments", "sites", "score", "rationale"} <= set(data["layout"])


def test_max_sites_and_exclude_options_constrain_the_layout() -> None:
    code, out, _ = run("match", str(EXAMPLE), "--as-of", AS_OF, "-f", "json", "--max-sites", "1")
    assert code == 0
    assert set(json.loads(out)["layout"]["assignments"].values()) == {"nansha"}
    code, out, _ = run("match", str(EXAMPLE), "--as-of", AS_OF, "-f", "json", "--exclude", "loop")
    assert code == 0
    assert "loop" not in json.loads(out)["layout"]["assignments"].values()


def test_unknown_platform_in_exclude_is_a_usage_error_with_a_suggestion() -> None:
    code, out, err = run("match", str(EXAMPLE), "--exclude", "nansa")
    assert (code, out) == (2, "")
    assert "unknown platform `nansa`" in err
    assert "did you mean `nansha`?" in err


def test_no_layout_exits_4(tmp_path: Path, tiny_kb_dir: Path) -> None:
    # In the tiny knowledge base alpha cannot host manufacturing (fit 0, a hard gate).
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "name: X\nhome: mainland\nsector: ai\nfunctions: [manufacturing]\n"
        "constraints:\n  pin: {manufacturing: alpha}\n",
        encoding="utf-8",
    )
    code, out, err = run("match", str(profile), "--data-dir", str(tiny_kb_dir))
    assert (code, out) == (4, "")
    assert "manufacturing is pinned to alpha, which cannot host it" in err


@pytest.mark.parametrize(
    ("text", "line", "expected", "suggestion"),
    [
        (
            "name: X\nhome: mainland\nsector: ai\nfuctions: [rd]\n",
            4,
            "unknown field `fuctions`",
            "functions",
        ),
        (
            "name: X\nhome: mainland\nsector: ai\nfunctions: [rd]\npriorities: {tax: 9}\n",
            5,
            "it must be at most 5",
            None,
        ),
        (
            "name: X\nhome: mainland\nsector: ai\nfunctions: [rnd]\n",
            4,
            "'rnd' is not a valid choice",
            None,
        ),
        (
            "name: X\nhome: mainland\nsector: ai\nfunctions: [manufacture]\n",
            4,
            "is not a valid choice",
            "manufacturing",
        ),
        ("name: X\nhome: mainland\nsector: ai\nfunctions: rd\n", 4, "expected a list", None),
        (
            "name: X\nhome: mainland\nsector: ai\nfunctions: [rd]\n"
            "constraints: {exclude: [hengqim]}\n",
            5,
            "unknown platform `hengqim`",
            "hengqin",
        ),
        ("name: X\nhome: [mainland\n", 3, "malformed YAML", None),
        ("", 1, "the file is empty", None),
        (
            "name: X\nhome: mainland\nsector: ai\nfunctions: [rd]\n"
            "constraints:\n  pin: {headquarters: qianhai}\n",
            6,
            "pins headquarters, which is not among the functions to place",
            None,
        ),
        ("- name: X\n- home: mainland\n", 1, "must be a mapping", None),
        (
            "name: X\nhome: mainland\nsector: zzzqqq\nfunctions: [rd]\n",
            3,
            "no sector matches 'zzzqqq'",
            None,
        ),
    ],
)
def test_bad_profiles_exit_3_with_file_line_and_field(
    tmp_path: Path, text: str, line: int, expected: str, suggestion: str | None
) -> None:
    profile = tmp_path / "bad.yaml"
    profile.write_text(text, encoding="utf-8")
    code, out, err = run("match", str(profile))
    assert (code, out) == (3, "")
    assert f"{profile}:{line}" in err
    assert expected in err
    if suggestion:
        assert f"did you mean `{suggestion}`?" in err
    assert "Traceback" not in err


def test_fuzzy_sector_is_a_warning_not_an_error(tmp_path: Path) -> None:
    profile = tmp_path / "fuzzy.yaml"
    profile.write_text(
        "name: X\nhome: hong_kong\nsector: biotechnolgy\nfunctions: [rd]\n", encoding="utf-8"
    )
    code, out, err = run("match", str(profile), "-f", "json", "--as-of", AS_OF)
    assert code == 0
    data = json.loads(out)
    assert data["profile"]["sector"] == "biotechnology"
    assert data["profile"]["sector_match"] == "fuzzy"
    assert any(w["code"] == "sector_fuzzy_match" for w in data["warnings"])
    assert "biotechnolgy" in err


def test_usage_errors_exit_2() -> None:
    assert run("match", str(EXAMPLE), "--format", "xml")[0] == 2
    assert run("match", str(EXAMPLE), "--as-of", "tomorrow")[0] == 2
    assert run("match")[0] == 2


def test_missing_profile_file_exits_3() -> None:
    code, out, err = run("match", "no-such-profile.yaml")
    assert (code, out) == (3, "")
    assert "no such file" in err


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.startswith("gba-advisor ")
    code, out, _ = run("match", "--help")
    assert code == 0
    assert "--explain" in out
    assert "--as-of" in out


def test_markup_in_a_name_is_shown_literally(tmp_path: Path) -> None:
    profile = tmp_path / "markup.yaml"
    profile.write_text(
        'name: "[red]Evil[/red] \\x1b[2J Co"\nhome: macao\nsector: TCM\nfunctions: [rd]\n',
        encoding="utf-8",
    )
    code, out, _ = run("match", str(profile), "--as-of", AS_OF)
    assert code == 0
    assert "[red]Evil[/red] \\x1b[2J Co" in out
    assert "\x1b" not in out


def test_as_of_moves_an_unverified_incentive_from_counted_to_not_counted() -> None:
    profile = str(ROOT / "examples" / "macao_tcm.yaml")
    _, before, counted = run("match", profile, "--as-of", "2025-06-01", "-f", "json")
    _, after, lapsed = run("match", profile, "--as-of", "2026-11-30", "-f", "json")

    title = "15 % CIT for encouraged industries in the Hengqin zone"
    assert f"{title} (Caishui [2022] No.19) could not be verified; it is counted as in force" in (
        counted
    )
    assert "so as of 2026-11-30 it is unverified, not counted" in lapsed
    tax = [
        next(c for c in e["contributions"] if c["rule"] == "priority.tax")
        for e in json.loads(before)["by_function"]["manufacturing"]
        if e["platform"] == "hengqin"
    ]
    assert "in force: 15 % CIT" in tax[0]["reason"]
    tax = [
        next(c for c in e["contributions"] if c["rule"] == "priority.tax")
        for e in json.loads(after)["by_function"]["manufacturing"]
        if e["platform"] == "hengqin"
    ]
    assert "in force: 15 % CIT" not in tax[0]["reason"]
