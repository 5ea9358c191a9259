"""Every command teaches itself: `-h` and `--help` with examples and grouped options, readable
placeholders, whole summaries, and `--version` wherever it is typed.

The commands are found by walking the app (as sqlite-utils' test does), so a command added
later is checked without touching this file.
"""

from __future__ import annotations

import re

import pytest
import typer
from typer._click.core import Command, Context
from typer.core import TyperGroup
from typer.testing import CliRunner

from gba_advisor import __version__
from gba_advisor.cli.app import app

PYTHON_TYPES = re.compile(r"<(?:str|int|float|bool|path|list\[[^>]*\]|int range|float range)>")


def _subcommands(command: object) -> dict[str, Command]:
    """A group's commands as a user reaches them (the root imports each one when asked)."""
    if not isinstance(command, TyperGroup):
        return {}
    ctx = Context(command)
    found = {name: command.get_command(ctx, name) for name in command.list_commands(ctx)}
    return {name: sub for name, sub in found.items() if sub is not None}


def _paths(command: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, sub in sorted(_subcommands(command).items()):
        if not sub.hidden:
            found.extend(_paths(sub, (*prefix, name)))
    return found


COMMANDS = _paths(typer.main.get_command(app))


def run(*args: str, columns: int = 100) -> tuple[int, str, str]:
    env = {"COLUMNS": str(columns), "NO_COLOR": "1", "TERMINAL_WIDTH": str(columns)}
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(path) for path in COMMANDS}
    assert names >= {
        "",
        "match",
        "compare",
        "explore",
        "init",
        "platforms",
        "sectors",
        "batch",
        "schema",
        "report",
        "data",
        "data check",
        "data init",
    }


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "gba-advisor")
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_shows_usage_and_an_example_of_the_command(path: tuple[str, ...], flag: str) -> None:
    code, out, err = run(*path, flag)
    assert (code, err) == (0, ""), err
    command = " ".join(("gba-advisor", *path))
    assert f"Usage: {command} " in out
    assert "Examples" in out
    assert f"$ {command}" in out, "no example uses the command itself"


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "gba-advisor")
def test_help_shows_no_python_types_and_no_braces(path: tuple[str, ...]) -> None:
    _, out, _ = run(*path, "-h")
    assert not PYTHON_TYPES.findall(out)
    usage = next(line for line in out.splitlines() if "Usage:" in line)
    assert "{" not in usage


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "gba-advisor")
def test_version_works_on_every_command(path: tuple[str, ...]) -> None:
    code, out, err = run(*path, "--version")
    assert (code, out, err) == (0, f"gba-advisor {__version__}\n", "")


def test_version_comes_first_even_with_the_arguments_missing_or_wrong() -> None:
    assert run("match", "--version")[0] == 0
    assert run("report", "no-such-file.yaml", "--version", "--format", "pdf")[:2] == (
        0,
        f"gba-advisor {__version__}\n",
    )


def test_the_command_list_shows_each_summary_whole() -> None:
    _, out, _ = run("-h")
    flowing = " ".join(re.sub(r"[│╭╮╰╯─]", " ", out).split())
    for name, command in _subcommands(typer.main.get_command(app)).items():
        summary = " ".join((command.help or "").split("\n\n")[0].split())
        assert f"{name} {summary}" in flowing
    assert "..." not in out.replace("[ARGS]...", "")


def _panel(out: str, title: str) -> str:
    """The text of the help panel with this title."""
    match = re.search(rf"╭─ {title} ─+╮\n(.*?)╰", out, re.S)
    assert match is not None, f"no {title} panel"
    return match.group(1)


def test_match_groups_its_options_in_panels() -> None:
    _, out, _ = run("match", "-h", columns=120)
    assert "--format" in _panel(out, "Output")
    assert "--explain" in _panel(out, "Output")
    assert "--max-sites" in _panel(out, "Constraints")
    assert "--exclude" in _panel(out, "Constraints")
    assert "--data-dir" in _panel(out, "Knowledge base")
    assert "--as-of" in _panel(out, "Knowledge base")
    robustness = _panel(out, "Robustness")
    for option in ("--robustness", "--seed", "--draws"):
        assert option in robustness
    assert "--seed" not in _panel(out, "Options")


def test_placeholders_say_what_to_type() -> None:
    _, out, _ = run("match", "-h", columns=120)
    assert "Usage: gba-advisor match [OPTIONS] PROFILE" in out
    for placeholder in ("--exclude          ID", "--max-sites        N", "--as-of           DATE"):
        assert re.sub(r" +", " ", placeholder) in re.sub(r" +", " ", out)


def test_a_usage_error_stays_one_plain_line_for_scripts() -> None:
    code, out, err = run("match", "--formt", "json")
    assert (code, out) == (2, "")
    assert "Error: No such option: --formt" in err
    assert "╭" not in err
    assert "Try 'gba-advisor match -h' for help." in err


@pytest.mark.parametrize(
    "args",
    [
        ("match", "examples/macao_tcm.yaml", "--exclude", "hengqing"),
        ("report", "examples/macao_tcm.yaml", "--exclude", "hengqing"),
        ("compare", "hengqn"),
        ("platforms", "hengqn"),
    ],
)
def test_a_mistyped_platform_id_on_the_command_line_is_a_usage_error(
    args: tuple[str, ...],
) -> None:
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert "did you mean `hengqin`?" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["match", "examples/macao_tcm.yaml", "--format", "xml"], "'xml' is not one of: table"),
        (["report", "examples/macao_tcm.yaml", "-o", "m.html", "--lang", "xx"], "'xx' is not one"),
        (["data", "check", "--format", "xml"], "'xml' is not one of: text, json"),
    ],
)
def test_a_bad_choice_is_a_plain_sentence_without_validator_words(
    args: list[str], expected: str
) -> None:
    result = CliRunner().invoke(app, args)

    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Value error" not in result.stderr
