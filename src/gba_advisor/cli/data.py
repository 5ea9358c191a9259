"""`gba-advisor data check|init` (placeholders until implemented)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Check or copy a knowledge base.", no_args_is_help=True)


@app.command()
def check() -> None:
    """Validate a knowledge base (not implemented yet)."""
    typer.echo("data check is not implemented yet", err=True)
    raise typer.Exit(1)


@app.command()
def init() -> None:
    """Copy the shipped knowledge base (not implemented yet)."""
    typer.echo("data init is not implemented yet", err=True)
    raise typer.Exit(1)
