"""`gba-advisor compare` through Typer's runner, and its agreement with `match`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from gba_advisor.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
EXAMPLES = ROOT / "examples"
AS_OF = "2026-11-26"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1", **(env or {})}
    )
    return result.exit_code, result.stdout, result.stderr


def compare_json(*args: str) -> dict[str, Any]:
    code, out, err = run("compare", "--as-of", AS_OF, "--format", "json", *args)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def five_platform_kb(tmp_path: Path, name: str = "Science Park") -> Path:
    """The shipped data plus a fifth platform (a copy of the Loop under another id)."""
    folder = tmp_path / "kb5"
    folder.mkdir()
    for file in ("sectors.yaml", "sources.yaml", "rules.yaml"):
        (folder / file).write_text((DATA / file).read_text(encoding="utf-8"), encoding="utf-8")
    platforms = yaml.safe_load((DATA / "platforms.yaml").read_text(encoding="utf-8"))
    extra = dict(platforms["platforms"][-1])
    extra["id"] = "science_park"
    extra["short_name"] = {"en": name, "zh": "科学园"}
    platforms["platforms"].append(extra)
    (folder / "platforms.yaml").write_text(
        yaml.safe_dump(platforms, allow_unicode=True), encoding="utf-8"
    )
    return folder


def test_all_platforms_side_by_side_in_one_table() -> None:
    code, out, err = run("compare", "--as-of", AS_OF, env={"COLUMNS": "200"})
    assert (code, err) == (0, "")
    header = next(line for line in out.splitlines() if "Fact" in line)
    for name in ("Hengqin", "Qianhai", "Nansha", "the Loop", "Best"):
        assert name in header
    labels = {line.split("│")[2].strip() for line in out.splitlines() if line.startswith("│")}
    for label in (
        "Overview",
        "Area",
        "Positioning",
        "Partner economies",
        "Industries",
        "Functions",
        "Incentives",
        "Governing plans",
    ):
        assert label in labels
    assert "803 km²" in out
    assert "\x1b[" not in out


def test_two_platforms_with_the_differences_marked() -> None:
    code, out, _ = run("compare", "qianhai", "loop", "--as-of", AS_OF)
    assert code == 0
    header = next(line for line in out.splitlines() if "Fact" in line)
    assert "Qianhai" in header
    assert "the Loop" in header
    assert "Hengqin" not in header
    assert "Nansha" not in header
    rd = next(line for line in out.splitlines() if "│ R&D " in line)
    assert rd.split("│")[1].strip() == "≠"
    assert "5/5 ▲" in rd
    assert rd.rstrip("│ ").endswith("the Loop")
    talent = next(line for line in out.splitlines() if "│ talent " in line)
    assert talent.split("│")[1].strip() == ""
    assert "* " in out


def test_facts_json_marks_differences_leaders_and_shared_entries() -> None:
    data = compare_json("qianhai", "loop")
    assert [p["id"] for p in data["platforms"]] == ["qianhai", "loop"]
    assert data["fit"] is None
    rows = {(r["section"], r["key"]): r for r in data["facts"]}
    rd = rows[("functions", "rd")]
    assert (rd["differs"], rd["leaders"]) == (True, ["loop"])
    assert rd["platforms"]["loop"]["level"] == 5
    hong_kong = rows[("partner_economies", "hong_kong")]
    assert (hong_kong["differs"], hong_kong["leaders"]) == (False, [])
    data_contract = rows[("incentives", "cross_border_data")]
    shared = {
        item["key"]: item["shared"]
        for cell in data_contract["platforms"].values()
        for item in cell["items"]
    }
    assert shared["gba_data_standard_contract"] is True
    assert not all(shared.values())


def test_unknown_platform_is_a_usage_error_with_a_suggestion() -> None:
    code, out, err = run("compare", "qianhai", "nansa")
    assert (code, out) == (2, "")
    assert "unknown platform `nansa`" in err
    assert "did you mean `nansha`?" in err


def test_bad_date_is_a_usage_error() -> None:
    code, out, err = run("compare", "--as-of", "tomorrow")
    assert (code, out) == (2, "")
    assert "is not a date" in err


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_fit_agrees_with_match_on_the_same_profile(example: str) -> None:
    profile = str(EXAMPLES / example)
    code, out, err = run("match", profile, "--as-of", AS_OF, "--format", "json")
    assert code == 0, err
    matched = json.loads(out)
    fit = compare_json("--profile", profile)["fit"]
    rows = {(row["kind"], row["key"]): row for row in fit["rows"]}

    overall = {entry["platform"]: entry["score"] for entry in matched["ranking"]}
    assert rows[("overall", "overall")]["points"] == overall
    assert rows[("overall", "overall")]["winners"] == [matched["ranking"][0]["platform"]]
    assert fit["rank"] == {e["platform"]: i for i, e in enumerate(matched["ranking"], 1)}
    for function, entries in matched["by_function"].items():
        row = rows[("function", function)]
        assert row["points"] == {e["platform"]: e["score"] for e in entries}
        assert entries[0]["platform"] in row["winners"]
    for entry in matched["ranking"]:
        for contribution in entry["contributions"]:
            if contribution["rule"] == "function_gate":
                continue
            row = rows[("criterion", contribution["rule"])]
            assert row["points"][entry["platform"]] == contribution["points"]
            assert row["values"][entry["platform"]] == contribution["value"]
    for (kind, _), row in rows.items():
        if kind == "criterion" and row["winners"]:
            best = max(row["points"].values())
            assert {p for p, v in row["points"].items() if v == best} == set(row["winners"])
    sites = {site["platform"]: site["functions"] for site in matched["layout"]["sites"]}
    assert {p: fs for p, fs in fit["layout"].items() if fs} == sites
    assert fit["layout_score"] == matched["layout"]["score"]


def test_profile_table_names_each_criterions_winner() -> None:
    profile = str(EXAMPLES / "tech_rd_loop_branches_nansha.yaml")
    code, out, err = run("compare", "loop", "nansha", "--profile", profile, "--as-of", AS_OF)
    assert code == 0
    assert "Fit to Aurora Intelligent Machines" in out
    lines = out.splitlines()
    rd_needs = next(line for line in lines if "│ R&D needs " in line)
    assert rd_needs.rstrip("│ ").endswith("the Loop")
    space = next(line for line in lines if "│ Priority: space " in line)
    assert space.rstrip("│ ").endswith("Nansha")
    manufacturing = next(line for line in lines if "Score: manufacturing" in line)
    assert manufacturing.rstrip("│ ").endswith("Nansha")
    assert "warning:" in err
    assert "warning:" not in out


def test_markdown_says_the_same_for_a_report() -> None:
    profile = str(EXAMPLES / "macao_tcm.yaml")
    code, out, _ = run(
        "compare", "hengqin", "qianhai", "--profile", profile, "--as-of", AS_OF, "-f", "markdown"
    )
    assert code == 0
    assert out.startswith("# Platforms compared: Hengqin, Qianhai\n")
    assert "| ≠ | Fact | Hengqin | Qianhai | Best |" in out
    overall = next(line for line in out.splitlines() if line.startswith("| ≠ | Overall score |"))
    assert overall.endswith("| Hengqin |")
    assert "▲" in overall.split("|")[3]
    assert "## Incentives" in out


def test_profile_text_is_not_read_as_markup(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "name: '[bold red]Evil[/] \\x1b[2J'\nhome: mainland\nsector: ai\nfunctions: [rd]\n",
        encoding="utf-8",
    )
    code, out, _ = run("compare", "loop", "--profile", str(profile), "--as-of", AS_OF)
    assert code == 0
    assert "[bold red]Evil[/]" in out
    assert "\x1b" not in out


def test_no_layout_for_the_profile_exits_4(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "name: X\nhome: mainland\nsector: robotics\nfunctions: [rd, manufacturing]\n"
        "constraints:\n  max_sites: 1\n  pin: {rd: loop, manufacturing: nansha}\n",
        encoding="utf-8",
    )
    code, out, err = run("compare", "--profile", str(profile))
    assert (code, out) == (4, "")
    assert "the pins use 2 platforms (loop, nansha) but max_sites is 1" in err


def test_works_with_a_two_platform_knowledge_base(tiny_kb_dir: Path) -> None:
    data = compare_json("--data-dir", str(tiny_kb_dir))
    assert [p["id"] for p in data["platforms"]] == ["alpha", "beta"]


def test_works_with_a_fifth_platform_from_the_environment(tmp_path: Path) -> None:
    folder = five_platform_kb(tmp_path)
    profile = str(EXAMPLES / "hk_biotech_startup.yaml")
    code, out, err = run(
        "compare",
        "--profile",
        profile,
        "--as-of",
        AS_OF,
        "-f",
        "json",
        env={"GBA_ADVISOR_DATA": str(folder)},
    )
    assert code == 0, err
    data = json.loads(out)
    assert len(data["platforms"]) == 5
    overall = data["fit"]["rows"][0]
    assert overall["points"]["science_park"] == overall["points"]["loop"]
    code, out, _ = run("compare", "--as-of", AS_OF, env={"GBA_ADVISOR_DATA": str(folder)})
    assert code == 0
    assert "Science Park" in out


HOSTILE = "[bold]Sci[/] [/x] Park \x1b[2J"


def test_a_platform_name_is_shown_literally(tmp_path: Path) -> None:
    env = {"GBA_ADVISOR_DATA": str(five_platform_kb(tmp_path, HOSTILE))}
    for args in (
        ("compare", "loop", "science_park"),
        ("compare", "science_park", "-f", "markdown"),
        ("platforms",),
        ("platforms", "show", "science_park"),
    ):
        code, out, err = run(*args, "--as-of", AS_OF, env=env)
        assert code == 0, (args, err)
        assert "\x1b" not in out
        assert "[/x]" in out.replace("\\", ""), args
