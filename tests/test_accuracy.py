"""The advice on real placements: better than a lookup table, on a set that covers the field.

The calibration set is `benchmarks/placements/`; `benchmarks/accuracy.py` scores the shipped
model on it (the README gives its figures). These tests keep the claims the README makes true.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from gba_advisor import load_knowledge_base
from gba_advisor.core.vocabulary import FunctionId, Home

ROOT = Path(__file__).resolve().parents[1]
PLATFORMS = ("hengqin", "qianhai", "nansha", "loop")


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy"] = module
    spec.loader.exec_module(module)
    return module


accuracy = _benchmark()


@pytest.fixture(scope="module")
def report() -> object:
    return accuracy.evaluate(accuracy.load_cases(), load_knowledge_base())


def test_the_set_covers_every_platform_function_and_home() -> None:
    cases = accuracy.load_cases()
    went = Counter(p for case in cases for p in case.expected.values())
    functions = Counter(f for case in cases for f in case.expected)
    homes = {case.profile["home"] for case in cases}

    assert len(cases) >= 60
    assert all(went[p] >= 10 for p in PLATFORMS), went
    assert all(functions[f] >= 4 for f in FunctionId), functions
    assert homes == {h.value for h in Home}


def test_every_case_cites_an_address_and_holds_a_third_out() -> None:
    cases = accuracy.load_cases()
    split = [case for case in cases if not case.after_tuning]
    held_out = sum(case.held_out for case in split)

    assert all(case.source.url.startswith(("http://", "https://")) for case in cases)
    assert len(split) / 4 <= held_out <= len(split) / 2


def test_the_model_beats_both_lookup_baselines(report: object) -> None:
    for split in ("all", "hold-out"):
        figures = report.by_split[split]  # type: ignore[attr-defined]
        assert figures.top1 > figures.lookup, split
        assert figures.top1 > figures.lookup_macao, split
        assert figures.top2 >= figures.top1


def test_the_home_function_ceiling_bounds_both_lookups(report: object) -> None:
    """Both lookups are tables by home and function, so the best such table, fitted in
    sample, places at least as many functions as either."""
    ceiling = report.home_function_ceiling()  # type: ignore[attr-defined]
    figures = report.by_split["all"]  # type: ignore[attr-defined]

    assert figures.lookup <= ceiling < 100.0
    assert figures.lookup_macao <= ceiling


def test_a_miss_names_the_rule_that_decided_it(report: object) -> None:
    misses = report.misses()  # type: ignore[attr-defined]

    assert misses
    assert all(miss.decided_by for miss in misses)


def test_a_case_whose_functions_differ_from_its_expectation_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "cases:\n"
        "  - id: bad\n"
        "    organisation: X\n"
        "    source: {publisher: P, title: T, date: 2024-01-01, url: 'https://example.org'}\n"
        "    placed: x\n"
        "    description: x\n"
        "    profile: {name: X, home: mainland, sector: finance, functions: [rd]}\n"
        "    expected: {finance: qianhai}\n",
        encoding="utf-8",
    )

    with pytest.raises(ValueError, match="exactly the profile's functions"):
        accuracy.load_cases(tmp_path)
