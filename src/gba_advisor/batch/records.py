"""A batch record: one profile as read from its input, named, not yet parsed.

Records are small and picklable so that they can be sent to worker processes; parsing and
validation happen where advising does. The line reader under every line-based input bounds
what it reads, so that one enormous line costs neither the memory nor the run: it becomes a
record carrying its error, and reading goes on at the next line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import BinaryIO

from gba_advisor.core.errors import AdvisorError, InputError, Location
from gba_advisor.core.frozen import frozen
from gba_advisor.core.source.text_file import MAX_FILE_BYTES

MAX_RECORD_BYTES = MAX_FILE_BYTES
"""Longest JSON line or CSV line accepted, the same as the limit on a profile file."""
_BOM = b"\xef\xbb\xbf"
_SKIP = 64 * 1024


class RecordKind(StrEnum):
    JSON = "json"
    """One JSON Lines line."""
    YAML = "yaml"
    """One whole YAML or JSON file, parsed with positions."""
    ROW = "row"
    """One CSV row: cells by column name."""


@frozen
class Record:
    """One profile as read, not yet parsed; small and picklable, to be sent to a worker."""

    id: str
    """How output lines name the record: `file:line` for a line or a row, the path for a file."""
    file: str
    line: int
    kind: RecordKind
    payload: str | Mapping[str, str]
    error: AdvisorError | None = None
    """Why the record could not be read; then the payload is empty."""
    position: int = 0
    """A folder's file: its place in name order, counted from 1 (0 for lines and rows)."""

    def __reduce__(self) -> tuple[type[Record], tuple[object, ...]]:
        # A constructor call with the fields, faster than the default (the state, then each
        # field set back past the frozen `__setattr__`): records cross to the workers by the
        # hundred thousand.
        fields = (self.id, self.file, self.line, self.kind, self.payload, self.error)
        return Record, (*fields, self.position)

    @property
    def number(self) -> int:
        """The record's place in the input, as output lines give it: the line a JSON line or
        a CSV row starts on, or a folder file's place in name order."""
        return self.position if self.kind is RecordKind.YAML else self.line


def numbered_lines(stream: BinaryIO, name: str) -> Iterator[tuple[int, str, AdvisorError | None]]:
    """Numbered, decoded lines; an overlong or undecodable line comes with its error."""
    number = 0
    while True:
        raw = stream.readline(MAX_RECORD_BYTES + 1)
        if not raw:
            return
        number += 1
        if number == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            problem = InputError(
                f"the line is longer than the limit of {MAX_RECORD_BYTES:,} bytes",
                location=Location(name, number),
            )
            yield number, "", problem
            continue
        try:
            yield number, raw.decode("utf-8"), None
        except UnicodeDecodeError as exc:
            problem = InputError(
                f"the line is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column "
                f"{exc.start + 1})",
                location=Location(name, number, exc.start + 1),
                hint="save the file as UTF-8",
            )
            yield number, "", problem


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        rest = stream.readline(_SKIP)
        if not rest or rest.endswith(b"\n"):
            return
