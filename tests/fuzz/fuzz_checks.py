"""What every fuzz case must satisfy: the outcome is a result that meets the SPEC's invariants,
or an invalid-input (3) or no-layout (4) error with a message; never anything else.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from typing import Any

from gba_advisor.core.errors import AdvisorError, ExitCode
from gba_advisor.core.result.model import AdvisorResult
from gba_advisor.render.data_formats import to_json

ALLOWED_FAILURES = {ExitCode.INVALID_INPUT, ExitCode.NO_LAYOUT}


def outcome(advise: Callable[[], AdvisorResult]) -> AdvisorResult | AdvisorError:
    """Run `advise`; an AdvisorError must carry a documented exit code and a message.

    Any other exception propagates and fails the test: that is the exit 1 (a bug) the fuzz
    suite exists to find.
    """
    try:
        return advise()
    except AdvisorError as error:
        assert_reported(error)
        return error


def assert_reported(error: AdvisorError) -> None:
    assert error.exit_code in ALLOWED_FAILURES, (type(error), error)
    for problem in (error, *error.related):
        assert problem.message.strip(), repr(problem)


def assert_spec_invariants(
    result: AdvisorResult, functions: Iterable[str], platforms: Iterable[str]
) -> dict[str, Any]:
    """The SPEC's promises about the JSON result; returns it parsed."""
    text = to_json(result)  # allow_nan=False: a NaN anywhere would raise here
    data = json.loads(text)
    known = set(platforms)
    wanted = set(functions)
    assert data["schema_version"] == 1
    assert {"profile", "ranking", "by_function", "layout", "alternatives", "warnings"} <= set(data)
    assert {"version", "content_hash"} <= set(data["knowledge_base"])
    assert data["as_of"]
    _assert_ranked(data["ranking"], known)
    assert set(data["by_function"]) == wanted
    for entries in data["by_function"].values():
        _assert_ranked(entries, known)
    layout = data["layout"]
    assert set(layout["assignments"]) == wanted
    assert set(layout["assignments"].values()) <= known
    assert {site["platform"] for site in layout["sites"]} == set(layout["assignments"].values())
    deltas = [alternative["delta"] for alternative in data["alternatives"]]
    assert all(delta <= 0 for delta in deltas)
    assert deltas == sorted(deltas, reverse=True)
    return data


def _assert_ranked(entries: list[dict[str, Any]], known: set[str]) -> None:
    assert {entry["platform"] for entry in entries} == known
    keys = [(-entry["score"], entry["platform"]) for entry in entries]
    assert keys == sorted(keys)
    for entry in entries:
        assert 0.0 <= entry["score"] <= 100.0
        assert math.isfinite(entry["score"])
        if "contributions" in entry:
            points = sum(c["points"] for c in entry["contributions"])
            # Each contribution is rounded to 2 decimals on its own.
            assert abs(points - entry["score"]) <= 0.01 * (len(entry["contributions"]) + 1)
