"""JSON and YAML: the SPEC's result dictionary, serialised deterministically."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gba_advisor.core.api import Advice
    from gba_advisor.core.result.model import AdvisorResult


def to_json(result: AdvisorResult | Advice) -> str:
    """Byte-identical for the same input: key order is fixed by construction, floats rounded.

    An `Advice` adds its defence (robustness, counterfactuals) after the result's own keys."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def to_yaml(result: AdvisorResult | Advice) -> str:
    import yaml

    return yaml.safe_dump(
        result.to_dict(), allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
