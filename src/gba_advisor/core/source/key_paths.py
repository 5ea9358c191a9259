"""Where a value sits in a document: its key path, how it is written for a reader, and the
bounds any document is read within."""

from __future__ import annotations

KeyPath = tuple[str | int, ...]

MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_INT_DIGITS = 4_300
"""Python's own limit for turning an integer into text: a longer one could not even be shown."""


def format_key_path(key_path: KeyPath) -> str:
    """`("constraints", "pin", "rd")` -> `constraints.pin.rd`; list indices as `[2]`."""
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
