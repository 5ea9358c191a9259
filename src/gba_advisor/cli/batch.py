"""`gba-advisor batch` (placeholder until implemented)."""

from __future__ import annotations

import typer


def batch() -> None:
    """Many profiles to JSON Lines (not implemented yet)."""
    typer.echo("batch is not implemented yet", err=True)
    raise typer.Exit(1)
