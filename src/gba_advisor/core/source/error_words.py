"""Plain sentences for pydantic's kinds of error, each with a hint saying what to write.

Pydantic says "Input should be a valid integer" or "List should have at least 1 item after
validation, not 0": true, but in a programmer's words, and with nothing to do next. A reader
editing a YAML file needs "expected a whole number, but '5' is written as text" and "remove the
quotes: write 5". `plain_words` turns one pydantic error into such a message and hint, given
what the model says about the field (its allowed choices, its range); kinds it does not know
keep pydantic's own message, without its "Value error, " prefix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from gba_advisor.core.frozen import frozen

DATE_HINT = "write a date as YYYY-MM-DD, for example 2026-12-31"


@frozen
class FieldFacts:
    """What the model allows at the error's place, for the hint."""

    choices: Sequence[str] = ()
    """The allowed values (of the field, or of each item of a list field)."""
    minimum: float | None = None
    maximum: float | None = None


Words = tuple[str, str | None]
"""A message and a hint."""


def plain_words(error: Any, facts: FieldFacts, shown: str) -> Words:
    """The message and hint for one pydantic error; `shown` is the input, shortened for display."""
    kind: str = error["type"]
    describe = _KINDS.get(kind)
    if describe is None:
        for prefix, family in _FAMILIES:
            if kind.startswith(prefix):
                describe = family
                break
    if describe is not None:
        return describe(error, facts, shown)
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{message} (got {shown})", None


def _too_short(error: Any, facts: FieldFacts, shown: str) -> Words:
    ctx = error.get("ctx") or {}
    needed = int(ctx.get("min_length", 1))
    actual = ctx.get("actual_length")
    items = "item is" if needed == 1 else "items are"
    if not actual:
        message = f"the list is empty: at least {needed} {items} needed"
    else:
        message = f"the list has {actual}: at least {needed} {items} needed"
    if facts.choices:
        return message, f"add at least {needed} of: {', '.join(facts.choices)}"
    return message, f"add at least {needed} {items.split()[0]}, e.g. `[first, second]`"


def _too_long(error: Any, facts: FieldFacts, shown: str) -> Words:
    ctx = error.get("ctx") or {}
    limit = ctx.get("max_length")
    actual = ctx.get("actual_length")
    count = f"{actual} items" if actual is not None else "too many items"
    return (
        f"the list has {count}; at most {limit} items are allowed",
        "remove the items you do not need (each value once is enough)",
    )


def _text_too_short(error: Any, facts: FieldFacts, shown: str) -> Words:
    return "this text is empty", "write the text, or leave the field out if it is optional"


def _text_too_long(error: Any, facts: FieldFacts, shown: str) -> Words:
    limit = (error.get("ctx") or {}).get("max_length")
    value = error.get("input")
    length = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    return f"this text is too long{length}; at most {limit} characters are allowed", ("shorten it")


def _whole_number(error: Any, facts: FieldFacts, shown: str) -> Words:
    value = error.get("input")
    hint = f"write a whole number{_range(facts)}"
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return (
            f"expected a whole number, but {shown} is written as text (in quotes)",
            f"remove the quotes: write {value.strip()}",
        )
    if isinstance(value, bool):
        return f"expected a whole number, not {str(value).lower()}", hint
    if isinstance(value, float):
        return f"expected a whole number, not {shown}", hint
    return f"expected a whole number, got {shown}", hint


def _number(error: Any, facts: FieldFacts, shown: str) -> Words:
    value = error.get("input")
    if isinstance(value, str):
        return f"expected a number, but {shown} is text", f"write a number{_range(facts)}"
    return f"expected a number, got {shown}", f"write a number{_range(facts)}"


def _bound(error: Any, facts: FieldFacts, shown: str) -> Words:
    kind: str = error["type"]
    ctx = error.get("ctx") or {}
    if kind.startswith("less"):
        limit = ctx.get("le", ctx.get("lt"))
        side = "at most" if "le" in ctx else "below"
    else:
        limit = ctx.get("ge", ctx.get("gt"))
        side = "at least" if "ge" in ctx else "above"
    value = error.get("input")
    number = "a whole number" if isinstance(value, int) else "a number"
    edge = f"{limit:g}" if isinstance(limit, int | float) else str(limit)
    return f"{shown} is out of range: it must be {side} {edge}", f"use {number}{_range(facts)}"


def _text(error: Any, facts: FieldFacts, shown: str) -> Words:
    value = error.get("input")
    if isinstance(value, bool | int | float | dt.date):
        written = str(value).lower() if isinstance(value, bool) else str(value)
        return (
            f"expected text, but YAML read {written} as a {_kind_of(value)}",
            f'put it in quotes: "{written}"',
        )
    return f"expected text, got {shown}", 'write it as text, in quotes if in doubt: "..."'


def _list(error: Any, facts: FieldFacts, shown: str) -> Words:
    value = error.get("input")
    example = f"[{value}]" if isinstance(value, str | int) and not isinstance(value, bool) else ""
    hint = f"write a list in brackets, like `{example}`" if example else "write a list in brackets"
    hint += ", or one `- item` per line"
    if facts.choices:
        hint += f"; allowed items: {', '.join(facts.choices)}"
    return f"expected a list, got {shown}", hint


def _mapping(error: Any, facts: FieldFacts, shown: str) -> Words:
    hint = "write `key: value` lines indented under the field"
    if facts.choices:
        hint += f"; keys allowed here: {', '.join(facts.choices)}"
    return f"expected a mapping of `key: value` fields, got {shown}", hint


def _boolean(error: Any, facts: FieldFacts, shown: str) -> Words:
    return f"expected true or false, got {shown}", "write true or false"


def _date(error: Any, facts: FieldFacts, shown: str) -> Words:
    return f"{shown} is not a valid date", DATE_HINT


def _value(error: Any, facts: FieldFacts, shown: str) -> Words:
    ctx = error.get("ctx") or {}
    message = str(ctx.get("error") or error["msg"]).removeprefix("Value error, ")
    hint = "list each value once" if message.startswith("listed more than once") else None
    return message, hint


def _none(error: Any, facts: FieldFacts, shown: str) -> Words:
    return f"expected nothing here, got {shown}", "leave the field out"


def _range(facts: FieldFacts) -> str:
    low, high = facts.minimum, facts.maximum
    if low is not None and high is not None:
        return f" from {low:g} to {high:g}"
    if low is not None:
        return f" of at least {low:g}"
    if high is not None:
        return f" of at most {high:g}"
    return ""


def _kind_of(value: object) -> str:
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, dt.date):
        return "date"
    return "number"


Describe = Callable[[Any, FieldFacts, str], Words]

_KINDS: dict[str, Describe] = {
    "too_short": _too_short,
    "too_long": _too_long,
    "string_too_short": _text_too_short,
    "string_too_long": _text_too_long,
    "string_type": _text,
    "list_type": _list,
    "tuple_type": _list,
    "set_type": _list,
    "dict_type": _mapping,
    "model_type": _mapping,
    "model_attributes_type": _mapping,
    "value_error": _value,
    "none_required": _none,
}

_FAMILIES: tuple[tuple[str, Describe], ...] = (
    ("int_", _whole_number),
    ("float_", _number),
    ("decimal_", _number),
    ("greater_than", _bound),
    ("less_than", _bound),
    ("bool_", _boolean),
    ("date_", _date),
    ("datetime_", _date),
)
"""Kinds by prefix: pydantic has several of each (`int_type`, `int_parsing`, `int_from_float`)."""
