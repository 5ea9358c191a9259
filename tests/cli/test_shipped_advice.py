"""The shipped knowledge base, pinned by the advice it gives rather than by expected text.

For each shipped example (examples/*.yaml), `match --format json` on the shipped data must give
the recommended layout (function -> platform), the overall ranking and the order of the
platforms for each function written in tests/golden/shipped_advice.yaml. A policy edit that
changes the advice fails here with a diff of one line per ranking; one that only rewords a
reason, a source or a score that moves no platform does not. After an intended change of the
advice, regenerate the file with UPDATE_GOLDEN=1 and review its diff.

The rendering of a result is pinned elsewhere, by golden files on the tiny knowledge base
(tests/golden/tiny/).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from gba_advisor.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
ADVICE = ROOT / "tests" / "golden" / "shipped_advice.yaml"
AS_OF = "2026-11-26"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
HEADER = f"""\
# The advice of the shipped knowledge base for each shipped example, as of {AS_OF}: the
# recommended layout, the overall ranking and each function's ranking, best first
# ("cannot host": the platform is gated out for that function). Checked by
# tests/cli/test_shipped_advice.py; regenerate with UPDATE_GOLDEN=1 and review the diff.
"""


class FlowLists(yaml.SafeDumper):
    """Writes each ranking on one line: `rd: [loop, nansha, hengqin, qianhai]`."""


FlowLists.add_representer(
    list, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, True)
)


def ranked(entries: list[dict[str, Any]]) -> list[str]:
    return [
        f"{e['platform']} (cannot host)" if e.get("excluded") else e["platform"] for e in entries
    ]


def advice_of(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "layout": dict(result["layout"]["assignments"]),
        "ranking": ranked(result["ranking"]),
        "by_function": {f: ranked(entries) for f, entries in result["by_function"].items()},
    }


def as_lines(advice: dict[str, Any]) -> list[str]:
    """One line per ranking, so that pytest's diff points at the function that moved."""
    layout = ", ".join(f"{f} -> {p}" for f, p in advice["layout"].items())
    return [
        f"layout: {layout}",
        f"ranking: {' > '.join(advice['ranking'])}",
        *(f"{f}: {' > '.join(order)}" for f, order in advice["by_function"].items()),
    ]


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    # The shipped data, whatever GBA_ADVISOR_DATA says in the developer's shell.
    runner = CliRunner(env={"NO_COLOR": "1", "GBA_ADVISOR_DATA": None})
    found = {}
    for path in EXAMPLES:
        outcome = runner.invoke(app, ["match", str(path), "--as-of", AS_OF, "--format", "json"])
        assert outcome.exit_code == 0, outcome.stderr
        found[path.stem] = json.loads(outcome.stdout)
    if UPDATE:
        pinned = {name: advice_of(result) for name, result in found.items()}
        text = yaml.dump(pinned, Dumper=FlowLists, sort_keys=False, allow_unicode=True, width=100)
        ADVICE.write_text(HEADER + text, encoding="utf-8")
    return found


@pytest.fixture(scope="module")
def pinned(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ADVICE.read_text(encoding="utf-8"))
    return loaded


def test_every_shipped_example_is_pinned(
    results: dict[str, dict[str, Any]], pinned: dict[str, Any]
) -> None:
    assert sorted(pinned) == sorted(results), "regenerate with UPDATE_GOLDEN=1"


@pytest.mark.parametrize("name", [path.stem for path in EXAMPLES])
def test_the_advice_for_each_shipped_example_is_pinned(
    results: dict[str, dict[str, Any]], pinned: dict[str, Any], name: str
) -> None:
    assert name in pinned, "regenerate with UPDATE_GOLDEN=1"
    assert as_lines(advice_of(results[name])) == as_lines(pinned[name])


@pytest.mark.parametrize("name", [path.stem for path in EXAMPLES])
def test_every_contribution_names_a_rule_a_reason_and_a_listed_source(
    results: dict[str, dict[str, Any]], name: str
) -> None:
    """A contribution that gives points cites a source the result lists; one of 0 points may
    say that there is nothing to cite ("names none of the secondary sectors")."""
    result = results[name]
    entries = [*result["ranking"], *(e for es in result["by_function"].values() for e in es)]
    contributions = [(e["platform"], c) for e in entries for c in e["contributions"]]
    assert [(p, c) for p, c in contributions if not (c["rule"] and c["reason"].strip())] == []
    unsourced = [
        (platform, c["rule"], c["reason"])
        for platform, c in contributions
        if c["points"] and not (c["source"] and c["sources"])
    ]
    assert unsourced == []
    unlisted = {s for _, c in contributions for s in c["sources"]} - set(result["sources"])
    assert unlisted == set()
