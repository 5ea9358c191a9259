"""The Python API: what `import gba_advisor` offers, and that it is what the CLI prints."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gba_advisor
from gba_advisor.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "tech_rd_loop_branches_nansha.yaml"
AS_OF = dt.date(2026, 11, 26)


def match_json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["match", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_advise_returns_the_object_match_prints() -> None:
    result = gba_advisor.advise(EXAMPLE, as_of=AS_OF)
    assert isinstance(result, gba_advisor.AdvisorResult)
    assert result.to_dict() == match_json(str(EXAMPLE), "--as-of", AS_OF.isoformat())


def test_the_advisor_reuses_one_knowledge_base_for_many_profiles() -> None:
    kb = gba_advisor.load_knowledge_base()
    advisor = gba_advisor.Advisor(kb, AS_OF)
    profile = gba_advisor.load_profile(EXAMPLE, kb)
    result = advisor.advise(profile, max_sites=1)
    expected = match_json(str(EXAMPLE), "--as-of", AS_OF.isoformat(), "--max-sites", "1")
    assert result.to_dict() == expected
    assert set(result.layout.assignments.values()) == {"nansha"}


def test_advise_many_keeps_going_past_a_bad_profile() -> None:
    good = {"name": "A", "home": "macao", "sector": "TCM", "functions": ["rd", "manufacturing"]}
    outcomes = list(gba_advisor.advise_many([good, {"name": "B"}, EXAMPLE], as_of=AS_OF))
    first, second, third = outcomes
    assert isinstance(first, gba_advisor.AdvisorResult)
    assert first.profile.sector == "traditional_chinese_medicine"
    assert isinstance(second, Exception)
    assert "this required field is missing" in str(second)
    assert isinstance(third, gba_advisor.AdvisorResult)
    assert third.to_dict() == match_json(str(EXAMPLE), "--as-of", AS_OF.isoformat())


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        gba_advisor.advise_everything  # noqa: B018


def test_every_exported_name_resolves() -> None:
    for name in gba_advisor.__all__:
        assert getattr(gba_advisor, name) is not None


def test_importing_the_package_loads_nothing_heavy() -> None:
    probe = (
        "import sys, gba_advisor; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'rich', 'typer', 'rapidfuzz') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    "example", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda path: path.name
)
def test_advise_without_explanation_gives_the_same_numbers(example: Path) -> None:
    from gba_advisor.core.api import Advisor, load_knowledge_base, load_profile

    kb = load_knowledge_base()
    advisor = Advisor(kb, AS_OF)
    profile = load_profile(example, kb)
    full = advisor.advise(profile).to_dict()
    bare = advisor.advise(profile, explain=False).to_dict(explain=False)

    assert bare["ranking"] == [
        {k: v for k, v in entry.items() if k != "contributions"} for entry in full["ranking"]
    ]
    for function, entries in full["by_function"].items():
        assert [(e["platform"], e["score"]) for e in bare["by_function"][function]] == [
            (e["platform"], e["score"]) for e in entries
        ]
    assert bare["layout"]["assignments"] == full["layout"]["assignments"]
    assert bare["layout"]["score"] == full["layout"]["score"]
    assert bare["alternatives"] == full["alternatives"]
    assert bare["warnings"] == full["warnings"]


def test_the_defence_wraps_the_result_and_follows_its_keys() -> None:
    from gba_advisor.core.api import AdviceOptions, DefenceSettings, advise_file

    kb = gba_advisor.load_knowledge_base()
    options = AdviceOptions(as_of=AS_OF, defence=DefenceSettings(draws=20))
    advice = advise_file(EXAMPLE, kb, options)
    assert advice.defence is not None
    plain = advice.result.to_dict()
    assert "robustness" not in plain
    assert "counterfactuals" not in plain
    assert list(advice.to_dict()) == [*plain, "robustness", "counterfactuals"]
    assert advice.to_dict() == match_json(
        str(EXAMPLE), "--as-of", AS_OF.isoformat(), "--robustness", "--draws", "20"
    )
