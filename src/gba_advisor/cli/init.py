"""`gba-advisor init` (placeholder until implemented)."""

from __future__ import annotations

import typer


def init() -> None:
    """Write an example profile (not implemented yet)."""
    typer.echo("init is not implemented yet", err=True)
    raise typer.Exit(1)
