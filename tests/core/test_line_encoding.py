"""Batch lines are encoded by orjson, and must be the bytes `json` would write."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from gba_advisor.batch.output import dumps


def reference(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


scores = st.floats(min_value=-1000, max_value=1000, allow_nan=False).map(lambda x: round(x, 2))
scalars = st.none() | st.booleans() | st.integers() | scores | st.text()
lines = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(lines)
def test_a_line_is_what_json_writes(data: Any) -> None:
    # st.text() draws lone surrogates and st.integers() integers beyond 64 bits now and then:
    # orjson refuses both, and the line is then written by json.
    assert dumps(data) == reference(data)


def test_what_orjson_refuses_is_still_written() -> None:
    data = {"name": "\ud800 half a pair", "n": 10**30, "score": 12.5}
    assert dumps(data) == reference(data)
