"""`gba-advisor data check` and `data init` through Typer's runner: exit codes, stdout, stderr."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gba_advisor.cli.app import app
from gba_advisor.core.kb.loader import DATA_ENV, FILES, content_hash, default_data_dir

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = default_data_dir()
NANSHA_CLIENT = ROOT / "examples" / "world_manufacturer.yaml"
PROBLEM_KEYS = {
    "kind",
    "exit_code",
    "message",
    "location",
    "hint",
    "suggestion",
    "text",
    "related",
}
"""The one shape of an error as data: a batch error line's `error` has the same keys."""


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1", DATA_ENV: "", **(env or {})}
    )
    return result.exit_code, result.stdout, result.stderr


def faulty_copy(tmp_path: Path) -> Path:
    """The shipped data with an unknown sector (line 130-ish) and a weight of 300."""
    folder = tmp_path / "faulty"
    shutil.copytree(SHIPPED, folder)
    platforms = folder / "platforms.yaml"
    text = platforms.read_text(encoding="utf-8")
    platforms.write_text(
        text.replace("{sector: integrated_circuits,", "{sector: integrated_circuit,", 1),
        encoding="utf-8",
    )
    rules = folder / "rules.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("    weight: 30\n", "    weight: 300\n", 1),
        encoding="utf-8",
    )
    return folder


def line_of(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


def test_the_shipped_data_checks_clean() -> None:
    code, out, err = run("data", "check", "--as-of", "2026-06-01")

    assert code == 0, err
    assert out.startswith(f"{SHIPPED}: no problems: knowledge base 2026.1, 4 platforms, ")
    assert "error" not in err


def test_clean_data_lists_the_dated_incentives_as_notes() -> None:
    code, _, err = run("data", "check", "--as-of", "2026-06-01")

    assert code == 0
    platforms = SHIPPED / "platforms.yaml"
    assert (
        f"note: {platforms}:{line_of(platforms, 'valid_until: 2026-12-31')}:22: Nansha: 15 % CIT"
        in err
    )
    assert "ends 2026-12-31, in 213 days" in err
    qianhai = "Qianhai: 15 % CIT for encouraged industries in Qianhai (Caishui [2021] No.30)"
    assert f"{qianhai}: ended 2025-12-31" in err
    assert "end date unverified" in err


def test_every_problem_is_reported_on_stderr_with_file_line_and_a_caret(tmp_path: Path) -> None:
    folder = faulty_copy(tmp_path)

    code, out, err = run("data", "check", "--data-dir", str(folder))

    assert (code, out) == (3, "")
    sector_line = line_of(folder / "platforms.yaml", "{sector: integrated_circuit,")
    assert f"error: {folder / 'platforms.yaml'}:{sector_line}:18: unknown sector" in err
    assert "did you mean `integrated_circuits`?" in err
    weight = f"error: {folder / 'rules.yaml'}:12:13: 300 is out of range: it must be at most 100"
    assert weight in err
    assert "\n    12 |     weight: 300\n" + " " * 21 + "^\n" in err
    assert err.rstrip().endswith(f"2 problems in {folder}")
    assert "Traceback" not in err


def test_json_lists_every_problem_with_stable_keys(tmp_path: Path) -> None:
    folder = faulty_copy(tmp_path)

    code, out, err = run("data", "check", "--data-dir", str(folder), "--format", "json")

    assert (code, err) == (3, "")
    report = json.loads(out)
    assert report["valid"] is False
    assert report["knowledge_base"] is None
    assert report["data_dir"] == str(folder)
    assert [set(problem) for problem in report["problems"]] == [PROBLEM_KEYS, PROBLEM_KEYS]
    first, second = report["problems"]
    assert (first["kind"], first["exit_code"]) == ("invalid_input", 3)
    assert first["location"]["file"] == str(folder / "platforms.yaml")
    assert first["location"]["field"] == "platforms[0].priority_industries[1].sector"
    assert first["suggestion"] == "integrated_circuits"
    where = second["location"]
    assert (where["file"], where["line"], where["column"]) == (str(folder / "rules.yaml"), 12, 13)
    assert second["suggestion"] is None
    assert second["text"].startswith(f"{folder / 'rules.yaml'}:12:13: ")
    assert out == run("data", "check", "--data-dir", str(folder), "--format", "json")[1]


def test_json_for_clean_data_records_version_and_hash() -> None:
    code, out, _ = run("data", "check", "-f", "json", "--as-of", "2026-06-01")

    assert code == 0
    report = json.loads(out)
    assert report["valid"] is True
    assert report["problems"] == []
    assert report["as_of"] == "2026-06-01"
    summary = report["knowledge_base"]
    assert summary["version"] == "2026.1"
    assert summary["content_hash"] == content_hash(SHIPPED)
    assert summary["platforms"] == ["hengqin", "qianhai", "nansha", "loop"]
    assert {note["code"] for note in report["notes"]} == {
        "expired",
        "expiring",
        "end_unverified",
        "unofficial_only",
    }


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_a_missing_folder_exits_3_with_a_clear_message(tmp_path: Path, output_format: str) -> None:
    missing = tmp_path / "nowhere"

    code, out, err = run("data", "check", "--data-dir", str(missing), "-f", output_format)

    assert code == 3
    if output_format == "json":
        (problem,) = json.loads(out)["problems"]
        assert problem["message"] == "knowledge base folder not found"
        assert "data init" in problem["hint"]
    else:
        assert out == ""
        assert f"error: {missing}: knowledge base folder not found" in err
        assert "hint: `gba-advisor data init DIR` creates one from the shipped data" in err


def test_the_environment_variable_chooses_the_folder(tmp_path: Path) -> None:
    folder = faulty_copy(tmp_path)

    code, _, err = run("data", "check", env={DATA_ENV: str(folder)})
    assert code == 3
    assert str(folder) in err

    code, _, _ = run("data", "check", "--data-dir", str(SHIPPED), env={DATA_ENV: str(folder)})
    assert code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("data", "check", "--as-of", "soon"), "'soon' is not a date like 2027-06-01"),
        (("data", "check", "--format", "xml"), "'xml' is not one of"),
        (("data", "init"), "Missing argument 'DIR'"),
    ],
)
def test_bad_usage_exits_2(args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*args)

    assert (code, out) == (2, "")
    assert message in err


def test_data_without_a_command_shows_help() -> None:
    code, out, err = run("data")

    assert code in (0, 2)
    assert "check" in out + err
    assert "init" in out + err


def test_init_copies_the_shipped_data_and_the_copy_is_usable(tmp_path: Path) -> None:
    target = tmp_path / "my" / "kb"

    code, out, err = run("data", "init", str(target))

    assert (code, err) == (0, "")
    assert [line for line in out.splitlines() if line.startswith("wrote")] == [
        f"wrote {target / name}" for name in FILES
    ]
    assert f"--data-dir {target}" in out
    for name in FILES:
        assert (target / name).read_bytes() == (SHIPPED / name).read_bytes()
    assert run("data", "check", "--data-dir", str(target))[0] == 0
    code, out, _ = run("match", str(NANSHA_CLIENT), "--data-dir", str(target), "-f", "json")
    assert code == 0
    assert json.loads(out)["knowledge_base"]["content_hash"] == content_hash(SHIPPED)


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "kb"
    target.mkdir()
    (target / "rules.yaml").write_text("# my edits\n", encoding="utf-8")

    code, out, err = run("data", "init", str(target))

    assert (code, out) == (2, "")
    assert f"error: {target}: would overwrite rules.yaml" in err
    assert "hint: pass --force to overwrite them, or choose another folder" in err
    assert (target / "rules.yaml").read_text(encoding="utf-8") == "# my edits\n"
    assert not (target / "platforms.yaml").exists()


def test_init_with_force_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "kb"
    assert run("data", "init", str(target))[0] == 0
    (target / "rules.yaml").write_text("# my edits\n", encoding="utf-8")

    code, _, err = run("data", "init", str(target), "--force")

    assert (code, err) == (0, "")
    assert (target / "rules.yaml").read_bytes() == (SHIPPED / "rules.yaml").read_bytes()


def test_init_onto_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "kb"
    target.write_text("x", encoding="utf-8")

    code, _, err = run("data", "init", str(target))

    assert code == 2
    assert f"error: {target}: is a file, not a folder" in err


def test_init_where_a_folder_cannot_be_made_exits_3(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")

    code, _, err = run("data", "init", str(blocker / "kb"))

    assert code == 3
    assert "could not write the knowledge base: not a directory" in err
    assert "Traceback" not in err


def test_markup_and_escapes_in_the_data_are_shown_literally(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    shutil.copytree(SHIPPED, folder)
    platforms = folder / "platforms.yaml"
    text = platforms.read_text(encoding="utf-8")
    hostile = '"[red]chips[/red] [link=http://example.invalid]x\\e[2J"'
    platforms.write_text(
        text.replace("{sector: integrated_circuits,", f"{{sector: {hostile},", 1), encoding="utf-8"
    )

    code, out, err = run("data", "check", "--data-dir", str(folder))

    assert (code, out) == (3, "")
    assert "[red]chips[/red] [link=http://example.invalid]x\\x1b[2J" in err
    assert "\x1b" not in err
    code, out, _ = run("data", "check", "--data-dir", str(folder), "-f", "json")
    assert code == 3
    assert "\x1b" not in out
    messages = [problem["message"] for problem in json.loads(out)["problems"]]
    assert any("[red]chips[/red] [link=http://example.invalid]x\x1b[2J" in m for m in messages)


def test_match_warns_about_the_reference_s_expiring_incentives() -> None:
    code, out, err = run("match", str(NANSHA_CLIENT), "--as-of", "2026-06-01", "-f", "json")

    assert code == 0
    result = json.loads(out)
    assert set(result["layout"]["assignments"].values()) == {"nansha"}
    expiring = [w["message"] for w in result["warnings"] if w["code"] == "incentive_expiring"]
    nansha = "Nansha: 15 % CIT in the three launching areas (Caishui [2022] No.40)"
    assert f"{nansha} ends 2026-12-31, within 213 days of 2026-06-01" in expiring
    assert "ends 2026-12-31, within 213 days of 2026-06-01" in err
    assert result["as_of"] == "2026-06-01"
    assert result["knowledge_base"] == {"version": "2026.1", "content_hash": content_hash(SHIPPED)}


def test_match_leaves_out_incentives_expired_by_the_as_of_date() -> None:
    code, out, _ = run("match", str(NANSHA_CLIENT), "--as-of", "2027-06-01", "-f", "json")

    assert code == 0
    result = json.loads(out)
    expired = [w["message"] for w in result["warnings"] if w["code"] == "incentive_expired"]
    assert any(
        m.startswith("Nansha: 15 % CIT in the three launching areas")
        and "ended 2026-12-31 and is not counted as of 2027-06-01" in m
        for m in expired
    )
    tax = next(
        c
        for c in result["by_function"]["manufacturing"][0]["contributions"]
        if c["rule"] == "priority.tax"
    )
    assert "expired: 15 % CIT in the three launching areas" in tax["reason"]


def test_platforms_id_gives_the_incentives_with_their_dates() -> None:
    code, out, err = run("platforms", "nansha")

    assert code == 0, err
    assert "2026-12-31" in out
    assert "Caishui [2022] No.40" in out
