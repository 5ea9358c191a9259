"""The memo in a real browser: headless Chromium loads the file, builds the DOM and draws it.

Debian's `chromium` package provides the browser (.ci/run installs it). The page must come up
with its chart and tables without fetching anything: background networking is off and the
file has no external resource to ask for.

Read as a client would: the shipped robotics example, in a 1200 px window and printed to A4,
must not scroll sideways, must open with its summary alone on page one and must print to at most
ten pages. Chromium's command line cannot switch to print media, so the A4 width is checked on a
copy whose print rules apply on screen, in a window as wide as the printed text (A4 less the
`@page` margins); the page count comes from a real `--print-to-pdf`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gba_advisor.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "tests" / "golden" / "memo.profile.yaml"
ROBOTICS = ROOT / "examples" / "tech_rd_loop_branches_nansha.yaml"
MAX_PAGES = 10
A4_MM = (210.0, 297.0)
PX_PER_MM = 96 / 25.4
MEASURE = """<script>
window.addEventListener("load", () => {
  const root = document.documentElement;
  const summary = document.getElementById("summary").getBoundingClientRect();
  const wide = [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
    .map((e) => e.tagName + "." + e.className);
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({
    scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 5),
    summaryBottom: summary.bottom + window.scrollY,
    first: document.querySelector("main > section").id,
  });
  document.body.appendChild(out);
});
</script>"""
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


def report(profile: Path, output: Path) -> Path:
    result = CliRunner().invoke(
        app, ["report", str(profile), "-o", str(output), "--as-of", "2026-11-26", "--draws", "200"]
    )
    assert result.exit_code == 0, result.stderr
    return output


def page_margins(html: str) -> tuple[float, float]:
    """The `@page` margins in mm (vertical, horizontal), as the memo's CSS sets them."""
    found = re.search(r"@page\s*{[^}]*margin:\s*([\d.]+)mm\s+([\d.]+)mm", html)
    assert found, "the memo sets its A4 page margins in mm"
    return float(found.group(1)), float(found.group(2))


def as_printed(html: str) -> str:
    """The memo with its print rules applied on screen."""
    assert "@media print {" in html
    return html.replace("@media print {", "@media all {")


def measure(tmp_path: Path, html: str, width: int) -> dict[str, object]:
    page = tmp_path / f"measured-{width}.html"
    page.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    done = chromium(
        tmp_path,
        f"--window-size={width},1000",
        "--hide-scrollbars",
        "--virtual-time-budget=5000",
        "--dump-dom",
        page.as_uri(),
    )
    assert done.returncode == 0, done.stderr
    found = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stdout[-2000:]
    measured: dict[str, object] = json.loads(found.group(1).replace("&quot;", '"'))
    return measured


def pdf_pages(tmp_path: Path, page: Path) -> int:
    pdf = tmp_path / (page.stem + ".pdf")
    done = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert done.returncode == 0, done.stderr
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


@pytest.fixture(scope="module")
def robotics(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return report(ROBOTICS, tmp_path_factory.mktemp("robotics") / "memo.html")


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


def test_the_memo_does_not_scroll_sideways_in_a_1200_px_window(
    robotics: Path, tmp_path: Path
) -> None:
    measured = measure(tmp_path, robotics.read_text(encoding="utf-8"), 1200)
    assert measured["wide"] == []
    assert measured["scroll"] == measured["client"] == 1200


def test_the_memo_does_not_overflow_the_width_of_an_a4_page(robotics: Path, tmp_path: Path) -> None:
    html = robotics.read_text(encoding="utf-8")
    _, side = page_margins(html)
    width = int((A4_MM[0] - 2 * side) * PX_PER_MM)
    measured = measure(tmp_path, as_printed(html), width)
    assert measured["wide"] == []
    assert measured["scroll"] == measured["client"] == width


def test_the_summary_comes_first_and_fits_on_page_one(robotics: Path, tmp_path: Path) -> None:
    html = robotics.read_text(encoding="utf-8")
    assert re.search(r"#summary\s*{[^}]*break-after:\s*page", html)
    top, side = page_margins(html)
    measured = measure(tmp_path, as_printed(html), int((A4_MM[0] - 2 * side) * PX_PER_MM))
    assert measured["first"] == "summary"
    page_height = (A4_MM[1] - 2 * top) * PX_PER_MM
    assert isinstance(measured["summaryBottom"], float | int)
    assert measured["summaryBottom"] < page_height
    # Printed on its own, the header and the summary make exactly one page.
    alone = tmp_path / "summary.html"
    alone.write_text(
        html.replace("</style>", "#summary ~ *, footer { display: none; }</style>"),
        encoding="utf-8",
    )
    assert pdf_pages(tmp_path, alone) == 1


def test_the_robotics_memo_prints_to_at_most_ten_a4_pages(robotics: Path, tmp_path: Path) -> None:
    pages = pdf_pages(tmp_path, robotics)
    assert 2 <= pages <= MAX_PAGES
