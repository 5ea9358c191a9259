"""`gba-advisor explore` (placeholder until implemented)."""

from __future__ import annotations

import typer


def explore() -> None:
    """Interactive explorer (not implemented yet)."""
    typer.echo("explore is not implemented yet", err=True)
    raise typer.Exit(1)
