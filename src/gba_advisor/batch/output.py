"""What a batch writes for each record: one JSON line, or one CSV row.

- A result line has the record's input line (`line`) first, then, by default, the SPEC's
  compact line: `schema_version`, `profile`, `ranking`, `by_function` (every function's
  platform scores), `layout` (assignments, sites, score) and `warnings`, without contributions.
  With `--explain` the contributions come too, by reference to texts written once per run (see
  `explained`); with `--full`, the whole object `match --format json` prints.
- An error line is `{"record": ID, "line": N, "error": {...}}`: the record's id, its input
  line and the located problem.
- A CSV row holds the layout of one record; every cell is guarded against spreadsheet formula
  injection (a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'`).

Lines are built where the record is advised (possibly in a worker process), so this module is
pure: data in, text out.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

import orjson

from gba_advisor.batch.explained import Sent, Texts, compact_dict, explained_dict
from gba_advisor.core.errors import AdvisorError, ExitCode
from gba_advisor.core.result.model import AdvisorResult, rounded
from gba_advisor.core.vocabulary import FunctionId

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS: tuple[str, ...] = (
    "record",
    "status",
    "name",
    "sector",
    "layout_score",
    "sites",
    *(function.value for function in FunctionId),
    "best_platform",
    "best_score",
    "warnings",
    "error",
)
"""One column per function holds the platform it goes to (empty when not in the profile)."""


class LineFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


class LineDetail(StrEnum):
    """How much of a result a JSON line holds."""

    COMPACT = "compact"
    """Scores, layout and warnings: the default."""
    EXPLAIN = "explain"
    """And every contribution, by reference to texts written once per run."""
    FULL = "full"
    """The self-contained result `match --format json` prints (large)."""


def dumps(data: Any) -> str:
    """One compact JSON line, deterministic (key order is fixed by construction).

    orjson writes the very bytes `json.dumps(data, ensure_ascii=False, separators=(",", ":"))`
    writes for what a line holds (strings, small integers, floats rounded to two decimals,
    which never take an exponent), some ten times faster: JSON encoding was a fifth of a
    compact line's cost. What orjson refuses (a lone surrogate from a `\\ud800` escape, an
    integer beyond 64 bits) is written by `json` as before.
    """
    try:
        return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE).decode("utf-8")
    except TypeError:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return text + "\n"


def result_line(
    result: AdvisorResult, *, detail: LineDetail, line: int, sent: Sent | None = None
) -> tuple[str, Texts | None]:
    """The result's line, with the record's input line first, and the texts it refers to (with
    `sent`, those that earlier lines of the partition did not bring: `explained_dict`)."""
    if detail is LineDetail.EXPLAIN:
        data, texts = explained_dict(result, sent)
        return dumps({"line": line, **data}), texts or None
    whole = result.to_dict() if detail is LineDetail.FULL else compact_dict(result)
    return dumps({"line": line, **whole}), None


def error_line(record: str, error: AdvisorError, *, line: int) -> str:
    return dumps({"record": record, "line": line, "error": error.to_dict()})


def csv_header() -> str:
    return _row(CSV_COLUMNS)


def result_row(record: str, result: AdvisorResult) -> str:
    layout = result.layout
    best = result.ranking[0]
    sites = "; ".join(
        f"{site.platform}: {', '.join(f.value for f in site.functions)}" for site in layout.sites
    )
    return _row(
        (
            record,
            "ok",
            result.profile.name,
            result.profile.sector,
            f"{rounded(layout.score):.2f}",
            sites,
            *(layout.assignments.get(function, "") for function in FunctionId),
            best.platform,
            f"{rounded(best.score):.2f}",
            " | ".join(warning.message for warning in result.warnings),
            "",
        )
    )


def error_row(record: str, error: AdvisorError) -> str:
    status = ExitCode(error.exit_code).name.lower()
    cells = [""] * len(CSV_COLUMNS)
    cells[0], cells[1], cells[-1] = record, status, str(error)
    return _row(cells)


def spreadsheet_safe(text: str) -> str:
    """Keep a spreadsheet from running a cell as a formula: `=cmd|...` becomes `'=cmd|...`."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _row(cells: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([spreadsheet_safe(c) for c in cells])
    return buffer.getvalue()
