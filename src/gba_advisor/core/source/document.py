"""Safe YAML (and JSON) loading that remembers where every value was written.

PyYAML's safe constructor loses positions, so the document is composed into nodes and built
by `yaml_nodes`, recording the line and column of each value under its key path. That lets a
pydantic error at `("constraints", "pin", "rd")` be reported as `profile.yaml:14:8`. Building
the nodes ourselves also bounds the work: aliases are expanded against a budget (no billion
laughs), nesting is capped, and only the standard YAML tags are accepted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from pathlib import Path
from typing import Any

from gba_advisor.core.errors import AdvisorError, InputError, Location
from gba_advisor.core.frozen import frozen
from gba_advisor.core.source.key_paths import (
    MAX_DEPTH,
    MAX_INT_DIGITS,
    MAX_NODES,
    KeyPath,
    format_key_path,
)
from gba_advisor.core.source.text_file import STDIN, read_text

__all__ = [
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "MAX_NODES",
    "Document",
    "KeyPath",
    "format_key_path",
    "load_document",
    "parse_document",
]


@frozen
class Document:
    """A loaded document: its data and the position of every value by key path."""

    path: str
    data: Any
    positions: Mapping[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: Mapping[KeyPath, tuple[int, int]] = field(default_factory=dict)
    """Where the key of each mapping entry is written (for "unknown field" errors)."""
    non_decimal: frozenset[KeyPath] = frozenset()
    """Integers written in another notation than plain decimal (`0x1`, `0b1`, `017`, `1_0`)."""

    def locate(self, key_path: KeyPath, *, at_key: bool = False) -> Location:
        """The location of the value at `key_path`, or of its nearest written ancestor."""
        if at_key and key_path in self.key_positions:
            line, column = self.key_positions[key_path]
            return Location(self.path, line, column, format_key_path(key_path) or None)
        probe = key_path
        while probe and probe not in self.positions:
            probe = probe[:-1]
        line, column = self.positions.get(probe, (1, 1))
        return Location(self.path, line, column, format_key_path(key_path) or None)


def load_document(
    path: Path, *, display: str | None = None, error_class: type[AdvisorError] = InputError
) -> Document:
    """Read and parse one YAML or JSON file (JSON is YAML) with positions."""
    text = read_text(path, error_class)
    name = display or ("<stdin>" if str(path) == STDIN else str(path))
    return parse_document(text, name, error_class)


def parse_document(text: str, path: str, error_class: type[AdvisorError] = InputError) -> Document:
    """Parse YAML text into plain Python data plus positions."""
    # Imported here: PyYAML and its composer are some 1 MiB a process that a batch of JSON
    # Lines, whose workers are forked from this one, never needs.
    from gba_advisor.core.source.yaml_nodes import compose

    data, positions, key_positions, non_decimal = compose(text, path, error_class)
    return Document(path, data, positions, key_positions, non_decimal)
