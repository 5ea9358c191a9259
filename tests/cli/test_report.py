"""`gba-advisor report`: the client memo in both formats and both languages.

Golden files pin the memo for a fixed profile, date, seed and number of draws, on the tiny
knowledge base (tests/fixtures/tiny_kb), so that an edit of the shipped policies leaves them
alone; regenerate them with UPDATE_GOLDEN=1 and review the diff. The other tests read the
shipped knowledge base and assert what matters of its memo.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gba_advisor.cli import options as cli_options
from gba_advisor.cli.app import app
from gba_advisor.core.analysis import settings

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "tests" / "golden" / "memo.profile.yaml"
FIXED = ("--as-of", "2026-11-26", "--seed", "2026", "--draws", "400")
TINY_KB = ROOT / "tests" / "fixtures" / "tiny_kb"
GOLDEN = ROOT / "tests" / "golden" / "tiny"
GOLDEN_PROFILE = GOLDEN / "memo.profile.yaml"
GOLDEN_FIXED = (
    *("--data-dir", str(TINY_KB)),
    *("--as-of", "2025-06-01", "--seed", "2026", "--draws", "400"),
)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("name", "lang"),
    [("memo.en.html", "en"), ("memo.en.md", "en"), ("memo.zh.html", "zh"), ("memo.zh.md", "zh")],
)
def test_the_memo_matches_its_golden_file(tmp_path: Path, name: str, lang: str) -> None:
    output = tmp_path / name
    code, out, err = run(
        "report", str(GOLDEN_PROFILE), "-o", str(output), "--lang", lang, *GOLDEN_FIXED
    )
    assert code == 0, err
    assert out == ""
    assert f"wrote {output}" in err
    text = output.read_text(encoding="utf-8")
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_the_html_memo_holds_every_section_the_chart_and_no_outside_resource(
    tmp_path: Path,
) -> None:
    output = tmp_path / "memo.html"
    code, _, err = run("report", str(PROFILE), "-o", str(output), *FIXED)
    assert code == 0, err
    html = output.read_text(encoding="utf-8")
    for section in (
        "profile",
        "layout",
        "ranking",
        "robustness",
        "counterfactuals",
        "why-not",
        "incentives",
        "explanation",
        "sources",
    ):
        assert f'<section id="{section}">' in html
    assert html.count("<svg") == 1
    assert html.count('data-criterion="') >= 4 * 5
    assert "R&amp;D in the Loop in " in html
    assert "of plausible weightings" in html
    assert "Rank-reversal check" in html
    assert "<script" not in html
    assert not re.search(r'(src|href)="(?!#|https?://)', html)
    assert "@media print" in html
    assert "knowledge base 2026.1" in html


def test_the_chinese_memo_uses_the_knowledge_bases_chinese_names_and_reasons(
    tmp_path: Path,
) -> None:
    output = tmp_path / "memo.md"
    code, _, err = run("report", str(PROFILE), "-o", str(output), "--lang", "zh", *FIXED)
    assert code == 0, err
    text = output.read_text(encoding="utf-8")
    for name in ("南沙", "河套", "前海", "横琴", "数字经济", "研发", "总部"):
        assert name in text
    assert "## 建议的可靠程度" in text
    assert "## 什么会改变建议" in text
    # A reason the data gives in Chinese is quoted in Chinese, not in English.
    assert "总面积仅3.89平方公里" in text
    assert "3.89 km² in all" not in text
    # Up to the incentives (whose titles and warnings stay as the data and the checks write
    # them), every name and fixed phrase is Chinese.
    body = text.split("## 优惠政策及其有效期")[0]
    for english in ("Nansha", "the Loop", "Qianhai", "Hengqin", "R&D", "headquarters", "Layout"):
        assert english not in body


def test_html_escapes_user_text_and_markdown_neutralises_it(tmp_path: Path) -> None:
    profile = tmp_path / "evil.yaml"
    text = PROFILE.read_text(encoding="utf-8").replace(
        "name: Delta Data", 'name: "<script>alert(1)</script> *x* [a](javascript:b) | c"'
    )
    profile.write_text(text, encoding="utf-8")
    html_path, md_path = tmp_path / "m.html", tmp_path / "m.md"
    assert run("report", str(profile), "-o", str(html_path), *FIXED)[0] == 0
    assert run("report", str(profile), "-o", str(md_path), *FIXED)[0] == 0
    html = html_path.read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    markdown = md_path.read_text(encoding="utf-8")
    assert "\\<script\\>" in markdown
    assert "\\[a\\](javascript:b)" in markdown
    assert "\\*x\\*" in markdown
    assert "\\| c" in markdown


def test_without_output_the_memo_goes_to_stdout_and_format_overrides_the_default() -> None:
    code, out, _ = run("report", str(PROFILE), *FIXED, "--draws", "20")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>")
    code, out, _ = run("report", str(PROFILE), *FIXED, "--draws", "20", "--format", "markdown")
    assert code == 0
    assert out.startswith("# GBA location memo: Delta Data")


def test_an_output_name_that_says_no_format_is_a_usage_error(tmp_path: Path) -> None:
    output = tmp_path / "memo.pdf"
    code, out, err = run("report", str(PROFILE), "-o", str(output), *FIXED)
    assert code == 2
    assert out == ""
    assert "name it .html or .md" in err
    assert not output.exists()


def test_an_invalid_profile_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    profile = tmp_path / "bad.yaml"
    profile.write_text("name: X\nhome: mainland\nsector: biotech\nfuctions: [rd]\n")
    output = tmp_path / "memo.html"
    code, out, err = run("report", str(profile), "-o", str(output), *FIXED)
    assert code == 3
    assert out == ""
    assert "unknown field `fuctions`" in err
    assert not output.exists()


def test_an_unwritable_output_is_reported_without_a_traceback(tmp_path: Path) -> None:
    output = tmp_path / "missing-folder" / "memo.html"
    code, _, err = run("report", str(PROFILE), "-o", str(output), *FIXED, "--draws", "5")
    assert code == 3
    assert "could not write the memo: no such file or directory" in err
    assert "Traceback" not in err


def test_the_cli_defaults_are_the_cores() -> None:
    # One definition: the CLI shows the core's own defaults (from a module that imports nothing).
    assert cli_options.DEFAULT_SEED is settings.DEFAULT_SEED
    assert cli_options.DEFAULT_DRAWS is settings.DEFAULT_DRAWS
    assert cli_options.MAX_DRAWS is settings.MAX_DRAWS


ROBOTICS = ROOT / "examples" / "tech_rd_loop_branches_nansha.yaml"
GLITCHES = (
    r"\b[a-z]+_[a-z_]+ \d\.\d",  # an id with a level: `pilot_production 1.0`
    r"\b(rd|manufacturing|trade) fit \d/\d",  # `rd fit 4/5`
    r"\(s\)",  # `1 site(s)`
    r"\.;",  # `incentives.; in force:`
    r"; Its\b",  # `...; Its opening-up ...`
    r"\b\d+/10 \(best",  # `space 1/10 (best 5/10)`
)


def memo_text(tmp_path: Path, profile: Path, name: str, *extra: str) -> str:
    output = tmp_path / name
    code, _, err = run("report", str(profile), "-o", str(output), *FIXED, "--draws", "50", *extra)
    assert code == 0, err
    return output.read_text(encoding="utf-8")


def section(html: str, name: str) -> str:
    return html.split(f'<section id="{name}">')[1].split("</section>")[0]


@pytest.mark.parametrize("profile", [PROFILE, ROBOTICS], ids=["golden", "robotics"])
def test_the_summary_comes_first_and_answers_the_partners_questions(
    tmp_path: Path, profile: Path
) -> None:
    html = memo_text(tmp_path, profile, "memo.html")
    assert html.index('<section id="summary">') < html.index('<section id="profile">')
    summary = section(html, "summary")
    for heading in (
        "Recommendation",
        "Why",
        "How sure",
        "What would change it",
        "Incentives that end soon",
    ):
        assert f"<h3>{heading}</h3>" in summary
    assert "of plausible weightings" in summary
    assert "Rank-reversal check" in summary


def test_the_robotics_summary_says_the_layout_why_and_what_expires(tmp_path: Path) -> None:
    summary = section(memo_text(tmp_path, ROBOTICS, "memo.html"), "summary")
    assert "R&amp;D in the Loop; manufacturing and sales &amp; trade in Nansha." in summary
    assert "R&amp;D in the Loop: 23.2 points ahead of Nansha, above all on " in summary
    assert "No single change to the profile (59 tried) moves any function." in summary
    assert "15 % CIT in the three launching areas" in summary
    assert "counted until 2026-12-31" in summary


def test_a_function_kept_behind_its_runner_up_names_the_site_limit(tmp_path: Path) -> None:
    html = memo_text(tmp_path, ROBOTICS, "memo.html", "--max-sites", "1")
    summary = section(html, "summary")
    assert "R&amp;D in Nansha: 23.2 points behind the Loop on its own, but the layout" in summary
    assert "The layout uses as many sites as the client allows (1)" in summary


def test_source_ids_are_links_to_the_source_list_in_natural_order(tmp_path: Path) -> None:
    html = memo_text(tmp_path, ROBOTICS, "memo.html")
    listed = re.findall(r'<li id="source-([^"]+)">', html)
    targets = set(re.findall(r'href="#source-([^"]+)"', html))
    assert targets, "source ids are links"
    assert targets <= set(listed)
    numbered = [int(i[1:]) for i in listed if re.fullmatch(r"S\d+", i)]
    assert numbered == sorted(numbered)
    assert len(numbered) > 10
    # Ids in the tables are links, never bare text.
    explanation = section(html, "explanation")
    assert not re.search(r"[\[,] S\d+[,\]]", re.sub(r"<a [^>]*>S\d+</a>", "", explanation))


@pytest.mark.parametrize(
    ("name", "lang"), [("memo.html", "en"), ("memo.md", "en"), ("memo.zh.md", "zh")]
)
@pytest.mark.parametrize("profile", [PROFILE, ROBOTICS], ids=["golden", "robotics"])
def test_the_memo_shows_no_internal_id_or_glitch(
    tmp_path: Path, profile: Path, name: str, lang: str
) -> None:
    text = memo_text(tmp_path, profile, name, "--lang", lang)
    for glitch in GLITCHES:
        assert not re.search(glitch, text), glitch


def test_a_lost_point_is_explained_by_what_the_chosen_platform_has_more_of(
    tmp_path: Path,
) -> None:
    why_not = section(memo_text(tmp_path, ROBOTICS, "memo.html"), "why-not")
    block = why_not.split("Why not Nansha for R&amp;D?")[1].split("Where it gains")[0]
    rows = re.findall(r"<tr><td>([^<]+)</td><td class=\"n\">(-[\d.]+)</td><td>([^<]+)", block)
    assert rows
    for rule, _, reason in rows:
        if rule != "Smaller differences":
            assert reason.startswith("The Loop"), (rule, reason)
    assert "The Loop's priority industries" in block or "The Loop serves" in block
    assert "Nansha also covers" not in block


def test_every_reason_of_the_chinese_memo_is_chinese(tmp_path: Path) -> None:
    text = memo_text(tmp_path, ROBOTICS, "memo.zh.md", "--lang", "zh")
    explanation = text.split("## 评分说明")[1].split("## 资料来源")[0]
    for english in ("Level ", "Suitability", "How well", "Incentives counted", " fit ", "best"):
        assert english not in explanation
    assert "该职能适配度：5/5。" in explanation
    assert "水平" in explanation
