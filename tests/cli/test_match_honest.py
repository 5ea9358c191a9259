"""What `match` prints for exclusions, a no-layout error and long source addresses."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from gba_advisor.cli.app import app
from gba_advisor.core.api import advise

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "tech_rd_loop_branches_nansha.yaml"
AS_OF = "2026-11-26"
MACAO_BIOTECH = "name: X\nhome: macao\nsector: biotech\nfunctions: [rd, manufacturing]\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def profile(tmp_path: Path, text: str) -> str:
    path = tmp_path / "client.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_table_marks_an_excluded_platform_wherever_it_is_listed(tmp_path: Path) -> None:
    code, out, _ = run(
        "match", profile(tmp_path, MACAO_BIOTECH), "--exclude", "hengqin", "--as-of", AS_OF
    )

    assert code == 0
    ranking = out.split("Overall ranking")[1].split("By function")[0]
    by_function = out.split("By function")[1].split("Runner-up")[0]
    assert re.search(r"│ 1 │ Hengqin \(excluded\) +│", ranking)
    assert "(excluded): Hengqin by the constraints" in ranking
    assert by_function.count("Hengqin") == by_function.count("(excluded)") == 2
    layout = " ".join(out.split("Overall ranking")[0].split())  # undo the wrapping
    assert "1.9 behind the Loop for R&D, kept with manufacturing to save a site" in layout
    assert "Hengqin would score 7.0 more but is excluded" in layout
    assert "behind Hengqin" not in layout


def test_markdown_marks_an_excluded_platform(tmp_path: Path) -> None:
    text = MACAO_BIOTECH + "constraints:\n  exclude: [hengqin]\n"
    code, out, _ = run("match", profile(tmp_path, text), "-f", "markdown", "--as-of", AS_OF)

    assert code == 0
    assert "| 1 | Hengqin (excluded) | 77.97 |" in out
    assert "| Function | Hengqin (excluded) | Nansha | the Loop | Qianhai |" in out
    assert "(excluded): Hengqin by the constraints" in out


def test_no_layout_names_the_profile_file_the_field_and_a_fitting_fix(tmp_path: Path) -> None:
    text = MACAO_BIOTECH + "constraints:\n  pin: {rd: hengqin}\n"
    path = profile(tmp_path, text)

    code, out, err = run("match", path, "--exclude", "hengqin", "--as-of", AS_OF)

    assert (code, out) == (4, "")
    assert re.search(
        rf"error: {re.escape(str(path))}:\d+:\d+: rd is pinned to hengqin, which is also excluded",
        err,
    )
    assert "field: constraints.pin.rd" in err
    assert "hint: drop `--exclude hengqin`, or pin rd to" in err


def test_explain_piped_prints_every_source_address_whole() -> None:
    code, out, _ = run("match", str(EXAMPLE), "--explain", "--as-of", AS_OF)
    urls = [s.url for s in advise(EXAMPLE).sources if s.url]
    sources = out.split("\nSources\n")[1]
    # A folded address continues on the next line of its cell: join the cells back up.
    cells = "".join(line.split("│")[2].strip() for line in sources.splitlines() if "│" in line)

    assert code == 0
    assert len(urls) > 20
    for url in urls:
        assert url in cells, url
    assert not re.search(r"https?://\S*…", out)
