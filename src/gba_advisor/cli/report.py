"""`gba-advisor report` (placeholder until implemented)."""

from __future__ import annotations

import typer


def report() -> None:
    """A client memo (not implemented yet)."""
    typer.echo("report is not implemented yet", err=True)
    raise typer.Exit(1)
