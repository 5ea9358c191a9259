"""`gba-advisor schema` (placeholder until implemented)."""

from __future__ import annotations

import typer


def schema() -> None:
    """Print a JSON Schema (not implemented yet)."""
    typer.echo("schema is not implemented yet", err=True)
    raise typer.Exit(1)
