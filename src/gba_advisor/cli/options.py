"""Option values shared by several commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer


def parse_as_of(value: str | None) -> dt.date | None:
    """`--as-of YYYY-MM-DD`; a malformed date is a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2027-06-01") from None


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
