"""Shape problems: each knowledge-base file validated against its schema, in plain words.

pydantic's errors are translated by `core.validation` (file, line, column, field, "did you
mean"); on top of that, the knowledge base gets what its editors need most: one error for a
value of a union instead of one per branch, "a fact without a source" instead of a list-length
message, a date hint, a hint to quote a version YAML read as a number, and no "missing" for a
key that is only misspelt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import InitErrorDetails

from gba_advisor.core.errors import AdvisorError, KnowledgeBaseError
from gba_advisor.core.source.document import Document, KeyPath
from gba_advisor.core.source.suggest import closest
from gba_advisor.core.source.validation import problems_from

ModelT = TypeVar("ModelT", bound=BaseModel)
_DATE_ERRORS = frozenset(
    {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}
)
_DATE_HINT = "write dates as YYYY-MM-DD, e.g. 2025-12-31"


def validated(model: type[ModelT], document: Document) -> tuple[ModelT | None, list[AdvisorError]]:
    """The validated model, or None and every shape problem of the document."""
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else f"the value {document.data!r}"
        fields = ", ".join(model.model_fields)
        problem = KnowledgeBaseError(
            f"the file must be a mapping with the keys {fields}, but it holds {kind}",
            location=document.locate(()),
            hint=f"compare with the shipped {Path(document.path).name} (`gba-advisor data init`)",
        )
        return None, [problem]
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        return None, list(_translate(exc, model, document))


def _translate(
    exc: ValidationError, model: type[BaseModel], document: Document
) -> Iterator[AdvisorError]:
    """Located errors, with union branches merged and the commonest YAML slips explained."""
    errors = _merge_unions(exc.errors(include_url=False), document.data)
    misspelt = _misspelt_fields(errors)
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and loc in misspelt:
            continue  # "unknown field `fitt`; did you mean `fit`?" already says it
        if error["type"] == "union":
            yield _union_problem(error, document)
            continue
        single = ValidationError.from_exception_data(exc.title, [_details(error)])
        for problem in problems_from(single, model, document, KnowledgeBaseError):
            yield _explained(problem, error)


def _details(error: Mapping[str, Any]) -> InitErrorDetails:
    details = InitErrorDetails(type=error["type"], loc=error["loc"], input=error["input"])
    if "ctx" in error:
        details["ctx"] = error["ctx"]
    return details


def _merge_unions(errors: list[Any], data: Any) -> list[Any]:
    """One error per value for a union (`valid_until: date | "unverified"`), not one per branch.

    pydantic reports a failed union once per branch, with the branch's name appended to the key
    path (`valid_until.date`, `valid_until.literal['unverified']`). The part of the path that
    does not address written data is that name.
    """
    merged: list[Any] = []
    branches: dict[KeyPath, dict[str, Any]] = {}
    for error in errors:
        loc: KeyPath = tuple(error["loc"])
        written = _written_depth(data, loc)
        if error["type"] in ("missing", "extra_forbidden") or written >= len(loc):
            merged.append(error)
            continue
        value_loc = loc[:written]
        union = branches.get(value_loc)
        if union is None:
            union = {"type": "union", "loc": value_loc, "input": error["input"], "branches": []}
            branches[value_loc] = union
            merged.append(union)
        union["branches"].append(error)
    return [
        error["branches"][0] | {"loc": error["loc"]}
        if error["type"] == "union" and len(error["branches"]) == 1
        else error
        for error in merged
    ]


def _written_depth(data: Any, loc: KeyPath) -> int:
    """How many leading parts of `loc` address values present in `data`."""
    for depth, part in enumerate(loc):
        if part == "[key]":
            return len(loc)
        if not _addresses(data, part):
            return depth
        data = data[part]
    return len(loc)


def _addresses(data: Any, part: str | int) -> bool:
    if isinstance(data, dict):
        return part in data
    return isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)


def _union_problem(error: Mapping[str, Any], document: Document) -> AdvisorError:
    expected = [_expected(branch) for branch in error["branches"]]
    shown = repr(error["input"])
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return KnowledgeBaseError(
        f"{shown} is not {' or '.join(dict.fromkeys(expected))}",
        location=document.locate(tuple(error["loc"])),
        hint=_DATE_HINT if any(b["type"] in _DATE_ERRORS for b in error["branches"]) else None,
    )


def _expected(branch: Mapping[str, Any]) -> str:
    if branch["type"] in _DATE_ERRORS:
        return "a valid date (YYYY-MM-DD)"
    if branch["type"] == "literal_error":
        return str(branch.get("ctx", {}).get("expected", "an allowed value"))
    return str(branch["msg"]).removeprefix("Input should be ")


def _explained(problem: AdvisorError, error: Mapping[str, Any]) -> AdvisorError:
    """Plainer words for the slips consultants make most when editing the data."""
    loc = tuple(error["loc"])
    kind, value = error["type"], error.get("input")
    if loc and loc[-1] == "sources" and kind in ("missing", "too_short"):
        problem.message = "a fact without a source: " + (
            "`sources` is missing" if kind == "missing" else "`sources` is empty"
        )
        problem.hint = "cite at least one id from sources.yaml, e.g. `sources: [S12]`"
    elif kind in _DATE_ERRORS:
        shown = repr(value) if not isinstance(value, dt.date) else str(value)
        problem.message = f"{shown} is not a valid date"
        problem.hint = _DATE_HINT
    elif kind == "string_type" and isinstance(value, int | float | dt.date):
        problem.hint = f'YAML read {value} as a number or date: write it in quotes, "{value}"'
    return problem


def _misspelt_fields(errors: list[Any]) -> set[KeyPath]:
    """Key paths reported missing because the same mapping has a misspelling of the key."""
    unknown = [tuple(e["loc"]) for e in errors if e["type"] == "extra_forbidden"]
    missing = [tuple(e["loc"]) for e in errors if e["type"] == "missing"]
    found: set[KeyPath] = set()
    for loc in missing:
        for other in unknown:
            if other[:-1] == loc[:-1] and _near(str(other[-1]), str(loc[-1])):
                found.add(loc)
    return found


def _near(written: str, expected: str) -> bool:
    return closest(written, [expected]) == expected
