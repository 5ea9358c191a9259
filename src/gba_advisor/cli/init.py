"""`gba-advisor init [PATH]`: write a commented example profile, or ask for it field by field."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gba_advisor.cli.guard import guarded
from gba_advisor.cli.helpdoc import examples
from gba_advisor.cli.options import DataDir, Version
from gba_advisor.cli.output import write_text_file
from gba_advisor.core.errors import ExitCode
from gba_advisor.render.text import printable

if TYPE_CHECKING:
    from gba_advisor.core.kb.knowledge_base import KnowledgeBase

STDOUT = "-"
INTERRUPTED = 130
"""The shell's code for a command stopped by Ctrl-C."""


EXAMPLES = examples(
    ("a commented example profile to edit", "gba-advisor init client.yaml"),
    ("answer questions instead", "gba-advisor init client.yaml --interactive"),
    ("print it", "gba-advisor init -"),
)


def init(
    path: Annotated[
        str, typer.Argument(help="Where to write the profile (`-` for stdout).", metavar="PATH")
    ] = "profile.yaml",
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Ask for each field in turn.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists.")] = False,
    data_dir: DataDir = None,
    version: Version = False,
) -> None:
    """Write a commented example profile; with --interactive, ask for each field in turn."""
    if interactive:
        from gba_advisor.cli.terminal import require_terminal

        require_terminal("init --interactive", "run `gba-advisor init PATH` and edit the file")
    target = None if path == STDOUT else Path(path)
    with guarded():
        from gba_advisor.core.kb.cache import load_knowledge_base_cached
        from gba_advisor.core.source.files import check_target

        if target is not None:
            check_target(target, force=force)
        from gba_advisor.core.profile.writer import EXAMPLE, profile_to_yaml

        knowledge_base = load_knowledge_base_cached(data_dir)
        data = _answers(knowledge_base) if interactive else EXAMPLE
        text = profile_to_yaml(data, knowledge_base.platform_ids)
        if target is None:
            from gba_advisor.cli.output import writing_stdout

            with writing_stdout():
                sys.stdout.write(text)
            return
        write_text_file(target, text, "profile")
        shown = printable(shlex.quote(str(target)))
        typer.echo(
            f"wrote {printable(str(target))}; next: gba-advisor match {shown}"
            f"  (or: explore {shown})"
        )


def _answers(knowledge_base: KnowledgeBase) -> dict[str, Any]:
    from rich.console import Console

    from gba_advisor.cli.questionnaire import ask_profile

    try:
        return ask_profile(Console(highlight=False, emoji=False), knowledge_base)
    except EOFError:
        typer.echo("\nerror: the input ended before every question was answered", err=True)
        typer.echo("  nothing was written", err=True)
        raise typer.Exit(int(ExitCode.USAGE)) from None
    except KeyboardInterrupt:
        typer.echo("\ninterrupted; nothing was written", err=True)
        raise typer.Exit(INTERRUPTED) from None
