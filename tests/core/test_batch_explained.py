"""Batch lines by reference: small lines, each text once per run, and nothing lost on expansion."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

import gba_advisor
from gba_advisor.batch.explained import compact_dict, expand, explained_dict
from gba_advisor.batch.ledger import TextLedger
from gba_advisor.core.result.model import AdvisorResult

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
AS_OF = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def results() -> list[AdvisorResult]:
    kb = gba_advisor.load_knowledge_base()
    advisor = gba_advisor.Advisor(kb, AS_OF)
    return [advisor.advise(gba_advisor.load_profile(path, kb)) for path in EXAMPLES]


def stream(results: list[AdvisorResult]) -> list[dict[str, Any]]:
    """What a run writes: a texts record before the first line that needs it, then the line."""
    ledger = TextLedger()
    records: list[dict[str, Any]] = []
    for result in results:
        line, texts = explained_dict(result)
        record = ledger.record(texts)
        if record is not None:
            records.append(record)
        records.append(line)
    return json.loads(json.dumps(records))  # type: ignore[no-any-return]


def test_expanding_a_stream_gives_back_every_contribution_match_prints(
    results: list[AdvisorResult],
) -> None:
    expanded = list(expand(stream(results)))
    assert len(expanded) == len(results)
    for line, result in zip(expanded, results, strict=True):
        full = result.to_dict()
        assert line["by_function"] == full["by_function"]
        assert line["layout"]["breakdown"] == full["layout"]["breakdown"]
        assert line["layout"]["rationale"] == full["layout"]["rationale"]
        assert line["weighting"] == full["weighting"]
        assert set(line["sources"]) <= set(full["sources"])
        assert all(line["sources"][key] == full["sources"][key] for key in line["sources"])


def test_each_text_is_written_once_per_run(results: list[AdvisorResult]) -> None:
    records = stream(results + results)
    written = [
        (kind, key)
        for record in records
        if "texts" in record
        for kind, entries in record["texts"].items()
        for key in entries
    ]
    assert len(written) == len(set(written))
    # The second pass over the same profiles needs no new text.
    assert not any("texts" in record for record in records[-len(results) :])


def test_explained_lines_stay_small_and_refer_to_texts_by_id(
    results: list[AdvisorResult],
) -> None:
    for result in results:
        line, texts = explained_dict(result)
        size = len(json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode())
        assert size < 10_000, (result.profile.name, size)
        contribution = line["by_function"][result.function_order[0].value][0]["contributions"][0]
        assert re.fullmatch(r"F[A-Za-z0-9_-]{8}", contribution[0])
        assert contribution[0] in texts["facts"]
        assert "reason" not in json.dumps(line)


def test_the_compact_line_has_every_functions_scores_and_no_contribution(
    results: list[AdvisorResult],
) -> None:
    for result in results:
        line = compact_dict(result)
        assert set(line["by_function"]) == {f.value for f in result.function_order}
        assert "contributions" not in json.dumps(line)
        assert line["layout"]["assignments"] == result.to_dict()["layout"]["assignments"]


def test_a_line_whose_texts_are_missing_says_which(results: list[AdvisorResult]) -> None:
    line, _ = explained_dict(results[0])
    with pytest.raises(KeyError, match=r"F[A-Za-z0-9_-]{8}"):
        list(expand([json.loads(json.dumps(line))]))
