"""Option values shared by several commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

LATEST_AS_OF = dt.date(9989, 12, 31)
"""The last date an incentive's validity can be judged on: the expiry horizon reaches up to
3,650 days (`expiry_warning_days`) past it, and Python's dates end on 9999-12-31."""


def parse_as_of(value: str | None) -> dt.date | None:
    """`--as-of YYYY-MM-DD`; a malformed or out-of-range date is a usage error (exit 2).

    The one parser every command's `--as-of` goes through (match, report, batch, compare,
    explore, platforms, data check).
    """
    if value is None:
        return None
    shown = repr(value if len(value) <= 40 else value[:37] + "...")
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{shown} is not a date like 2027-06-01") from None
    if date > LATEST_AS_OF:
        raise typer.BadParameter(
            f"{shown} is too far in the future: the latest date is {LATEST_AS_OF.isoformat()}"
        )
    return date


MaxSites = Annotated[
    int | None, typer.Option("--max-sites", min=1, help="At most this many platforms.")
]
Exclude = Annotated[
    list[str] | None, typer.Option("--exclude", help="A platform not to use (repeatable).")
]
DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help="Knowledge base folder (default: $GBA_ADVISOR_DATA or shipped)."
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="Date for incentive validity, YYYY-MM-DD (default: today)."),
]
