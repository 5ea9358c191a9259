"""CSV input for a batch: one profile per row, the header naming the fields.

Nested fields are written with a dot (`priorities.tax`, `constraints.max_sites`); list cells
are separated by `;`; a pin is written `rd=loop;headquarters=qianhai`; an empty cell means the
field's default. The columns and how each cell is read come from the profile model itself, so
a field added to the profile is a column at once. An unknown column stops the run before it
starts, since it would fail every row the same way.
"""

from __future__ import annotations

import csv
import re
import types
import typing
from collections.abc import Iterator, Mapping
from enum import StrEnum
from functools import cache
from typing import Any, BinaryIO

from gba_advisor.batch.records import Record, RecordKind, numbered_lines
from gba_advisor.core.errors import AdvisorError, InputError, Location
from gba_advisor.core.source.document import MAX_INT_DIGITS
from gba_advisor.core.source.suggest import closest

LIST_SEPARATOR = ";"


def read_csv(stream: BinaryIO, name: str) -> Iterator[Record]:
    """Check the header now (an unknown column fails the whole run), then one record per row."""
    lines = _CsvLines(stream, name)
    reader = csv.reader(lines)
    header = _header(reader, name)
    return _rows(reader, lines, header, name)


def _header(reader: Iterator[list[str]], name: str) -> tuple[str, ...]:
    try:
        header = tuple(cell.strip() for cell in next(reader))
    except StopIteration:
        raise InputError(
            "the CSV file is empty", location=Location(name, 1, 1), hint=_HEADER_HINT
        ) from None
    except csv.Error as exc:
        raise InputError(f"malformed CSV header: {exc}", location=Location(name, 1)) from None
    known = list(csv_columns())
    for index, column in enumerate(header):
        where = Location(name, 1, None, column or f"column {index + 1}")
        if column not in known:
            raise InputError(
                f"unknown column `{column}`",
                location=where,
                hint=_HEADER_HINT,
                suggestion=closest(column, known),
            )
        if header.index(column) != index:
            raise InputError(f"column `{column}` appears twice", location=where)
    return header


_HEADER_HINT = (
    "the first row names profile fields: name, home, sector, functions, ..., "
    "priorities.tax, constraints.max_sites, ... (see `gba-advisor schema profile`)"
)


def _rows(
    reader: Iterator[list[str]], lines: _CsvLines, header: tuple[str, ...], name: str
) -> Iterator[Record]:
    while True:
        start = lines.number + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            malformed = InputError(f"malformed CSV row: {exc}", location=Location(name, start))
            yield Record(f"{name}:{start}", name, start, RecordKind.ROW, {}, malformed)
            continue
        problem: AdvisorError | None = lines.take_problem()
        if problem is None and not any(cell.strip() for cell in row):
            continue
        if problem is None and len(row) > len(header):
            problem = InputError(
                f"the row has {len(row)} cells but the header names {len(header)} columns",
                location=Location(name, start),
                hint="quote cells that contain a comma",
            )
        cells = dict(zip(header, row, strict=False))
        yield Record(f"{name}:{start}", name, start, RecordKind.ROW, cells, problem)


class _CsvLines:
    """The lines the csv module reads, counted, with the problems of unreadable ones kept.

    An unreadable line is handed on as an empty line's worth of text so that the row it
    belongs to is still produced, and then reported with the line's problem.
    """

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self._lines = numbered_lines(stream, name)
        self.number = 0
        self._problems: dict[int, AdvisorError] = {}

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        number, text, problem = next(self._lines)
        self.number = number
        if problem is not None:
            self._problems[number] = problem
            return "\ufffd\n"
        return text

    def take_problem(self) -> AdvisorError | None:
        """The first problem on the lines of the row just read, forgetting them."""
        if not self._problems:
            return None  # every row of a readable file
        found = [self._problems.pop(n) for n in sorted(self._problems) if n <= self.number]
        return found[0] if found else None


class CellKind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    LIST = "list"
    PINS = "pins"


@cache
def csv_columns() -> Mapping[str, CellKind]:
    """Every column a CSV of profiles may have and how its cells are read, from the model."""
    from pydantic import BaseModel

    from gba_advisor.core.profile.schema import Profile

    columns: dict[str, CellKind] = {}
    for field, info in Profile.model_fields.items():
        nested = info.annotation
        if isinstance(nested, type) and issubclass(nested, BaseModel):
            for inner, inner_info in nested.model_fields.items():
                columns[f"{field}.{inner}"] = _kind(inner_info.annotation)
        else:
            columns[field] = _kind(info.annotation)
    return columns


def _kind(annotation: Any) -> CellKind:
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is list:
        return CellKind.LIST
    if origin is dict:
        return CellKind.PINS
    if origin is typing.Literal:
        return CellKind.INTEGER if all(isinstance(a, int) for a in arguments) else CellKind.TEXT
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        inner = [a for a in arguments if a is not type(None)]
        return _kind(inner[0]) if inner else CellKind.TEXT
    return CellKind.INTEGER if annotation is int else CellKind.TEXT


def row_data(record: Record) -> dict[str, Any]:
    """A CSV row as the nested data a profile file would hold; empty cells are left out."""
    kinds = csv_columns()
    data: dict[str, Any] = {}
    cells = record.payload if isinstance(record.payload, Mapping) else {}
    for column, cell in cells.items():
        text = cell.strip()
        if not text:
            continue
        value = _cell_value(text, kinds[column], record, column)
        outer, _, inner = column.partition(".")
        if inner:
            data.setdefault(outer, {})[inner] = value
        else:
            data[column] = value
    return data


def _cell_value(text: str, kind: CellKind, record: Record, column: str) -> Any:
    if kind is CellKind.INTEGER:
        if not _INTEGER.fullmatch(text):
            return text
        if len(text.lstrip("+-")) > MAX_INT_DIGITS:
            raise InputError(
                f"the integer in column `{column}` ({len(text):,} characters) is too large: "
                f"no number here has more than {MAX_INT_DIGITS:,} digits",
                location=Location(record.file, record.line, None, column),
                hint="check this cell; numbers in profiles are small",
            )
        return int(text)
    if kind is CellKind.TEXT:
        return text
    items = [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]
    if kind is CellKind.LIST:
        return items
    pins: dict[str, str] = {}
    for item in items:
        function, equals, platform = item.partition("=")
        if not equals:
            raise InputError(
                f"cannot read the pin {item!r}",
                location=Location(record.file, record.line, None, column),
                hint="write pins as function=platform, separated by `;`: rd=loop;trade=nansha",
            )
        pins[function.strip()] = platform.strip()
    return pins


_INTEGER = re.compile(r"[+-]?[0-9]+")
