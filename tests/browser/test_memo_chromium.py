"""The memo in a real browser: headless Chromium loads the file, builds the DOM and draws it.

Debian's `chromium` package provides the browser (.ci/run installs it). The page must come up
with its chart and tables without fetching anything: background networking is off and the
file has no external resource to ask for.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gba_advisor.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "tests" / "golden" / "memo.profile.yaml"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
TIMEOUT = 120

pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no chromium binary on PATH (Debian: apt-get install chromium; .ci/run installs it)",
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    command = [
        BROWSER,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)


@pytest.fixture(scope="module")
def memo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("memo")
    output = folder / "memo.html"
    result = CliRunner().invoke(
        app,
        ["report", str(PROFILE), "-o", str(output), "--as-of", "2026-11-26", "--draws", "200"],
    )
    assert result.exit_code == 0, result.stderr
    return output


def test_chromium_builds_the_dom_with_the_chart_and_the_tables(memo: Path, tmp_path: Path) -> None:
    done = chromium(tmp_path, "--dump-dom", memo.as_uri())
    assert done.returncode == 0, done.stderr
    dom = done.stdout
    assert "<h1>GBA location memo: Delta Data</h1>" in dom
    assert len(re.findall(r"<svg\b", dom)) == 1
    bars = re.findall(r'<g class="bar" data-platform="(\w+)"', dom)
    assert sorted(bars) == ["hengqin", "loop", "nansha", "qianhai"]
    assert len(re.findall(r"<rect\b[^>]*data-criterion=", dom)) >= 4 * 5
    assert len(re.findall(r"<table\b", dom)) >= 10
    for section in ("layout", "ranking", "robustness", "counterfactuals", "sources"):
        assert f'<section id="{section}">' in dom


def test_chromium_draws_the_memo_as_a_picture(memo: Path, tmp_path: Path) -> None:
    picture = tmp_path / "memo.png"
    done = chromium(
        tmp_path,
        "--hide-scrollbars",
        "--window-size=1000,1400",
        f"--screenshot={picture}",
        memo.as_uri(),
    )
    assert done.returncode == 0, done.stderr
    data = picture.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1000, 1400)
