"""A fifth platform added by YAML alone, to a copy made with `data init`, is taken into account
by every command: `data check`, `match`, `compare`, `batch` and `platforms`.

The entry is illustrative: its facts cite a source the test adds (a consultant's own notes),
exactly as a user extending the knowledge base would, and claim nothing about the real park.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gba_advisor.cli.app import app
from gba_advisor.core.kb.loader import DATA_ENV
from gba_advisor.core.vocabulary import FunctionId, Priority

AS_OF = "2026-06-01"
PROFILE = """\
name: Fifth Platform Robotics
home: hong_kong
sector: robotics
functions: [rd, manufacturing]
rd_intensity: high
rd_needs: [wet_lab, university_partnership]
target_markets: [hong_kong, mainland]
"""
SOURCE = """\
  - id: MY1
    title: "Site-visit notes (illustrative test entry, not a policy source)"
    publisher: "The consultant"
    date: "2026"
    official: false
"""


def _rated(level: float, what: str) -> str:
    return f"{{level: {level}, reason: 'Illustrative: {what}', sources: [MY1]}}"


def fifth_platform() -> str:
    """A complete platforms.yaml entry: all eight functions and all eight priorities."""
    functions = {f.value: 0 if f is FunctionId.MANUFACTURING else 3 for f in FunctionId}
    functions["rd"] = 5
    lines = [
        "  - id: hksp",
        '    name: {en: "Hong Kong Science Park (test entry)", zh: "香港科学园（测试）"}',
        '    short_name: {en: "Science Park", zh: "科学园"}',
        '    city: {en: "Hong Kong", zh: "香港"}',
        "    area: {km2: 0.22, note: illustrative, sources: [MY1]}",
        "    plans:",
        "      - {title: Illustrative plan, issuer: Test, date: 2001-06-01, sources: [MY1]}",
        "    positioning:",
        "      - {text: Illustrative R&D campus, sources: [MY1]}",
        "    partner_economies:",
        f"      hong_kong: {_rated(1.0, 'in Hong Kong')}",
        f"      global: {_rated(0.8, 'international tenants')}",
        "    home_affinity:",
        f"      hong_kong: {_rated(1.0, 'built for Hong Kong firms')}",
        "    priority_industries:",
        "      - {sector: robotics, weight: 1.0, sources: [MY1]}",
        "      - {sector: artificial_intelligence, weight: 1.0, sources: [MY1]}",
        "    functions:",
        *(
            f"      {name}: {{fit: {fit}, reason: 'Illustrative fit', sources: [MY1]}}"
            for name, fit in functions.items()
        ),
        "    rd_needs:",
        f"      wet_lab: {_rated(1.0, 'wet labs')}",
        f"      university_partnership: {_rated(1.0, 'universities nearby')}",
        "    strengths:",
        *(
            f"      {p.value}: {{level: 5, reason: 'Illustrative strength', sources: [MY1]}}"
            for p in Priority
        ),
        "    incentives:",
        "      - id: hksp_test_grant",
        "        kind: finance",
        "        title: Illustrative grant",
        "        summary: Illustrative grant that ends within the warning horizon",
        "        valid_from: 2020-01-01",
        "        valid_until: 2026-09-30",
        "        boosts: {cost: 1}",
        "        sources: [MY1]",
        "      - id: hksp_test_lab_fund",
        "        kind: finance",
        "        title: Illustrative lab fund",
        "        summary: Illustrative open-ended research funding",
        "        valid_from: 2020-01-01",
        "        boosts: {research: 3}",
        "        sources: [MY1]",
    ]
    return "\n".join(lines) + "\n"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    base = {"COLUMNS": "200", "NO_COLOR": "1", DATA_ENV: "", "GBA_ADVISOR_CACHE": "off"}
    result = CliRunner().invoke(app, list(args), env={**base, **(env or {})})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def extended(tmp_path: Path) -> Path:
    """A copy of the shipped data made with `data init`, plus a fifth platform and its source."""
    folder = tmp_path / "my-kb"
    code, _, err = run("data", "init", str(folder))
    assert code == 0, err
    with (folder / "platforms.yaml").open("a", encoding="utf-8") as handle:
        handle.write(fifth_platform())
    with (folder / "sources.yaml").open("a", encoding="utf-8") as handle:
        handle.write(SOURCE)
    return folder


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "client.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def test_data_check_accepts_the_fifth_platform(extended: Path) -> None:
    code, out, err = run("data", "check", "--data-dir", str(extended), "--as-of", AS_OF)

    assert code == 0, err
    assert ", 5 platforms, " in out
    assert "Science Park: Illustrative grant: ends 2026-09-30, in 121 days" in err


def test_a_fifth_platform_missing_a_function_is_reported(extended: Path) -> None:
    platforms = extended / "platforms.yaml"
    text = platforms.read_text(encoding="utf-8")
    platforms.write_text(
        text.replace("      tourism: {fit: 3, reason: 'Illustrative fit', sources: [MY1]}\n", ""),
        encoding="utf-8",
    )

    code, _, err = run("data", "check", "--data-dir", str(extended))

    assert code == 3
    assert "function `tourism` is missing" in err
    assert "field: platforms[4].functions" in err


def test_match_ranks_and_places_with_the_fifth_platform(extended: Path, profile: Path) -> None:
    code, out, err = run(
        "match", str(profile), "--data-dir", str(extended), "-f", "json", "--as-of", AS_OF
    )

    assert code == 0, err
    result = json.loads(out)
    assert {entry["platform"] for entry in result["ranking"]} == {
        "hengqin",
        "qianhai",
        "nansha",
        "loop",
        "hksp",
    }
    assert result["by_function"]["rd"][0]["platform"] == "hksp"
    assert result["layout"]["assignments"]["rd"] == "hksp"
    # Fit 0 is a hard gate: the test entry cannot host manufacturing.
    manufacturing = {e["platform"]: e for e in result["by_function"]["manufacturing"]}
    assert manufacturing["hksp"]["score"] == 0
    assert result["layout"]["assignments"]["manufacturing"] != "hksp"
    assert any(
        w["code"] == "incentive_expiring" and w.get("platform") == "hksp"
        for w in result["warnings"]
    )


def test_the_environment_variable_works_like_the_option(extended: Path, profile: Path) -> None:
    by_option = run(
        "match", str(profile), "--data-dir", str(extended), "-f", "json", "--as-of", AS_OF
    )
    by_variable = run(
        "match", str(profile), "-f", "json", "--as-of", AS_OF, env={DATA_ENV: str(extended)}
    )

    assert by_option[0] == 0
    assert by_option == by_variable


def test_the_table_names_the_fifth_platform(extended: Path, profile: Path) -> None:
    code, out, err = run("match", str(profile), "--data-dir", str(extended), "--as-of", AS_OF)

    assert code == 0, err
    assert "Science Park" in out


def test_compare_includes_the_fifth_platform(extended: Path, profile: Path) -> None:
    code, out, err = run("compare", "hksp", "loop", "-f", "json", env={DATA_ENV: str(extended)})

    assert code == 0, err
    assert "hksp" in out
    assert "Science Park" in out
    code, out, err = run(
        "compare", "--profile", str(profile), "--as-of", AS_OF, "-f", "json",
        env={DATA_ENV: str(extended)},
    )  # fmt: skip
    assert code == 0, err
    assert "hksp" in out


def test_batch_includes_the_fifth_platform(extended: Path, profile: Path, tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    for index in range(3):
        (folder / f"client{index}.yaml").write_text(
            PROFILE.replace("Robotics", f"Robotics {index}"), encoding="utf-8"
        )
    output = tmp_path / "out.jsonl"

    code, _, err = run(
        "batch", str(folder), "-o", str(output), "--as-of", AS_OF, env={DATA_ENV: str(extended)}
    )

    assert code == 0, err
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3
    for record in records:
        assert "hksp" in {entry["platform"] for entry in record["ranking"]}
        assert record["layout"]["assignments"]["rd"] == "hksp"


def test_platforms_lists_the_fifth_platform(extended: Path) -> None:
    code, out, err = run("platforms", env={DATA_ENV: str(extended)})

    assert code == 0, err
    assert "hksp" in out or "Science Park" in out
