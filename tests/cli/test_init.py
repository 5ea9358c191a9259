"""`gba-advisor init`, plain and interactive (fed through input), and the written YAML."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gba_advisor.cli.app import app
from gba_advisor.core.api import load_knowledge_base, load_profile
from gba_advisor.core.profile.loader import parse_profile
from gba_advisor.core.profile.schema import PROFILE_SCHEMA_FILE, Profile
from gba_advisor.core.profile.writer import EXAMPLE, profile_to_yaml, schema_line
from gba_advisor.core.source.document import parse_document

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, list(args), input=input, env={"COLUMNS": "120", "NO_COLOR": "1"}
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend a person is at the keyboard, so that the questions are asked."""
    monkeypatch.setattr("gba_advisor.cli.terminal.is_interactive", lambda: True)


def reread(text: str) -> Profile:
    return parse_profile(parse_document(text, "written.yaml"))


def test_init_writes_a_commented_profile_that_match_loads(tmp_path: Path) -> None:
    target = tmp_path / "client.yaml"
    code, out, err = run("init", str(target))
    assert (code, err) == (0, "")
    assert f"wrote {target}" in out
    text = target.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == schema_line()
    # A path relative to the profile: nothing of this machine or this install in the file.
    assert first == "# yaml-language-server: $schema=./profile.schema.json"
    assert str(PROFILE_SCHEMA_FILE.parent) not in text
    assert f"gba-advisor schema profile > {PROFILE_SCHEMA_FILE.name}" in text
    assert "# (required) The enterprise's name." in text
    assert "One of: mainland, hong_kong, macao, taiwan, foreign." in text
    assert "# home_country: Germany" in text
    assert reread(text) == Profile.model_validate(EXAMPLE)
    code, out, err = run("match", str(target), "--as-of", "2026-11-26", "-f", "json")
    assert code == 0, err


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "client.yaml"
    target.write_text("keep me", encoding="utf-8")
    code, out, err = run("init", str(target))
    assert (code, out) == (2, "")
    assert "--force" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run("init", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_init_dash_prints_the_profile(tmp_path: Path) -> None:
    code, out, err = run("init", "-")
    assert (code, err) == (0, "")
    assert reread(out).name == "Helix Biotech"


def test_init_into_a_missing_folder_is_invalid_input(tmp_path: Path) -> None:
    code, out, err = run("init", str(tmp_path / "no" / "such" / "p.yaml"))
    assert (code, out) == (3, "")
    assert "could not write the profile: no such file or directory" in err


def test_interactive_without_a_terminal_stops_at_once(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    code, out, err = run("init", "--interactive", str(target), input="X\n")
    assert (code, out) == (2, "")
    assert "needs a terminal" in err
    assert not target.exists()


ANSWERS = [
    "",  # name is required: asked again
    "Lotus: Herbal",
    "7",  # not a home region: asked again
    "macao",
    "tcm",  # an alias: written as the id it resolves to
    "helth food, zzzz",  # nothing matches zzzz: asked again
    "health food",
    "rd manufactring",  # a typo: asked again, with a suggestion
    "1 3 trade",  # numbers from the list shown, or ids
    "",  # R&D intensity: the default
    "pilot_production",
    "mainland, macao, portuguese_speaking",
    "4",
    "",
    "9",  # not 0-5: asked again
    "5",
    "4",
    "",
    "",
    "",
    "2",
    "0",  # not a number of sites: asked again
    "",
    "",
    "rd=hengqin",
]


def test_interactive_asks_field_by_field_and_checks_each_answer(
    terminal: None, tmp_path: Path
) -> None:
    target = tmp_path / "p.yaml"
    code, out, err = run("init", "-i", str(target), input="\n".join(ANSWERS) + "\n")
    assert (code, err) == (0, "")
    out = " ".join(out.split())  # the console wraps long messages
    assert "an answer is needed here" in out
    assert "`7` is not one of: mainland, hong_kong, macao, taiwan, foreign" in out
    assert "no sector matches `zzzz`" in out
    assert "`manufactring` is not one of" in out
    assert "did you mean `manufacturing`?" in out
    assert "a whole number from 0 (not at all) to 5 (decisive)" in out
    assert "a whole number from 1 to 64" in out
    assert f"wrote {target}" in out

    resolved = load_profile(target, load_knowledge_base())
    profile = resolved.profile
    assert profile.name == "Lotus: Herbal"
    assert profile.home.value == "macao"
    assert profile.sector == "traditional_chinese_medicine"
    assert resolved.sector.exact
    assert profile.secondary_sectors == ["health_food"]
    assert [f.value for f in profile.functions] == ["rd", "manufacturing", "trade"]
    assert profile.rd_intensity.value == "medium"
    assert [n.value for n in profile.rd_needs] == ["pilot_production"]
    assert [m.value for m in profile.target_markets] == ["mainland", "macao", "portuguese_speaking"]
    assert profile.priorities.model_dump() == {
        "tax": 4,
        "talent": 3,
        "market_access": 5,
        "cross_border": 4,
        "space": 3,
        "cost": 3,
        "research": 3,
        "finance_access": 2,
    }
    assert profile.constraints.max_sites is None
    assert profile.constraints.exclude == []
    assert {f.value: p for f, p in profile.constraints.pin.items()} == {"rd": "hengqin"}
    assert target.read_text(encoding="utf-8").splitlines()[0] == schema_line()


def test_interactive_input_that_ends_early_writes_nothing(terminal: None, tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    code, _, err = run("init", "-i", str(target), input="Lotus\nmacao\n")
    assert code == 2
    assert "the input ended" in err
    assert not target.exists()


@pytest.mark.parametrize(
    "name",
    ["yes", "null", "123", "#1 Corp", "a: b", "- dash", "'quoted'", '"double"', "中医 公司", "{x}"],
)
def test_names_yaml_would_misread_survive_the_round_trip(name: str) -> None:
    profile = Profile.model_validate({**EXAMPLE, "name": name})
    assert reread(profile_to_yaml(profile)) == profile


@settings(max_examples=60, deadline=None)
@given(
    name=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1
    ).filter(lambda s: 0 < len(s.strip()) <= 200),
    levels=st.lists(st.integers(0, 5), min_size=8, max_size=8),
    max_sites=st.none() | st.integers(1, 64),
)
def test_any_valid_profile_reads_back_equal(
    name: str, levels: list[int], max_sites: int | None
) -> None:
    keys = list(EXAMPLE["priorities"])
    profile = Profile.model_validate(
        {
            **EXAMPLE,
            "name": name,
            "priorities": dict(zip(keys, levels, strict=True)),
            "constraints": {"max_sites": max_sites, "pin": {"rd": "loop"}, "exclude": ["x y"]},
        }
    )
    assert reread(profile_to_yaml(profile)) == profile


def test_an_invalid_mapping_is_refused_with_the_field() -> None:
    from gba_advisor.core.errors import InputError

    with pytest.raises(InputError) as caught:
        profile_to_yaml({**EXAMPLE, "functions": []})
    assert caught.value.location is not None
    assert caught.value.location.field == "functions"


def test_interactive_interrupted_writes_nothing_and_exits_130(
    terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("gba_advisor.cli.questionnaire.ask_profile", interrupted)
    target = tmp_path / "p.yaml"
    code, out, err = run("init", "-i", str(target))
    assert (code, out) == (130, "")
    assert "interrupted; nothing was written" in err
    assert not target.exists()
