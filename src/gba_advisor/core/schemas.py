"""JSON Schemas generated from the same pydantic models that validate, so they cannot drift.

`profile_schema()` is the schema of the profile format; `result_schema()` of the JSON result
(`match --format json`, each `batch` line); `summary_schema()` and `batch_error_schema()` of the
other two kinds of `batch` line. The shipped copies under `gba_advisor/schemas/` are what
editors are pointed at (`gba-advisor init` writes the profile's into each profile it creates);
a test keeps them equal to the generated ones (`UPDATE_GOLDEN=1 pytest tests/test_schema.py`
regenerates them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def profile_schema() -> dict[str, Any]:
    """The JSON Schema of a profile, with field docstrings as descriptions."""
    from gba_advisor.core.profile.schema import Profile, describe_fields

    describe_fields()
    return Profile.model_json_schema()


def result_schema() -> dict[str, Any]:
    """The JSON Schema of a result, exactly as `AdvisorResult.to_dict()` writes it."""
    from gba_advisor.core.result.json_schema import Result

    return Result.model_json_schema()


def summary_schema() -> dict[str, Any]:
    """The JSON Schema of a `batch --summary` line."""
    from gba_advisor.core.result.json_schema import Summary

    return Summary.model_json_schema()


def batch_error_schema() -> dict[str, Any]:
    """The JSON Schema of a `batch` error line."""
    from gba_advisor.core.result.json_schema import ErrorLine

    return ErrorLine.model_json_schema()


SCHEMAS: Mapping[str, Callable[[], dict[str, Any]]] = {
    "profile": profile_schema,
    "result": result_schema,
    "summary": summary_schema,
    "batch-error": batch_error_schema,
}
"""Every schema by the name `gba-advisor schema NAME` knows it by."""


def schema_file(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


def schema_text(name: str) -> str:
    """A schema as printed and shipped: with its dialect, indented, keys sorted."""
    schema = {"$schema": DIALECT, **SCHEMAS[name]()}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
