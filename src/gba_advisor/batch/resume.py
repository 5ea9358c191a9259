"""Resuming a batch: what an interrupted run's output already holds.

An output file holds whole records (one JSON line, or one CSV record, which may span lines
when a cell holds a newline), in input order. `scan_output` reads it once, streaming, and
finds where its complete records end (a partial last record, from a run killed in the middle
of a write, is left out), how many there are, how each ended, and how the last one names its
input record. `skip_done` then skips as many input records, checking that the last one skipped
is the one the output ends with, so that an output is never continued with another input.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from gba_advisor.batch.output import LineFormat, csv_header, spreadsheet_safe
from gba_advisor.batch.records import Record
from gba_advisor.core.errors import ExitCode, InputError, Location

_STATUS = {code.name.lower(): int(code) for code in ExitCode}


@dataclass
class Written:
    """The complete records an output already holds."""

    end: int = 0
    """Byte offset just after the last complete record (and the CSV header)."""
    records: int = 0
    by_status: dict[int, int] = field(default_factory=dict)
    last: str | None = None
    """How the last record names its input record: its line (JSON) or its record id (CSV)."""
    dropped: int = 0
    """Bytes of a partial last record, to be cut off."""
    texts: set[tuple[str, str]] = field(default_factory=set)
    """(kind, id) of every text a `--explain` output already holds: not written again."""


def scan_output(path: Path, output: LineFormat) -> Written:
    """The complete records of `path`; an empty or missing file has none."""
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        return Written()
    except OSError as exc:
        raise InputError(
            f"cannot read the output to resume: {exc.strerror}", location=Location(str(path))
        ) from None
    with stream:
        try:
            if output is LineFormat.CSV:
                written = _scan_csv(stream, str(path))
            else:
                written = _scan_jsonl(stream, str(path))
            size = stream.seek(0, 2)
        except OSError as exc:
            raise InputError(
                f"cannot read the output to resume: {exc.strerror}", location=Location(str(path))
            ) from None
    written.dropped = size - written.end
    return written


def _scan_jsonl(stream: BinaryIO, name: str) -> Written:
    written = Written()
    last = b""
    number = 0
    for raw in stream:
        if not raw.endswith(b"\n"):
            break
        number += 1
        written.end += len(raw)
        if raw.startswith(b'{"texts":'):
            written.texts.update(_text_ids(raw, name, number))
            continue
        written.records += 1
        last = raw
        if raw.startswith(b'{"record":'):
            status = _error_status(raw, name, number)
        else:
            status = int(ExitCode.OK)
        written.by_status[status] = written.by_status.get(status, 0) + 1
    if written.records:
        written.last = str(_line_of(last, name, number))
    return written


def _text_ids(raw: bytes, name: str, number: int) -> set[tuple[str, str]]:
    try:
        texts = json.loads(raw)["texts"]
        return {(kind, key) for kind, entries in texts.items() for key in entries}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise _not_an_output(name, number, "JSON Lines") from None


def _line_of(raw: bytes, name: str, number: int) -> int:
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    line = data.get("line") if isinstance(data, dict) else None
    if not isinstance(line, int) or isinstance(line, bool):
        raise _not_an_output(name, number, "JSON Lines")
    return line


def _error_status(raw: bytes, name: str, number: int) -> int:
    try:
        code = json.loads(raw)["error"]["exit_code"]
    except (ValueError, KeyError, TypeError):
        raise _not_an_output(name, number, "JSON Lines") from None
    if code not in (int(ExitCode.INVALID_INPUT), int(ExitCode.NO_LAYOUT)):
        raise _not_an_output(name, number, "JSON Lines")
    return int(code)


def _scan_csv(stream: BinaryIO, name: str) -> Written:
    written = Written()
    pending = b""
    number = 0
    for raw in stream:
        pending += raw
        # A record is whole once its quotes balance (the writer doubles a quote inside a cell).
        if not pending.endswith(b"\n") or pending.count(b'"') % 2:
            continue
        number += 1
        record = pending
        pending = b""
        if number == 1:
            if record != csv_header().encode("utf-8"):
                raise _not_an_output(name, 1, "CSV")
            written.end = len(record)
            continue
        cells = _cells(record, name, number)
        written.end += len(record)
        written.records += 1
        written.last = cells[0]
        status = _STATUS.get(cells[1])
        if status is None:
            raise _not_an_output(name, number, "CSV")
        written.by_status[status] = written.by_status.get(status, 0) + 1
    return written


def _cells(record: bytes, name: str, number: int) -> list[str]:
    try:
        rows = list(csv.reader(record.decode("utf-8").splitlines(keepends=True)))
    except (UnicodeDecodeError, csv.Error):
        rows = []
    if len(rows) != 1 or len(rows[0]) < 2:
        raise _not_an_output(name, number, "CSV")
    return rows[0]


def _not_an_output(name: str, number: int, kind: str) -> InputError:
    return InputError(
        f"record {number} is not a batch {kind} output record; cannot resume",
        location=Location(name),
        hint="--resume continues a file an interrupted `gba-advisor batch` wrote, with the same "
        "--output-format; to start again, leave --resume out",
    )


def skip_done(
    records: Iterator[Record], written: Written, output: LineFormat, name: str
) -> Iterator[Record]:
    """Skip the records the output already holds, checking the last one is the one it ends with."""
    if not written.records:
        return records
    last: Record | None = None
    count = 0
    for record in records:
        count += 1
        last = record
        if count == written.records:
            break
    what = "record" if output is LineFormat.CSV else "line"
    found = _key(last, output) if last is not None and count == written.records else None
    if found is None or found != written.last:
        raise InputError(
            f"the output does not continue this input: its {written.records:,} records end "
            f"with input {what} {written.last}, but this input's record {written.records:,} is "
            + ("missing" if found is None else f"{what} {found}"),
            location=Location(name),
            hint="resume with the same input and options as the interrupted run",
        )
    return records


def _key(record: Record, output: LineFormat) -> str:
    return spreadsheet_safe(record.id) if output is LineFormat.CSV else str(record.number)
