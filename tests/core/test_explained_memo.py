"""What explaining remembers between profiles changes nothing: the same contributions, facts,
ids and texts as when everything is written afresh (issue 11: `batch --explain` speed)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from gba_advisor.batch import explained
from gba_advisor.batch.explained import explained_dict, text_id
from gba_advisor.batch.ledger import TextLedger
from gba_advisor.core.api import Advisor, load_knowledge_base
from gba_advisor.core.profile.loader import load_profile
from gba_advisor.core.result.model import AdvisorResult, rounded
from gba_advisor.core.scoring import explain
from gba_advisor.core.scoring.rules.standing import basis_for
from gba_advisor.core.scoring.score import score_profile

KB = load_knowledge_base()
EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
DAYS = (dt.date(2025, 3, 1), dt.date(2026, 11, 30))


def _results(day: dt.date) -> list[AdvisorResult]:
    advisor = Advisor(KB, day)
    return [advisor.advise(load_profile(path, KB)) for path in EXAMPLES]


def _forget() -> None:
    explain._TEXTS.clear()
    for memo in (
        explained._by_contribution,
        explained._by_text,
        explained._reason_ids,
        explained._citations,
    ):
        memo.clear()


@pytest.mark.parametrize("day", DAYS)
def test_remembered_texts_give_what_fresh_ones_give(day: dt.date) -> None:
    """Each example advised after all the others (warm memos) and alone (cold) is the same."""
    _results(day)  # every memo warm with every example
    warm = [explained_dict(result) for result in _results(day)]
    cold = []
    for path in EXAMPLES:
        _forget()
        result = Advisor(KB, day).advise(load_profile(path, KB))
        cold.append((result.to_dict(), explained_dict(result)))
    for (line, texts), (full, (cold_line, cold_texts)) in zip(warm, cold, strict=True):
        assert line == cold_line
        assert texts == cold_texts
        # The line cites the result's sources, which are exactly those of its facts.
        cited = {source for fact in texts["facts"].values() for source in fact["sources"]}
        assert set(texts["sources"]) == set(full["sources"]) == cited


def test_every_fact_id_is_the_hash_of_its_text() -> None:
    for result in _results(DAYS[1]):
        line, texts = explained_dict(result)
        contributions = [
            (c, written)
            for function, entries in result.by_function.items()
            for entry, entry_line in zip(entries, line["by_function"][function.value], strict=True)
            for c, written in zip(entry.contributions, entry_line["contributions"], strict=True)
        ]
        for c, (key, points, weight) in contributions:
            value = rounded(c.value)
            assert key == text_id("F", c.rule, repr(value), c.reason, *c.sources)
            assert texts["facts"][key] == {
                "rule": c.rule,
                "value": value,
                "reason": c.reason,
                "sources": list(c.sources),
            }
            assert (points, weight) == (rounded(c.points), rounded(c.weight))


def test_scores_explained_after_other_profiles_keep_their_reasons() -> None:
    """The explainer keeps reasons per platform across profiles: a profile's contributions do
    not depend on which profiles came before it."""
    basis = basis_for(KB, DAYS[0])
    profiles = [load_profile(path, KB) for path in EXAMPLES]
    first = [score_profile(basis, profile) for profile in profiles]
    order = list(range(len(profiles)))
    random.Random(11).shuffle(order)
    explain._TEXTS.clear()
    again = {i: score_profile(basis, profiles[i]) for i in order}
    for i, scores in enumerate(first):
        assert again[i] == scores


def test_the_ledger_writes_new_texts_sorted_and_skips_those_written_before() -> None:
    ledger = TextLedger({("facts", "Fb")})
    record = ledger.record({"facts": {"Fc": 3, "Fb": 2, "Fa": 1}, "sources": {"s": {}}})
    assert record == {"texts": {"facts": {"Fa": 1, "Fc": 3}, "sources": {"s": {}}}}
    assert list(record["texts"]["facts"]) == ["Fa", "Fc"]
    assert ledger.record({"facts": {"Fa": 1, "Fb": 2}}) is None
    assert ("facts", "Fa") in ledger.written
