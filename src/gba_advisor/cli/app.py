"""The `gba-advisor` command. Heavy modules are imported inside the commands that need them,
so `--help` and `--version` stay fast.

Each subcommand's module is imported only when that command is chosen: the group knows every
command by a static table (name, module, function, examples, summary), lists them from it in
`--help` and shell completion, and builds a command with Typer the first time it is looked up,
exactly as `app.command(...)` / `app.add_typer(...)` would have at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

import typer
from typer.core import TyperCommand

from gba_advisor.cli.helpdoc import CONTEXT, Command, Group, examples
from gba_advisor.cli.options import Version

EXAMPLES = examples(
    ("where to put each of a client's operations", "gba-advisor match client.yaml"),
    ("start a profile", "gba-advisor init client.yaml"),
    ("try it out on the screen", "gba-advisor explore client.yaml"),
    ("the memo for the client", "gba-advisor report client.yaml -o memo.html"),
    ("help on one command", "gba-advisor match -h"),
)


@dataclass(frozen=True)
class Entry:
    """A subcommand as the group lists it before importing it."""

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


class LazyGroup(Group):
    """The root group: lists its commands from `COMMANDS`, imports one when it is chosen."""

    _summaries = False

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.commands, *(name for name in COMMANDS if name not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            if self._summaries:
                # Help and completion only read the name and summary: no import for those.
                return TyperCommand(cmd_name, help=COMMANDS[cmd_name].summary)
            self.commands[cmd_name] = build(cmd_name)
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
    app()
