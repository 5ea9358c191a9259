"""Whether a person is at the keyboard, for the commands that need one.

`explore` and `init --interactive` read keys or answers; piped or in CI they would hang or
crash. They call `require_terminal` first, which stops at once with a message and exit code 2.
Tests replace `is_interactive` to drive them through Typer's runner.
"""

from __future__ import annotations

import sys

import typer

from gba_advisor.core.errors import ExitCode


def is_interactive() -> bool:
    """Both standard input and standard output are terminals."""
    return _isatty(sys.stdin) and _isatty(sys.stdout)


def _isatty(stream: object) -> bool:
    check = getattr(stream, "isatty", None)
    return bool(check and check())


def require_terminal(what: str, instead: str) -> None:
    """Exit 2 with a message on stderr unless a terminal is attached; `instead` says what to do."""
    if is_interactive():
        return
    typer.echo(f"error: {what} needs a terminal (stdin and stdout), and there is none", err=True)
    typer.echo(f"  hint: {instead}", err=True)
    raise typer.Exit(int(ExitCode.USAGE))
