"""Translate pydantic validation errors into located, suggested `AdvisorError`s.

A pydantic error knows the key path and the kind of failure; the `Document` knows where that key
path was written. Together they give "profile.yaml:7:3: unknown field `prioritys`; did you mean
`priorities`?" instead of a stack of pydantic text.
"""

from __future__ import annotations

import enum
import re
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from gba_advisor.core.errors import AdvisorError
from gba_advisor.core.source.document import Document, KeyPath
from gba_advisor.core.source.error_words import FieldFacts, plain_words
from gba_advisor.core.source.suggest import closest

ModelT = TypeVar("ModelT", bound=BaseModel)

_QUOTED = re.compile(r"'([^']*)'")


def validate(model: type[ModelT], document: Document, error_class: type[AdvisorError]) -> ModelT:
    """Validate a document against a model, raising every problem found (first one first)."""
    try:
        # What `model.model_validate` runs, without its layer of argument checks: a batch
        # validates every profile through here.
        validated: ModelT = model.__pydantic_validator__.validate_python(document.data)
        return validated
    except ValidationError as exc:
        problems = list(problems_from(exc, model, document, error_class))
        first = problems[0]
        first.related = tuple(problems[1:])
        raise first from None


def problems_from(
    exc: ValidationError,
    model: type[BaseModel],
    document: Document,
    error_class: type[AdvisorError],
) -> Iterator[AdvisorError]:
    """One located error per pydantic error."""
    errors = exc.errors(include_url=False)
    # An unknown key is usually a misspelt known one: report it before the "missing" it causes.
    errors.sort(key=lambda error: error["type"] != "extra_forbidden")
    merged: dict[KeyPath, list[Any]] = {}
    for error in errors:
        merged.setdefault(_written_path(document.data, error["loc"]), []).append(error)
    for loc, group in merged.items():
        error = group[0]
        message, suggestion, hint = _describe(error, model, loc)
        if len(group) > 1:
            # A union field: one error per alternative; say them together, once.
            message, hint = _union(group, model, loc)
        at_key = error["type"] == "extra_forbidden" or "[key]" in error["loc"]
        location = document.locate(loc, at_key=at_key)
        yield error_class(message, location=location, hint=hint, suggestion=suggestion)


def _written_path(data: Any, loc: Sequence[str | int]) -> KeyPath:
    """The part of pydantic's location that exists in the document.

    Pydantic appends the tag of each union member it tried (`date`, `literal['unverified']`)
    after the field; those are not keys a user wrote, so the path stops at the last real key.
    """
    path: list[str | int] = []
    current = data
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(current, dict):
            path.append(part)
            if part not in current:
                break  # a missing or an unknown field: the key itself is the place
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
        else:
            break
    return tuple(path)


def _describe(
    error: Any, model: type[BaseModel], loc: KeyPath
) -> tuple[str, str | None, str | None]:
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _field_names_at(model, loc[:-1])
        name = str(loc[-1]) if loc else "?"
        hint = f"allowed here: {', '.join(allowed)}" if allowed else None
        return f"unknown field `{name}`", closest(name, allowed), hint
    if kind in {"enum", "literal_error"}:
        expected = str(ctx.get("expected", ""))
        choices = _QUOTED.findall(expected)
        shown = _short(value)
        hint = f"expected one of: {', '.join(choices) or expected}" if expected else None
        return f"{shown} is not a valid choice", closest(_text(value), choices), hint
    if kind == "missing":
        return "this required field is missing", None, None
    message, hint = plain_words(error, _facts(model, loc), _short(value))
    return message, None, hint


def _union(group: Sequence[Any], model: type[BaseModel], loc: KeyPath) -> tuple[str, str | None]:
    """One sentence for a value that fits none of a field's alternatives."""
    facts = _facts(model, loc)
    shown = _short(group[0].get("input"))
    expected: list[str] = []
    hints: list[str] = []
    for error in group:
        if error["type"] == "none_required":
            continue  # "or nothing" is what leaving the field out means
        message, hint = plain_words(error, facts, shown)
        expected.append(message)
        if hint:
            hints.append(hint)
    if not expected:
        return f"{shown} is not allowed here", "leave the field out"
    message = "; or ".join(dict.fromkeys(expected))
    hint = "; or ".join(dict.fromkeys(hints)) or None
    return message, (hint + ", or leave the field out") if hint else "leave the field out"


def _facts(model: type[BaseModel], loc: KeyPath) -> FieldFacts:
    """The choices and the range the model allows at `loc`, for a hint."""
    annotation: Any = model
    metadata: list[Any] = []
    for part in loc:
        metadata = []
        parent = annotation
        annotation = _descend(parent, part)
        for candidate in _unwrap(parent):
            if _is_model(candidate) and isinstance(part, str) and part in candidate.model_fields:
                metadata = list(candidate.model_fields[part].metadata)
        if annotation is None:
            return FieldFacts()
    metadata += _inner_metadata(annotation)
    lows = [m.ge for m in metadata if getattr(m, "ge", None) is not None]
    highs = [m.le for m in metadata if getattr(m, "le", None) is not None]
    return FieldFacts(
        choices=_choices(annotation),
        minimum=float(lows[0]) if lows else None,
        maximum=float(highs[0]) if highs else None,
    )


def _inner_metadata(annotation: Any) -> list[Any]:
    """Constraints written inside the type (`Annotated[int, Field(ge=0)] | None`)."""
    found: list[Any] = []
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        for extra in typing.get_args(annotation)[1:]:
            found.extend(getattr(extra, "metadata", [extra]))
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found.extend(_inner_metadata(arg))
    return found


def _choices(annotation: Any) -> list[str]:
    """The allowed values of an enum field, of a list of them, or the keys of a model."""
    for candidate in _unwrap(annotation):
        origin = typing.get_origin(candidate)
        if origin in (list, tuple, set, frozenset) and typing.get_args(candidate):
            return _choices(typing.get_args(candidate)[0])
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return [str(member.value) for member in candidate]
        if _is_model(candidate):
            return sorted(candidate.model_fields)
    return []


def _short(value: object) -> str:
    try:
        text = repr(value)
    except ValueError:  # an integer too long for Python to turn into text
        return _huge(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _text(value: object) -> str:
    try:
        return str(value)
    except ValueError:
        return _huge(value)


def _huge(value: object) -> str:
    bits = value.bit_length() if isinstance(value, int) else 0
    return f"an integer of about {int(bits * 0.30103) + 1:,} digits"


def _field_names_at(model: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    """The field names a model accepts at a key path (lists and mappings are looked through)."""
    annotation: Any = model
    for part in path:
        annotation = _descend(annotation, part)
        if annotation is None:
            return []
    models = [cls for cls in _unwrap(annotation) if _is_model(cls)]
    return sorted(name for cls in models for name in cls.model_fields)


def _descend(annotation: Any, part: str | int) -> Any:
    for candidate in _unwrap(annotation):
        if _is_model(candidate) and isinstance(part, str) and part in candidate.model_fields:
            return candidate.model_fields[part].annotation
        origin = typing.get_origin(candidate)
        args = typing.get_args(candidate)
        if origin in (list, tuple) and args:
            return args[0]
        if origin is dict and len(args) == 2:
            return args[1]
    return None


def _unwrap(annotation: Any) -> Iterable[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [inner for arg in typing.get_args(annotation) for inner in _unwrap(arg)]
    return [annotation]


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)
