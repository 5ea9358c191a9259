"""A command's module is imported only when that command is chosen, and the static table the
root group lists them from says what the commands themselves say (issue 11, cold start)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer._click.core import Context
from typer.testing import CliRunner

from gba_advisor.cli.app import COMMANDS, LazyCommands, LazyGroup, app, build

EXAMPLE = "examples/tech_rd_loop_branches_nansha.yaml"
OTHERS = ("batch", "browse", "compare", "data", "explore", "init", "report", "schema")

RUNNER = """
import sys
sys.argv = ["gba-advisor", *sys.argv[1:]]
from gba_advisor.cli.app import main
try:
    main()
finally:
    loaded = sorted(m for m in sys.modules if m.startswith("gba_advisor") or m == "rich")
    sys.__stderr__.write("\\nLOADED " + " ".join(loaded) + "\\n")
"""


def loaded_after(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, *args],
        capture_output=True,
        text=True,
        env={"GBA_ADVISOR_CACHE": "off", "PATH": "", "COLUMNS": "100", "NO_COLOR": "1"},
        check=False,
    )
    line = done.stderr.rsplit("LOADED ", 1)[-1]
    return set(line.split())


@pytest.mark.parametrize(
    "args", [("match", "--help"), ("match", EXAMPLE, "--format", "json")], ids=" ".join
)
def test_match_imports_no_other_command(args: tuple[str, ...]) -> None:
    loaded = loaded_after(*args)
    assert "gba_advisor.cli.match" in loaded
    assert not {f"gba_advisor.cli.{name}" for name in OTHERS} & loaded


def test_the_command_list_imports_no_command() -> None:
    loaded = loaded_after("--help")
    assert "gba_advisor.cli.app" in loaded
    commands = {f"gba_advisor.cli.{entry.module}" for entry in COMMANDS.values()}
    assert not commands & loaded
    assert "gba_advisor.core.api" not in loaded
    assert not any(name.startswith("gba_advisor.core.kb") for name in loaded)


def test_the_version_needs_neither_a_command_nor_rich() -> None:
    loaded = loaded_after("--version")
    assert "rich" not in loaded
    assert not {f"gba_advisor.cli.{entry.module}" for entry in COMMANDS.values()} & loaded


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_table_summary_is_the_command_s_own(name: str) -> None:
    command = build(name)
    assert command.name == name
    assert (command.help or "").split("\n\n")[0] == COMMANDS[name].summary
    assert not command.hidden
    assert not command.deprecated
    assert not getattr(command, "rich_help_panel", None)
    assert command.short_help is None


def test_the_group_lists_the_table_in_order_and_builds_each_once() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, LazyGroup)
    ctx = Context(group)
    assert group.list_commands(ctx) == list(COMMANDS)
    first = group.get_command(ctx, "match")
    assert first is not None
    assert group.get_command(ctx, "match") is first
    assert group.get_command(ctx, "no-such-command") is None


def test_a_mistyped_command_is_still_answered_with_the_close_names() -> None:
    result = CliRunner().invoke(app, ["mach", "x"])
    assert result.exit_code == 2
    assert "No such command 'mach'. Did you mean 'match', 'batch'?" in result.stderr


def test_the_commands_mapping_names_every_command_before_building_any() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, LazyGroup)
    commands = group.commands
    assert isinstance(commands, LazyCommands)
    assert list(commands) == list(COMMANDS)
    assert "report" in commands
    assert not commands.is_loaded("report")
    assert commands["report"].name == "report"
    assert commands.is_loaded("report")
