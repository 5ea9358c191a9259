"""The `gba-advisor` command. Heavy modules are imported inside the commands that need them,
so `--help` and `--version` stay fast.

Each subcommand's module is imported only when that command is chosen: the group knows every
command by a static table (name, module, function, examples, summary), lists them from it in
`--help` and shell completion, and builds a command with Typer the first time it is looked up,
exactly as `app.command(...)` / `app.add_typer(...)` would have at start-up.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from importlib import import_module
from typing import Any, NamedTuple

import typer
from typer.core import TyperCommand

from gba_advisor.cli import collector
from gba_advisor.cli.helpdoc import CONTEXT, Command, Group, examples
from gba_advisor.cli.options import Version

EXAMPLES = examples(
    ("where to put each of a client's operations", "gba-advisor match client.yaml"),
    ("start a profile", "gba-advisor init client.yaml"),
    ("try it out on the screen", "gba-advisor explore client.yaml"),
    ("the memo for the client", "gba-advisor report client.yaml -o memo.html"),
    ("help on one command", "gba-advisor match -h"),
)


class Entry(NamedTuple):
    """A subcommand as the group lists it before importing it (a named tuple: a frozen
    dataclass compiles its methods with `exec`: half a millisecond of every start)."""

    module: str
    """The module under `gba_advisor.cli` that defines it."""
    function: str
    """The command's function, or `app` for a Typer sub-application (a group of commands)."""
    epilog: str
    """The module's examples (the command's epilog); unused for a sub-application."""
    summary: str
    """The first paragraph of its help, as `--help` and shell completion show it (a test
    checks that it matches the command's own)."""


COMMANDS: dict[str, Entry] = {
    "match": Entry(
        "match",
        "match",
        "EXAMPLES",
        "Rank the platforms for each function and overall, recommend the layout, explain it.",
    ),
    "compare": Entry(
        "compare",
        "compare",
        "EXAMPLES",
        "Platforms side by side; with a profile, their fit to it criterion by criterion.",
    ),
    "explore": Entry(
        "explore",
        "explore",
        "EXAMPLES",
        "Interactive: edit the profile, watch ranking and layout change, compare platforms.",
    ),
    "init": Entry(
        "init",
        "init",
        "EXAMPLES",
        "Write a commented example profile; with --interactive, ask for each field in turn.",
    ),
    "platforms": Entry(
        "browse",
        "platforms",
        "PLATFORMS_EXAMPLES",
        "List the platforms; with an ID, show that one in full, with its sources.",
    ),
    "sectors": Entry(
        "browse",
        "sectors",
        "SECTORS_EXAMPLES",
        "Fuzzy search of the sectors by id, English or Chinese name and alias, with the score.",
    ),
    "batch": Entry(
        "batch",
        "batch",
        "EXAMPLES",
        "Advise many profiles (JSON Lines, CSV or a folder of YAML) to JSON Lines or CSV.",
    ),
    "schema": Entry(
        "schema",
        "schema",
        "EXAMPLES",
        "Print the JSON Schema of the profile format, the JSON result or a batch line.",
    ),
    "report": Entry(
        "report",
        "report",
        "EXAMPLES",
        "A client memo (HTML or Markdown, English or Chinese) with robustness and counterfactuals.",
    ),
    "data": Entry("data", "app", "", "Check or copy a knowledge base."),
}
"""Every subcommand, in the order `--help` lists them (Typer lists its groups last)."""

SETTINGS: dict[str, Any] = {
    "name": "gba-advisor",
    "help": "Where in the Greater Bay Area to put each of an enterprise's operations.",
    "epilog": EXAMPLES,
    "context_settings": CONTEXT,
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
}
"""The root application's settings, shared with the throwaway one that builds a subcommand."""


def build(name: str) -> Any:
    """The click command Typer makes for subcommand `name`, importing only its module."""
    entry = COMMANDS[name]
    module = import_module(f"gba_advisor.cli.{entry.module}")
    holder = typer.Typer(**SETTINGS)
    defined = getattr(module, entry.function)
    if entry.function == "app":
        holder.add_typer(defined, name=name)
    else:
        holder.command(name=name, cls=Command, epilog=getattr(module, entry.epilog))(defined)
    return typer.main.get_group(holder).commands[name]


class LazyCommands(MutableMapping[str, Any]):
    """A group's `commands`: every name in `COMMANDS` is a key from the start, and a command
    is built (its module imported) the first time its value is asked for."""

    def __init__(self, loaded: Mapping[str, Any]) -> None:
        self._names = [*COMMANDS, *(name for name in loaded if name not in COMMANDS)]
        self._loaded = dict(loaded)

    def is_loaded(self, name: str) -> bool:
        return name in self._loaded

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            if name not in self._names:
                raise KeyError(name)
            self._loaded[name] = build(name)
        return self._loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        if name not in self._names:
            self._names.append(name)
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._loaded.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)


class LazyGroup(Group):
    """The root group: knows its commands from `COMMANDS`, imports one when it is chosen.

    Help and shell completion read only each command's name and summary, so while they list
    the commands a command not yet built is shown by a stand-in carrying its summary."""

    _summaries = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands(self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        commands = self.commands
        lazy = isinstance(commands, LazyCommands) and not commands.is_loaded(cmd_name)
        if self._summaries and lazy and cmd_name in COMMANDS:
            return TyperCommand(cmd_name, help=COMMANDS[cmd_name].summary)
        return super().get_command(ctx, cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._summaries = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._summaries = False

    def shell_complete(self, ctx: Any, incomplete: str) -> Any:
        self._summaries = True
        try:
            return super().shell_complete(ctx, incomplete)
        finally:
            self._summaries = False


app = typer.Typer(**SETTINGS, cls=LazyGroup, add_completion=True)


@app.callback()
def root(version: Version = False) -> None:
    """Score an enterprise profile against Hengqin, Qianhai, Nansha and the Loop."""


def main() -> None:
    """The program (the console script, `python -m gba_advisor`): the collector is paused while
    the command runs and kept off the objects alive at exit (`collector`)."""
    collector.pause()
    try:
        app()
    finally:
        collector.at_exit()
