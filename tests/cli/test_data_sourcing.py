"""Issue 12, "Sources a client can check", through Typer's runner: `data check` notes the facts
that rest on unofficial sources alone (stderr, exit 0), and `match` labels official sources and
mirrors in every format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gba_advisor.cli.app import app
from gba_advisor.core.kb.loader import DATA_ENV

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny_kb"
EXAMPLE = ROOT / "examples" / "tech_rd_loop_branches_nansha.yaml"
MIRROR = (
    "  - {id: T2, title: Copy, publisher: A forum, official: false, mirror_of: The test plan}\n"
)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GBA_ADVISOR_CACHE", str(tmp_path / "kb-cache"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1", DATA_ENV: ""}
    )
    return result.exit_code, result.stdout, result.stderr


def kb_with_a_mirror(tmp_path: Path) -> Path:
    """The tiny knowledge base whose area cites only the mirror T2."""
    folder = tmp_path / "kb"
    shutil.copytree(TINY, folder)
    sources = folder / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + MIRROR, encoding="utf-8")
    platforms = folder / "platforms.yaml"
    text = platforms.read_text(encoding="utf-8").replace(
        "area: {km2: 10, sources: [T1]}", "area: {km2: 10, sources: [T2]}", 1
    )
    platforms.write_text(text, encoding="utf-8")
    return folder


def test_data_check_notes_a_fact_with_only_a_mirror_on_stderr_and_exits_0(tmp_path: Path) -> None:
    folder = kb_with_a_mirror(tmp_path)

    code, out, err = run("data", "check", "--data-dir", str(folder), "--as-of", "2026-06-01")

    assert code == 0, err
    assert out.startswith(f"{folder}: no problems")
    assert [line for line in err.splitlines() if "unofficial" in line] == [
        f"note: {folder / 'platforms.yaml'}:8:30: Alpha, area: only unofficial sources: T2 "
        "(T2: mirror of an official text); cite the issuer's own address beside them"
    ]


def test_data_check_json_gives_the_note_s_file_line_and_field(tmp_path: Path) -> None:
    folder = kb_with_a_mirror(tmp_path)

    code, out, _ = run("data", "check", "--data-dir", str(folder), "--format", "json")

    assert code == 0
    [note] = [n for n in json.loads(out)["notes"] if n["code"] == "unofficial_only"]
    assert (note["file"], note["line"], note["field"]) == (
        str(folder / "platforms.yaml"),
        8,
        "platforms[0].area.sources",
    )


def test_the_shipped_data_notes_the_loop_plan_cited_only_through_its_mirror() -> None:
    code, _, err = run("data", "check", "--as-of", "2026-06-01")

    assert code == 0
    assert (
        "the Loop, strengths.cost: only unofficial sources: S102 (S102: mirror of an official text)"
        in err
    )


@pytest.mark.parametrize(
    ("output_format", "mirror", "official"),
    [
        (
            "table",
            "http://chengxinjr.cn/989.html  (mirror of an official text)",
            "p83.html  (official)",
        ),
        (
            "markdown",
            "8 Aug 2023 (mirror of an official text). <http://chengxinjr.cn/989.html>",
            "2023 (official). <https://policyaddress.gov.hk/2023/en/p83.html>",
        ),
    ],
)
def test_match_labels_mirrors_and_official_sources(
    output_format: str, mirror: str, official: str
) -> None:
    code, out, _ = run(
        "match", str(EXAMPLE), "--explain", "--format", output_format, "--as-of", "2026-11-26"
    )

    assert code == 0
    assert mirror in out
    assert official in out


def test_match_json_keeps_official_and_adds_mirror_of_only_for_mirrors() -> None:
    code, out, _ = run("match", str(EXAMPLE), "--format", "json", "--as-of", "2026-11-26")

    assert code == 0
    sources = json.loads(out)["sources"]
    assert sources["S102"]["official"] is False
    assert sources["S102"]["mirror_of"].startswith("State Council notice Guofa [2023] No.12")
    assert sources["S123"]["official"] is True
    assert "mirror_of" not in sources["S123"]
