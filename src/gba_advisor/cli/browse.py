"""`gba-advisor platforms` and `gba-advisor sectors` (placeholders until implemented)."""

from __future__ import annotations

import typer


def platforms() -> None:
    """List the platforms (not implemented yet)."""
    typer.echo("platforms is not implemented yet", err=True)
    raise typer.Exit(1)


def sectors() -> None:
    """Search the sectors (not implemented yet)."""
    typer.echo("sectors is not implemented yet", err=True)
    raise typer.Exit(1)
