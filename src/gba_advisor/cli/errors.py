"""Errors rendered once, at the edge: where, the offending line with a caret, hint, suggestion."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from gba_advisor.core.errors import AdvisorError, Location
from gba_advisor.render.text import printable

MAX_RELATED = 20


def format_error(error: AdvisorError) -> str:
    """The whole message for an error and the further problems found with it."""
    blocks = [_one(error)]
    related = error.related[:MAX_RELATED]
    blocks.extend(_one(other) for other in related)
    if len(error.related) > MAX_RELATED:
        blocks.append(f"... and {len(error.related) - MAX_RELATED} more problems")
    return "\n".join(blocks)


def _one(error: AdvisorError) -> str:
    where = f"{error.location}: " if error.location else ""
    lines = [f"error: {printable(where)}{printable(error.message)}"]
    location = error.location
    if location is not None and location.field:
        lines.append(f"  field: {printable(location.field)}")
    excerpt = _excerpt(location) if location is not None else None
    if excerpt:
        lines.extend(excerpt)
    if error.hint:
        lines.append(f"  hint: {printable(error.hint)}")
    if error.suggestion:
        lines.append(f"  did you mean `{printable(error.suggestion)}`?")
    return "\n".join(lines)


def _excerpt(location: Location) -> list[str] | None:
    """The offending line with a caret under the column, when the file can be read cheaply."""
    if location.line is None:
        return None
    path = Path(location.file)
    try:
        if not path.is_file() or path.stat().st_size > 5 * 1024 * 1024:
            return None
        with path.open(encoding="utf-8", errors="replace") as handle:
            text = next(
                (line for number, line in enumerate(handle, 1) if number == location.line), None
            )
        if text is None:
            return None
    except OSError:
        return None
    text = printable(text.rstrip("\n"))[:200]
    gutter = f"  {location.line:>4} | "
    lines = [gutter + text]
    if location.column is not None:
        lines.append(" " * (len(gutter) + location.column - 1) + "^")
    return lines


def report(error: AdvisorError, stream: TextIO | None = None) -> None:
    print(format_error(error), file=stream or sys.stderr)
