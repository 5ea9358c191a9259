"""Where a batch's profiles come from: JSON Lines, CSV or a folder of YAML files.

Readers split the input into records and name each one (`crm.jsonl:5`, `fair.csv:17`,
`profiles/acme.yaml`), one line or one file at a time, so memory does not grow with the input.
A record that cannot even be read (bad UTF-8, a line over the size limit, a binary file)
carries its error, and the run goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from gba_advisor.batch.csv_input import read_csv
from gba_advisor.batch.records import Record, RecordKind, numbered_lines
from gba_advisor.core.errors import AdvisorError, InputError, Location
from gba_advisor.core.source.text_file import read_text

FOLDER_SUFFIXES = (".yaml", ".yml", ".json")


class InputFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    FOLDER = "folder"


def detect_format(path: Path) -> InputFormat:
    """A folder, `.csv`, or JSON Lines (`.jsonl`, `.ndjson`, and `-` for standard input)."""
    if str(path) == "-":
        return InputFormat.JSONL
    if path.is_dir():
        return InputFormat.FOLDER
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return InputFormat.CSV
    if suffix in {".jsonl", ".ndjson", ".jsonlines"}:
        return InputFormat.JSONL
    raise InputError(
        f"cannot tell the format of `{path.name}` from its name",
        location=Location(str(path)),
        hint="name it .jsonl or .csv, give a folder of YAML files, or pass --input-format",
    )


def read_jsonl(stream: BinaryIO, name: str) -> Iterator[Record]:
    """One record per non-blank line."""
    for number, text, problem in numbered_lines(stream, name):
        if problem is not None:
            yield Record(f"{name}:{number}", name, number, RecordKind.JSON, "", problem)
        elif text.strip():
            yield Record(f"{name}:{number}", name, number, RecordKind.JSON, text)


def read_folder(folder: Path) -> Iterator[Record]:
    """One record per YAML or JSON file directly in the folder, in name order."""
    for position, path in enumerate(profile_files(folder), 1):
        name = str(path)
        try:
            text = read_text(path)
        except AdvisorError as error:
            yield Record(name, name, 1, RecordKind.YAML, "", error, position)
        else:
            yield Record(name, name, 1, RecordKind.YAML, text, position=position)


def profile_files(folder: Path) -> list[Path]:
    try:
        found = [
            path
            for path in folder.iterdir()
            if path.suffix.lower() in FOLDER_SUFFIXES
            and not path.name.startswith(".")
            and path.is_file()
        ]
    except OSError as exc:
        raise InputError(
            f"cannot list the folder: {exc.strerror}", location=Location(str(folder))
        ) from None
    return sorted(found, key=lambda path: path.name)


def count_records(path: Path | None, input_format: InputFormat) -> int | None:
    """How many records an input holds (for a progress bar); None for standard input."""
    if path is None:
        return None
    if input_format is InputFormat.FOLDER:
        return len(profile_files(path))
    with path.open("rb") as stream:
        if input_format is InputFormat.JSONL:
            return sum(1 for line in stream if line.strip())
        return sum(1 for _ in read_csv(stream, str(path)))


@contextmanager
def open_records(
    path: Path, input_format: InputFormat | None = None, *, stdin: BinaryIO | None = None
) -> Iterator[Iterator[Record]]:
    """The records of a file, a folder, or standard input (`-`, JSON Lines or CSV).

    Opening checks what can be checked before the first record (the file exists, the CSV
    header is known), so that a wrong input fails before any output is written.
    """
    chosen = input_format or detect_format(path)
    name = "<stdin>" if str(path) == "-" else str(path)
    if chosen is InputFormat.FOLDER:
        if not path.is_dir():
            raise InputError("no such folder", location=Location(name))
        yield read_folder(path)
        return
    with _open_binary(path, stdin) as stream:
        yield read_csv(stream, name) if chosen is InputFormat.CSV else read_jsonl(stream, name)


@contextmanager
def _open_binary(path: Path, stdin: BinaryIO | None) -> Iterator[BinaryIO]:
    if str(path) == "-" and stdin is not None:
        yield stdin
        return
    try:
        stream = path.open("rb")
    except IsADirectoryError:
        raise InputError(
            "is a folder; pass --input-format folder", location=Location(str(path))
        ) from None
    except FileNotFoundError:
        raise InputError("no such file", location=Location(str(path))) from None
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror}", location=Location(str(path))
        ) from None
    with stream:
        yield stream
