"""JSON and YAML: the SPEC's result dictionary, serialised deterministically."""

from __future__ import annotations

import json

from gba_advisor.core.result.model import AdvisorResult


def to_json(result: AdvisorResult) -> str:
    """Byte-identical for the same input: key order is fixed by construction, floats rounded."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def to_yaml(result: AdvisorResult) -> str:
    import yaml

    return yaml.safe_dump(
        result.to_dict(), allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
