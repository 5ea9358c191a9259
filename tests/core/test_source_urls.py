"""Issue 13, item 5: a knowledge-base source URL can neither inject HTML nor a `javascript:` link.

`data check` (and so every loader) accepts only http(s) addresses without spaces, quotes or
angle brackets; and the Markdown writers escape whatever URL reaches them anyway (a knowledge
base built in Python, or loaded by an older version's cache), printing only a checked web
address as a link.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gba_advisor.cli.app import app
from gba_advisor.core.api import Advisor
from gba_advisor.core.kb.check import check_knowledge_base
from gba_advisor.core.kb.loader import default_data_dir, load_knowledge_base
from gba_advisor.core.kb.references import is_web_url
from gba_advisor.core.profile.loader import load_profile
from gba_advisor.render.markdown import to_markdown

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "tech_rd_loop_branches_nansha.yaml"
SCRIPT = "http://x.example/> <script>alert(9)</script> <http://y"
HOSTILE = [SCRIPT, "javascript:alert(7)", "http://a.example/x y", 'https://a.example/"onmouseover']


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GBA_ADVISOR_CACHE", str(tmp_path / "kb-cache"))


def with_first_url(tmp_path: Path, url: str) -> tuple[Path, int]:
    """A copy of the shipped data whose first source has `url`; and that url's line."""
    folder = tmp_path / "data"
    shutil.copytree(default_data_dir(), folder)
    sources = folder / "sources.yaml"
    lines = sources.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.lstrip().startswith("url:"))
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index] = f"{indent}url: {json.dumps(url)}\n"
    sources.write_text("".join(lines), encoding="utf-8")
    return folder, index + 1


@pytest.mark.parametrize("url", HOSTILE)
def test_data_check_refuses_a_url_that_is_not_a_plain_web_address(tmp_path: Path, url: str) -> None:
    folder, line = with_first_url(tmp_path, url)

    problems = check_knowledge_base(folder)

    assert len(problems) == 1
    location = problems[0].location
    assert location is not None
    assert (Path(location.file).name, location.line, location.field) == (
        "sources.yaml",
        line,
        "sources[0].url",
    )
    assert "not a web address" in problems[0].message
    assert int(problems[0].exit_code) == 3
    result = CliRunner().invoke(app, ["match", str(EXAMPLE), "--data-dir", str(folder)])
    assert result.exit_code == 3
    assert "not a web address" in result.stderr


def test_plain_web_addresses_pass() -> None:
    assert is_web_url("https://www.gov.cn/zhengce/2019-02/18/content_5366593.htm")
    assert is_web_url("http://example.org/a?b=c&d=%20#f")
    assert not any(is_web_url(url) for url in HOSTILE)
    assert not is_web_url("ftp://example.org/")
    assert check_knowledge_base(default_data_dir()) == []


@pytest.mark.parametrize("url", HOSTILE)
def test_the_markdown_result_never_prints_a_hostile_url_as_markup(url: str) -> None:
    kb = load_knowledge_base()
    result = Advisor(kb, dt.date(2026, 11, 26)).advise(load_profile(EXAMPLE, kb))
    first = dataclasses.replace(result.sources[0], url=url)
    hostile = dataclasses.replace(result, sources=(first, *result.sources[1:]))

    text = to_markdown(hostile, explain=True)

    line = next(line for line in text.splitlines() if line.startswith(f"- [{first.id}]"))
    assert "<script>" not in text
    bare = line.replace("\\<", "").replace("\\>", "")
    assert "<" not in bare  # every angle bracket escaped: no autolink, no tag
    assert ">" not in bare
    assert "](" not in line
    good = to_markdown(result, explain=True)
    assert f"<{result.sources[0].url}>" in good
