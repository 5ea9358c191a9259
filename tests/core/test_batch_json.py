"""A JSON Lines record is read as `json.loads` with a hook refusing repeated keys reads it:
the same data, or the same error at the same column."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from gba_advisor.batch.job import record_document
from gba_advisor.batch.records import Record, RecordKind
from gba_advisor.core.errors import InputError


def _as_json_loads(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise _Repeated
    return dict(pairs)


class _Repeated(ValueError):
    pass


def _typed(value: Any) -> Any:
    """The value with every type spelt out: 1, 1.0 and True are equal, but not alike."""
    if isinstance(value, dict):
        return ("dict", [(key, _typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(item) for item in value])
    return (type(value).__name__, repr(value))


def _reference(text: str) -> tuple[str, Any]:
    """What the plain `json.loads` call gives: ("data", value) or ("error", kind, column)."""
    try:
        return "data", _typed(json.loads(text, object_pairs_hook=_as_json_loads))
    except json.JSONDecodeError as exc:
        return "error", (f"malformed JSON: {exc.msg}", exc.colno)
    except _Repeated:
        return "error", ("repeated", 1)
    except ValueError:
        return "error", ("too large", 1)
    except RecursionError:
        return "error", ("nested", 1)


def _read(text: str) -> tuple[str, Any]:
    record = Record("in.jsonl:3", "in.jsonl", 3, RecordKind.JSON, text)
    try:
        return "data", _typed(record_document(record).data)
    except InputError as error:
        return "error", _short(error)


def _short(error: InputError) -> tuple[str, int | None]:
    where = error.location
    if where is None or where.line != 3:
        return "misplaced", None
    for words, short in [
        ("written twice", "repeated"),
        ("integer is too large", "too large"),
        ("nested too deeply", "nested"),
    ]:
        if words in error.message:
            return short, where.column
    return error.message, where.column


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5)
)
KEYS = st.sampled_from(["name", "sector", "a", "b", "", "é", "中"])


def _render(value: Any) -> str:
    """JSON text of nested pairs lists, so that a key may be written twice."""
    if isinstance(value, list) and value and isinstance(value[0], tuple):
        return "{" + ", ".join(f"{json.dumps(k)}: {_render(v)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_render(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.lists(st.tuples(KEYS, inner), min_size=1, max_size=4)
    ),
    max_leaves=12,
)
OBJECTS = st.lists(st.tuples(KEYS, VALUES), max_size=5).map(_render)
TEXTS = st.one_of(
    OBJECTS,
    OBJECTS.map(lambda text: text.replace(":", " :", 1)),
    VALUES.map(_render),
    VALUES.map(lambda value: "\ufeff" + _render(value)),
    st.text(alphabet='{}[]":, \t0123456789-+.eEtruefalsn\\"\ufeffé', max_size=30),
)


@given(TEXTS)
def test_a_record_reads_as_json_loads_reads_it(text: str) -> None:
    assert _read(text) == _reference(text)


def test_a_bom_inside_the_file_is_malformed_json_at_column_1() -> None:
    assert _read('\ufeff{"name": "A"}') == (
        "error",
        ("malformed JSON: Unexpected UTF-8 BOM (decode using utf-8-sig)", 1),
    )
