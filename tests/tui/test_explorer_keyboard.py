"""The explorer without a mouse and without colour: Tab follows the screen, ticked boxes read
differently from unticked ones in plain text, and Ctrl+S never replaces a file unasked."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label

from gba_advisor.core.api import load_knowledge_base, load_profile
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.tui.app import ExplorerApp, build_app
from gba_advisor.tui.dialogs import SaveDialog
from gba_advisor.tui.editor import CheckList

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "macao_tcm.yaml"
AS_OF = dt.date(2026, 11, 26)
FIELDS_IN_FILE_ORDER = [
    "name",
    "home",
    "home_country",
    "sector",
    "sector-hits",
    "secondary_sectors",
    "functions",
    "rd_intensity",
    "rd_needs",
    "target_markets",
    "priorities",
    "max_sites",
    "exclude",
]

Scenario = Callable[[ExplorerApp, Pilot[None]], Awaitable[None]]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def drive(app: ExplorerApp, scenario: Scenario) -> None:
    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(run())


def opened(kb: KnowledgeBase, path: Path) -> ExplorerApp:
    return build_app(kb, AS_OF, load_profile(path, kb), path)


def test_tab_goes_through_the_fields_top_to_bottom_as_the_file_has_them(
    kb: KnowledgeBase,
) -> None:
    stops: list[str] = []

    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        for _ in FIELDS_IN_FILE_ORDER:
            await pilot.press("tab")
            assert app.focused is not None
            stops.append(app.focused.id or type(app.focused).__name__)
        # On the screen too, each field is below the one before it.
        rows = [app.query_one(f"#{field}").region.y for field in FIELDS_IN_FILE_ORDER[:5]]
        assert rows == sorted(rows)

    drive(opened(kb, EXAMPLE), scenario)
    assert stops == FIELDS_IN_FILE_ORDER


def test_ticked_and_unticked_boxes_differ_in_text_not_only_in_colour(kb: KnowledgeBase) -> None:
    marks: dict[str, str] = {}

    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        functions = app.query_one("#functions", CheckList)
        chosen = set(functions.selected)
        for index in range(functions.option_count):
            value = functions.get_option_at_index(index).value
            line = "".join(segment.text for segment in functions.render_line(index))
            marks[value] = line[:3]
        assert chosen == {"rd", "manufacturing", "trade"}

    drive(opened(kb, EXAMPLE), scenario)
    assert {marks[f] for f in ("rd", "manufacturing", "trade")} == {"▐X▌"}
    assert {mark for f, mark in marks.items() if f not in {"rd", "manufacturing", "trade"}} == {
        "▐ ▌"
    }


def test_ctrl_s_proposes_a_new_file_and_says_comments_are_not_kept(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    source = tmp_path / "client.yaml"
    shutil.copy(EXAMPLE, source)
    before = source.read_text(encoding="utf-8")

    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        assert app.screen.query_one("#save-path", Input).value == str(
            tmp_path / "client.edited.yaml"
        )
        note = str(app.screen.query_one("#save-note", Label).content)
        assert "comments" in note
        assert "not kept" in note
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SaveDialog)

    drive(opened(kb, source), scenario)
    assert source.read_text(encoding="utf-8") == before
    assert load_profile(tmp_path / "client.edited.yaml", kb).profile.name


def test_replacing_the_opened_file_takes_a_second_enter(kb: KnowledgeBase, tmp_path: Path) -> None:
    source = tmp_path / "client.yaml"
    shutil.copy(EXAMPLE, source)
    before = source.read_text(encoding="utf-8")

    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#save-path", Input).value = str(source)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        warning = str(app.screen.query_one("#save-error", Label).content)
        assert "exists" in warning
        assert "Enter again" in warning
        assert source.read_text(encoding="utf-8") == before
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SaveDialog)
        # The file it wrote itself is replaced on the next Ctrl+S without asking again.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#save-path", Input).value == str(source)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SaveDialog)

    drive(opened(kb, source), scenario)
    text = source.read_text(encoding="utf-8")
    assert text != before
    assert load_profile(source, kb).profile == load_profile(EXAMPLE, kb).profile
