"""The explorer driven by key presses: every number it shows is the core's for the same profile."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static
from typer.testing import CliRunner

from gba_advisor.cli.app import app as app_cli
from gba_advisor.core.api import Advisor, load_knowledge_base, load_profile
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.profile.writer import schema_line
from gba_advisor.core.result.model import AdvisorResult
from gba_advisor.core.vocabulary import FunctionId, Priority
from gba_advisor.tui.app import ExplorerApp, build_app
from gba_advisor.tui.compare_view import CompareScreen
from gba_advisor.tui.dialogs import HelpScreen, SaveDialog

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "macao_tcm.yaml"
AS_OF = dt.date(2026, 11, 26)
RESEARCH = list(Priority).index(Priority.RESEARCH)
TAX = list(Priority).index(Priority.TAX)
BIOTECH = ROOT / "examples" / "hk_biotech_startup.yaml"

Scenario = Callable[[ExplorerApp, Pilot[None]], Awaitable[None]]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def explorer(kb: KnowledgeBase, path: Path = EXAMPLE) -> ExplorerApp:
    return build_app(kb, AS_OF, load_profile(path, kb), path)


def drive(app: ExplorerApp, scenario: Scenario, size: tuple[int, int] = (80, 24)) -> None:
    async def run() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(run())


def advise_file(kb: KnowledgeBase, path: Path) -> AdvisorResult:
    return Advisor(kb, AS_OF).advise(load_profile(path, kb))


def edited_example(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """The example profile with one change, written as a file, for the core to score."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "edited.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def shown_ranking(app: ExplorerApp) -> list[str]:
    ranking = app.query_one("#ranking", OptionList)
    return [str(ranking.get_option_at_index(i).id) for i in range(ranking.option_count)]


def plain(widget: Static) -> str:
    console = Console(file=io.StringIO(), width=200, record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


def test_the_first_screen_shows_what_match_computes(kb: KnowledgeBase) -> None:
    expected = advise_file(kb, EXAMPLE)

    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        assert shown_ranking(app) == [e.platform for e in expected.ranking]
        assert app.evaluation.result == expected
        shown = plain(app.query_one("#layout", Static))
        assert "Hengqin: R&D" in shown
        for function, platform in expected.layout.assignments.items():
            score = next(e.score for e in expected.by_function[function] if e.platform == platform)
            assert f"{score:.1f}" in shown

    drive(explorer(kb), scenario)


def test_raising_a_priority_moves_the_ranking_as_the_core_says(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    # The Hong Kong biotech start-up: raising tax from 3 to 5 puts Nansha's incentives ahead.
    start = tmp_path / "start.yaml"
    start.write_text(BIOTECH.read_text(encoding="utf-8"), encoding="utf-8")
    before = [e.platform for e in advise_file(kb, start).ranking]
    data = yaml.safe_load(BIOTECH.read_text(encoding="utf-8"))
    data["priorities"]["tax"] = 5
    raised = tmp_path / "raised.yaml"
    raised.write_text(yaml.safe_dump(data), encoding="utf-8")
    after = [e.platform for e in advise_file(kb, raised).ranking]
    assert before != after, "the scenario must be one where the ranking moves"

    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        assert shown_ranking(app) == before
        app.set_focus(app.query_one("#priorities"))
        await pilot.press(*["down"] * TAX, "right", "right")
        await pilot.pause()
        assert app.session.data["priorities"]["tax"] == 5
        assert shown_ranking(app) == after
        assert [e.platform for e in app.evaluation.result.ranking] == after

    drive(explorer(kb, start), scenario)


def test_priorities_stay_within_0_and_5(kb: KnowledgeBase) -> None:
    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        app.set_focus(app.query_one("#priorities"))
        await pilot.press("right", "right", "right", "right")
        assert app.session.data["priorities"]["tax"] == 5
        await pilot.press("0", "left")
        assert app.session.data["priorities"]["tax"] == 0

    drive(explorer(kb), scenario)


def test_ticking_a_function_adds_it_to_the_layout(kb: KnowledgeBase, tmp_path: Path) -> None:
    with_hq = edited_example(tmp_path, lambda d: d["functions"].append("headquarters"))
    expected = advise_file(kb, with_hq).layout

    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        assert app.evaluation.result is not None
        assert FunctionId.HEADQUARTERS not in app.evaluation.result.layout.assignments
        app.set_focus(app.query_one("#functions"))
        await pilot.press("down", "space")
        await pilot.pause()
        layout = app.evaluation.result.layout
        assert layout.assignments == expected.assignments
        assert FunctionId.HEADQUARTERS in layout.assignments
        assert "headquarters" in plain(app.query_one("#layout", Static))

    drive(explorer(kb), scenario)


def test_unticking_every_function_shows_the_error_and_keeps_going(kb: KnowledgeBase) -> None:
    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        app.set_focus(app.query_one("#functions"))
        await pilot.press("space", "down", "down", "space", "down", "down", "space")
        await pilot.pause()
        assert app.session.data["functions"] == []
        assert app.evaluation.result is None
        status = app.query_one("#status", Static)
        assert status.has_class("-error")
        assert "functions" in plain(status)
        await pilot.press("space")
        await pilot.pause()
        assert app.evaluation.result is not None

    drive(explorer(kb), scenario)


def test_typing_a_sector_searches_and_enter_takes_a_hit(kb: KnowledgeBase) -> None:
    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        sector = app.query_one("#sector", Input)
        app.set_focus(sector)
        await pilot.press("ctrl+u", *"biotek")
        await pilot.pause()
        hits = app.query_one("#sector-hits", OptionList)
        found = [str(hits.get_option_at_index(i).id) for i in range(hits.option_count)]
        assert found[:2] == ["biotechnology", "biotechnology_and_medicine"]
        app.set_focus(hits)
        await pilot.press("home", "enter")
        await pilot.pause()
        assert sector.value == "biotechnology"
        assert app.evaluation.result is not None
        assert app.evaluation.result.profile.sector == "biotechnology"

    drive(explorer(kb), scenario)


def test_save_writes_a_profile_that_match_loads_back(kb: KnowledgeBase, tmp_path: Path) -> None:
    target = tmp_path / "saved.yaml"

    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        app.set_focus(app.query_one("#priorities"))
        await pilot.press(*["down"] * RESEARCH, "5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        app.screen.query_one("#save-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SaveDialog)
        assert app.path == target
        assert app.evaluation.profile is not None
        assert load_profile(target, kb).profile == app.evaluation.profile
        assert app.evaluation.result is not None
        assert advise_file(kb, target).to_dict() == app.evaluation.result.to_dict()

    drive(explorer(kb), scenario)
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == schema_line()
    assert "research: 5" in text
    reopened = explorer(kb, target)
    assert reopened.session.evaluation.result == advise_file(kb, target)


def test_save_refuses_a_folder_and_says_so(kb: KnowledgeBase, tmp_path: Path) -> None:
    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#save-path", Input).value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        assert "is a folder" in plain(app.screen.query_one("#save-error", Static))
        await pilot.press("escape")
        assert not isinstance(app.screen, SaveDialog)

    drive(explorer(kb), scenario)
    assert list(tmp_path.iterdir()) == []


def test_compare_shows_two_platforms_with_the_cores_winners(kb: KnowledgeBase) -> None:
    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        await pilot.press("down", "c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.first, screen.second) == ("nansha", "hengqin")
        text = plain(screen.query_one("#table", Static))
        assert "Nansha" in text
        assert "Hengqin" in text
        assert "Qianhai" not in text
        comparison = app.session.compare(("nansha", "hengqin"))
        assert comparison.fit is not None
        overall = comparison.fit.rows[0]
        assert overall.winners == ("hengqin",)
        await pilot.press("s")
        assert (screen.first, screen.second) == ("hengqin", "nansha")
        await pilot.press("escape")
        assert not isinstance(app.screen, CompareScreen)

    drive(explorer(kb), scenario)


def test_help_opens_on_question_mark_and_closes(kb: KnowledgeBase) -> None:
    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    drive(explorer(kb), scenario)


def test_without_a_profile_it_starts_from_the_example(kb: KnowledgeBase) -> None:
    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        assert app.evaluation.result is not None
        assert app.evaluation.result.profile.name == "Helix Biotech"

    drive(build_app(kb, AS_OF), scenario)


def test_a_knowledge_base_of_two_platforms_works(tiny_kb: KnowledgeBase) -> None:
    data = {"name": "T", "home": "mainland", "sector": "ai", "functions": ["rd", "trade"]}

    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        assert sorted(shown_ranking(app)) == ["alpha", "beta"]
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)

    drive(build_app(tiny_kb, AS_OF, data), scenario)


def test_explore_without_a_terminal_stops_at_once() -> None:
    result = CliRunner().invoke(app_cli, ["explore", str(EXAMPLE)], env={"NO_COLOR": "1"})
    assert (result.exit_code, result.stdout) == (2, "")
    assert "explore needs a terminal" in result.stderr
    assert "gba-advisor match PROFILE" in result.stderr


def test_explore_reports_a_bad_profile_before_starting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("gba_advisor.cli.terminal.is_interactive", lambda: True)
    profile = tmp_path / "p.yaml"
    profile.write_text("name: X\nhome: mainland\nsector: ai\nfuctions: [rd]\n", encoding="utf-8")
    result = CliRunner().invoke(app_cli, ["explore", str(profile)], env={"NO_COLOR": "1"})
    assert (result.exit_code, result.stdout) == (3, "")
    assert "unknown field `fuctions`" in result.stderr


def test_secondary_sectors_are_read_as_a_list(kb: KnowledgeBase, tmp_path: Path) -> None:
    two = edited_example(tmp_path, lambda d: d.update(secondary_sectors=["health food", "AI"]))
    expected = advise_file(kb, two)

    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        app.set_focus(app.query_one("#secondary_sectors", Input))
        await pilot.press("end", *", AI")
        await pilot.pause()
        assert app.session.data["secondary_sectors"] == ["health food", "AI"]
        assert app.evaluation.result is not None
        assert app.evaluation.result.to_dict()["ranking"] == expected.to_dict()["ranking"]

    drive(explorer(kb), scenario)


def test_markup_in_a_platform_name_is_shown_literally(tmp_path: Path) -> None:
    data = ROOT / "data"
    for name in ("sectors.yaml", "sources.yaml", "rules.yaml"):
        (tmp_path / name).write_text((data / name).read_text(encoding="utf-8"), encoding="utf-8")
    platforms = yaml.safe_load((data / "platforms.yaml").read_text(encoding="utf-8"))
    platforms["platforms"][0]["short_name"]["en"] = "[bold]Heng[/] [/x]"
    (tmp_path / "platforms.yaml").write_text(
        yaml.safe_dump(platforms, allow_unicode=True), encoding="utf-8"
    )
    hostile = load_knowledge_base(tmp_path)

    async def scenario(app: ExplorerApp, pilot: Pilot[None]) -> None:
        assert app.evaluation.result is not None
        assert "[bold]Heng[/] [/x]" in plain(app.query_one("#layout", Static))
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert "[/x]" in plain(app.screen.query_one("#table", Static))

    drive(build_app(hostile, AS_OF, load_profile(EXAMPLE, hostile), EXAMPLE), scenario)
