"""JSON Schemas generated from the same pydantic models that validate, so they cannot drift.

`profile_schema()` is the schema of the profile format; the shipped copy under
`gba_advisor/schemas/` is what `gba-advisor init` points editors at (a test keeps it current).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
PROFILE_SCHEMA_FILE = SCHEMA_DIR / "profile.schema.json"


def profile_schema() -> dict[str, Any]:
    """The JSON Schema of a profile, with field docstrings as descriptions."""
    from gba_advisor.core.profile.schema import Profile

    return Profile.model_json_schema()
