"""The `gba-advisor` command. Heavy modules are imported inside the commands that need them,
so `--help` and `--version` stay fast."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from gba_advisor.cli import batch, browse, compare, data, explore, init, match, report, schema
from gba_advisor.cli.helpdoc import CONTEXT, Command, Group, examples
from gba_advisor.cli.options import Version

EXAMPLES = examples(
    ("where to put each of a client's operations", "gba-advisor match client.yaml"),
    ("start a profile", "gba-advisor init client.yaml"),
    ("try it out on the screen", "gba-advisor explore client.yaml"),
    ("the memo for the client", "gba-advisor report client.yaml -o memo.html"),
    ("help on one command", "gba-advisor match -h"),
)

app = typer.Typer(
    name="gba-advisor",
    help="Where in the Greater Bay Area to put each of an enterprise's operations.",
    epilog=EXAMPLES,
    cls=Group,
    context_settings=CONTEXT,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
)


@app.callback()
def root(version: Version = False) -> None:
    """Score an enterprise profile against Hengqin, Qianhai, Nansha and the Loop."""


def _add(name: str, function: Callable[..., Any], epilog: str) -> None:
    app.command(name=name, cls=Command, epilog=epilog)(function)


_add("match", match.match, match.EXAMPLES)
_add("compare", compare.compare, compare.EXAMPLES)
_add("explore", explore.explore, explore.EXAMPLES)
_add("init", init.init, init.EXAMPLES)
_add("platforms", browse.platforms, browse.PLATFORMS_EXAMPLES)
_add("sectors", browse.sectors, browse.SECTORS_EXAMPLES)
_add("batch", batch.batch, batch.EXAMPLES)
_add("schema", schema.schema, schema.EXAMPLES)
app.add_typer(data.app, name="data")
_add("report", report.report, report.EXAMPLES)


def main() -> None:
    app()
