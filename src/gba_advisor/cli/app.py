"""The `gba-advisor` command. Heavy modules are imported inside the commands that need them,
so `--help` and `--version` stay fast."""

from __future__ import annotations

from typing import Annotated

import typer

from gba_advisor import __version__
from gba_advisor.cli import batch, browse, compare, data, explore, init, report, schema
from gba_advisor.cli.match import match

app = typer.Typer(
    name="gba-advisor",
    help="Where in the Greater Bay Area to put each of an enterprise's operations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gba-advisor {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Score an enterprise profile against Hengqin, Qianhai, Nansha and the Loop."""


app.command(name="match")(match)
app.command(name="compare")(compare.compare)
app.command(name="explore")(explore.explore)
app.command(name="init")(init.init)
app.command(name="platforms")(browse.platforms)
app.command(name="sectors")(browse.sectors)
app.command(name="batch")(batch.batch)
app.command(name="schema")(schema.schema)
app.add_typer(data.app, name="data")
app.command(name="report")(report.report)


def main() -> None:
    app()
