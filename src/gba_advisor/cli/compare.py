"""`gba-advisor compare`: platforms side by side (placeholder until implemented)."""

from __future__ import annotations

import typer


def compare() -> None:
    """Platforms side by side; with a profile, their fit to it (not implemented yet)."""
    typer.echo("compare is not implemented yet", err=True)
    raise typer.Exit(1)
