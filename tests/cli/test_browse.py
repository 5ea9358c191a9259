"""`gba-advisor platforms [ID]` and `gba-advisor sectors [QUERY]` through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gba_advisor.cli.app import app
from gba_advisor.core.api import load_knowledge_base
from gba_advisor.core.kb.sector_search import MIN_SCORE

AS_OF = "2026-11-26"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1", **(env or {})}
    )
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str) -> Any:
    code, out, err = run(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_platforms_lists_every_platform() -> None:
    code, out, err = run("platforms", "--as-of", AS_OF)
    assert (code, err) == (0, "")
    for platform_id in ("hengqin", "qianhai", "nansha", "loop"):
        assert f"│ {platform_id} " in out
    assert "803 km²" in out
    assert "`gba-advisor platforms ID` shows one in full" in out
    assert "\x1b[" not in out


def test_platforms_json_for_scripts() -> None:
    data = run_json("platforms")
    assert [p["id"] for p in data] == ["hengqin", "qianhai", "nansha", "loop"]
    assert data[3]["functions"]["manufacturing"] == 2


def test_show_prints_one_platform_in_full_with_its_sources() -> None:
    code, out, err = run("platforms", "show", "loop", "--as-of", AS_OF)
    assert (code, err) == (0, "")
    for heading in (
        "Governing plans",
        "Positioning",
        "Partner economies",
        "Priority industries",
        "Functions",
        "R&D needs served",
        "Strengths",
        "Incentives",
        "Sources",
    ):
        assert heading in out
    assert "3.89 km²" in out
    assert "Pilot-scale production only" in out
    assert "S102" in out
    assert "ended 2025-04-09" in out


def test_show_json_lists_exactly_the_sources_it_cites() -> None:
    data = run_json("platforms", "show", "hengqin", "--as-of", AS_OF)
    assert data["platform"]["id"] == "hengqin"
    cited = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "sources" and isinstance(value, list):
                    cited.update(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data["platform"])
    assert set(data["sources"]) == cited
    assert data["incentive_validity"]["hengqin_iit_talent_15"] == "ended 2025-12-31"
    assert data["incentive_validity"]["hengqin_cit_15"] == (
        "end unverified, past its assumed end 2025-12-31: not counted"
    )


@pytest.mark.parametrize("args", [("platforms", "nansa"), ("platforms", "show", "nansa")])
def test_an_unknown_platform_id_is_a_usage_error_with_a_suggestion(args: tuple[str, ...]) -> None:
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert "unknown platform `nansa`" in err
    assert "did you mean `nansha`?" in err


def test_platforms_id_shows_the_same_as_platforms_show_id() -> None:
    shown = run("platforms", "qianhai", "--as-of", AS_OF, "-f", "json")
    assert shown[0] == 0
    assert shown == run("platforms", "show", "qianhai", "--as-of", AS_OF, "-f", "json")
    assert json.loads(shown[1])["platform"]["id"] == "qianhai"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("platforms", "hengqin", "loop"), "gba-advisor compare hengqin loop"),
        (("platforms", "show"), "needs a platform id"),
    ],
)
def test_platforms_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert message in err


def test_platforms_with_another_knowledge_base(tiny_kb_dir: Path) -> None:
    data = run_json("platforms", "--data-dir", str(tiny_kb_dir))
    assert [p["id"] for p in data] == ["alpha", "beta"]
    code, out, _ = run("platforms", "beta", env={"GBA_ADVISOR_DATA": str(tiny_kb_dir)})
    assert code == 0
    assert "Beta Zone" in out


@pytest.mark.parametrize(
    ("query", "sector"),
    [
        ("TCM", "traditional_chinese_medicine"),
        ("中医药", "traditional_chinese_medicine"),
        ("biotechnology", "biotechnology"),
        ("fintech", "fintech"),
        ("AI", "artificial_intelligence"),
    ],
)
def test_an_id_name_or_alias_comes_first_with_score_100(query: str, sector: str) -> None:
    hits = run_json("sectors", query)
    assert (hits[0]["id"], hits[0]["score"]) == (sector, 100.0)
    assert hits[0]["matched_as"] in {"id", "name", "alias"}


def test_a_typo_is_matched_fuzzily_with_its_score() -> None:
    hits = run_json("sectors", "biotek", "--limit", "3")
    assert len(hits) <= 3
    assert hits[0]["id"] in {"biotechnology", "biotechnology_and_medicine"}
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(MIN_SCORE <= score < 100 for score in scores)


def test_the_table_shows_score_id_names_and_what_matched() -> None:
    code, out, err = run("sectors", "tcm")
    assert (code, err) == (0, "")
    row = next(line for line in out.splitlines() if "traditional_chinese_medicine" in line)
    assert row.split("│")[1].strip() == "100"
    assert "中医药" in row
    assert "alias: tcm" in row


def test_without_a_query_every_sector_is_listed() -> None:
    sectors = run_json("sectors")
    assert len(sectors) == len(load_knowledge_base().sectors.sectors)
    assert [s["id"] for s in sectors] == sorted(s["id"] for s in sectors)


def test_nothing_close_says_so_on_stderr() -> None:
    code, out, err = run("sectors", "zzzzqqqq")
    assert (code, out) == (0, "")
    assert "no sector scores 65 or more" in err
    assert run_json("sectors", "zzzzqqqq") == []


def test_the_cli_default_threshold_is_the_renderers() -> None:
    code, out, _ = run("sectors", "--help")
    assert code == 0
    assert f"{MIN_SCORE:g}" in out


def test_the_query_is_shown_literally() -> None:
    code, out, err = run("sectors", "[bold]biotech[/x]")
    assert (code, err) == (0, "")
    assert "Sectors closest to '[bold]biotech[/x]'" in out
