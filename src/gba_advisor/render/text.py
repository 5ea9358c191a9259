"""Making user-supplied text safe to show: control characters become visible escapes, and
Markdown syntax is escaped in a table cell."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`\\x1b[2J` stays on screen as text instead of clearing it."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def cell(text: str) -> str:
    """Escape what Markdown tables and inline markup would read as syntax."""
    escaped = printable(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    for char in "*_`[]<>":
        escaped = escaped.replace(char, "\\" + char)
    return escaped
