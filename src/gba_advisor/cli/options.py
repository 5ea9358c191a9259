"""Option values shared by several commands."""

from __future__ import annotations

import datetime as dt

import typer


def parse_as_of(value: str | None) -> dt.date | None:
    """`--as-of YYYY-MM-DD`; a malformed date is a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2027-06-01") from None
