"""`gba-advisor batch` through Typer's runner: lines, order, errors, formats, engines."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from gba_advisor.batch.explained import expand
from gba_advisor.batch.output import CSV_COLUMNS
from gba_advisor.cli import batch_progress
from gba_advisor.cli.app import app
from gba_advisor.core.result.json_schema import ErrorLine, Result, Summary

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
AS_OF = "2026-11-26"
BROKEN = '{"name": "Typo Ltd", "home": "mainland", "sector": "biotech", "fuctions": ["rd"]}'
WALLED = json.dumps(
    {
        "name": "Walled",
        "home": "mainland",
        "sector": "biotech",
        "functions": ["rd"],
        "constraints": {"exclude": ["hengqin", "qianhai", "nansha", "loop"]},
    }
)


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GBA_ADVISOR_CACHE", str(tmp_path_factory.getbasetemp() / "kb-cache"))


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, list(args), input=stdin, env={"COLUMNS": "120", "NO_COLOR": "1"}
    )
    return result.exit_code, result.stdout, result.stderr


def example_data() -> list[dict[str, object]]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in EXAMPLES]


@pytest.fixture
def examples_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "examples.jsonl"
    lines = [json.dumps(data, ensure_ascii=False) for data in example_data()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def match_json(profile: Path) -> str:
    code, out, err = run("match", str(profile), "--as-of", AS_OF, "--format", "json")
    assert code == 0, err
    return out


def test_with_full_each_line_is_exactly_what_match_prints_compactly(examples_jsonl: Path) -> None:
    code, out, err = run("batch", str(examples_jsonl), "--as-of", AS_OF, "--full")
    assert code == 0, err
    lines = out.splitlines(keepends=True)
    assert len(lines) == len(EXAMPLES)
    for number, (line, example) in enumerate(zip(lines, EXAMPLES, strict=True), 1):
        printed = {"line": number, **json.loads(match_json(example))}
        assert line == json.dumps(printed, ensure_ascii=False, separators=(",", ":")) + "\n"
        Result.model_validate(json.loads(line))
    assert err == f"batch: {len(EXAMPLES)} records, all advised\n"


def test_by_default_each_line_is_compact_and_explain_expands_to_what_match_prints(
    examples_jsonl: Path,
) -> None:
    code, compact, err = run("batch", str(examples_jsonl), "--as-of", AS_OF)
    assert code == 0, err
    code, explained, err = run("batch", str(examples_jsonl), "--as-of", AS_OF, "--explain")
    assert code == 0, err
    records = [json.loads(line) for line in explained.splitlines()]
    texts = [record for record in records if "texts" in record]
    written = [(k, i) for t in texts for k, entries in t["texts"].items() for i in entries]
    assert len(written) == len(set(written))  # each text once per run
    result_lines = [line for line in explained.splitlines() if not line.startswith('{"texts"')]
    assert all(len(line.encode()) < 10_000 for line in result_lines)
    expanded = list(expand(records))
    for line, full, example in zip(compact.splitlines(), expanded, EXAMPLES, strict=True):
        printed = json.loads(match_json(example))
        short = json.loads(line)
        Summary.model_validate(short)
        assert "contributions" not in line
        assert short["layout"]["assignments"] == printed["layout"]["assignments"]
        assert full["by_function"] == printed["by_function"]
        assert full["layout"]["breakdown"] == printed["layout"]["breakdown"]


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--explain", "--full"], "choose one of --explain and --full"),
        (["--explain", "--output-format", "csv"], "--explain adds to JSON Lines"),
    ],
)
def test_contradictory_detail_options_are_a_usage_error(
    examples_jsonl: Path, options: list[str], says: str
) -> None:
    code, out, err = run("batch", str(examples_jsonl), *options)
    assert code == 2
    assert out == ""
    assert says in err


def test_a_bad_record_is_an_error_line_in_place_and_the_exit_code_says_so(
    tmp_path: Path,
) -> None:
    good = json.dumps(example_data()[0])
    source = tmp_path / "mixed.jsonl"
    source.write_text(f"{good}\n{BROKEN}\n\n{good}\n{WALLED}\n", encoding="utf-8")
    code, out, err = run("batch", str(source), "--as-of", AS_OF)
    assert code == 3
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 4
    assert [line["line"] for line in lines] == [1, 2, 4, 5]
    assert {**lines[0], "line": 4} == lines[2]
    ErrorLine.model_validate(lines[1])
    assert lines[1]["record"] == f"{source}:2"
    assert lines[1]["error"]["text"] == (
        f"{source}:2:1: unknown field `fuctions` (field `fuctions`); did you mean `functions`?"
    )
    assert lines[3]["record"] == f"{source}:5"
    assert lines[3]["error"]["kind"] == "no_layout"
    assert (
        err == "batch: 4 records, 2 failed (1 invalid, 1 with no layout); see their error lines\n"
    )


def test_when_the_only_failures_are_no_layout_the_exit_code_is_4(tmp_path: Path) -> None:
    source = tmp_path / "walled.jsonl"
    source.write_text(f"{WALLED}\n", encoding="utf-8")
    code, out, err = run("batch", str(source), "-o", str(tmp_path / "out.jsonl"))
    assert code == 4
    assert out == ""
    assert "1 failed (1 with no layout); see their error lines in" in err
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["record"]


def test_csv_input_and_a_folder_of_yaml_give_the_jsonl_results(
    tmp_path: Path, examples_jsonl: Path
) -> None:
    _, expected, _ = run("batch", str(examples_jsonl), "--as-of", AS_OF, "--summary")
    table = tmp_path / "examples.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        columns = ["name", "home", "home_country", "sector", "secondary_sectors", "functions"]
        columns += ["rd_intensity", "rd_needs", "target_markets", "constraints.max_sites"]
        columns += [f"priorities.{p}" for p in ("tax", "talent", "market_access", "cross_border")]
        columns += [f"priorities.{p}" for p in ("space", "cost", "research", "finance_access")]
        writer.writerow(columns)
        for data in example_data():
            writer.writerow([_cell(data, column) for column in columns])
    code, from_csv, err = run("batch", str(table), "--as-of", AS_OF, "--summary")
    assert code == 0, err
    assert _without_queries(from_csv) == _without_queries(expected)
    code, from_folder, err = run("batch", str(ROOT / "examples"), "--as-of", AS_OF, "--summary")
    assert code == 0, err
    assert from_folder == expected


def _cell(data: dict[str, object], column: str) -> str:
    outer, _, inner = column.partition(".")
    value = data.get(outer, {}) if inner else data.get(column)
    if inner:
        value = value.get(inner) if isinstance(value, dict) else None
    if value is None:
        return ""
    return ";".join(map(str, value)) if isinstance(value, list) else str(value)


def _without_queries(out: str) -> list[object]:
    """CSV cells are text: a sector written as a number would differ only in its query; and a
    CSV row's line is one more than the JSON line's (the header)."""
    return [{**json.loads(line), "line": None} for line in out.splitlines()]


def test_stdin_and_an_output_file(tmp_path: Path, examples_jsonl: Path) -> None:
    target = tmp_path / "out.jsonl"
    text = examples_jsonl.read_text(encoding="utf-8")
    code, out, err = run("batch", "-", "-o", str(target), "--as-of", AS_OF, stdin=text)
    assert code == 0, err
    assert out == ""
    _, expected, _ = run("batch", str(examples_jsonl), "--as-of", AS_OF)
    assert target.read_text(encoding="utf-8") == expected


def test_jobs_and_chunks_do_not_change_the_output(tmp_path: Path) -> None:
    data = example_data()
    source = tmp_path / "many.jsonl"
    lines = [json.dumps({**data[i % len(data)], "name": f"C{i}"}) for i in range(20)]
    source.write_text("\n".join([*lines[:7], BROKEN, *lines[7:]]) + "\n", encoding="utf-8")
    plain = run("batch", str(source), "--as-of", AS_OF, "--summary")
    pooled = run(
        "batch", str(source), "--as-of", AS_OF, "--summary", "-j", "2", "--chunk-size", "3"
    )
    assert plain[0] == pooled[0] == 3
    assert pooled[1] == plain[1]
    assert len(plain[1].splitlines()) == 21
    for line in plain[1].splitlines():
        item = json.loads(line)
        (ErrorLine if "error" in item else Summary).model_validate(item)


def test_the_dask_engine_gives_the_plain_output(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    data = example_data()
    source = tmp_path / "many.jsonl"
    lines = [json.dumps({**data[i % len(data)], "name": f"C{i}"}) for i in range(12)]
    source.write_text("\n".join([BROKEN, *lines]) + "\n", encoding="utf-8")
    plain = run("batch", str(source), "--as-of", AS_OF, "--chunk-size", "5")
    dask = run("batch", str(source), "--as-of", AS_OF, "--engine", "dask", "--jobs", "1")
    assert dask[0] == plain[0] == 3
    assert dask[1] == plain[1]
    assert len(dask[1].splitlines()) == 13


def test_without_dask_the_dask_engine_is_a_usage_error(
    examples_jsonl: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    code, out, err = run("batch", str(examples_jsonl), "--engine", "dask")
    assert (code, out) == (2, "")
    assert "the Dask engine needs Dask, which is not installed" in err
    assert "pip install 'gba-advisor[dask]'" in err


def test_csv_output_has_one_row_per_record_and_defuses_formulas(tmp_path: Path) -> None:
    evil = {**example_data()[0], "name": "=cmd|' /C calc'!A0"}
    source = tmp_path / "evil.jsonl"
    source.write_text(f"{json.dumps(evil)}\n{BROKEN}\n", encoding="utf-8")
    code, out, _ = run("batch", str(source), "--as-of", AS_OF, "--output-format", "csv")
    assert code == 3
    header, ok, bad = csv.reader(io.StringIO(out))
    assert tuple(header) == CSV_COLUMNS
    row = dict(zip(header, ok, strict=True))
    assert row["name"] == "'=cmd|' /C calc'!A0"
    assert (row["status"], row["rd"], row["headquarters"]) == ("ok", "loop", "loop")
    assert float(row["layout_score"]) > 0
    assert dict(zip(header, bad, strict=True))["status"] == "invalid_input"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("missing.jsonl",), 3, "missing.jsonl: no such file"),
        (("profiles.txt",), 3, "cannot tell the format of `profiles.txt`"),
        (("x.jsonl", "--scheduler", "tcp://127.0.0.1:1"), 2, "--scheduler needs --engine dask"),
        (("x.jsonl", "--as-of", "soon"), 2, "is not a date"),
        (("x.jsonl", "--exclude", "nanhsa"), 2, "did you mean `nansha`?"),
        (("x.jsonl", "--jobs", "0"), 2, "greater than or equal to 1"),
        (("x.jsonl", "-o", "x.jsonl"), 3, "the output would overwrite the input"),
        (("x.jsonl", "-o", "no/such/dir/out.jsonl"), 3, "cannot write the output"),
    ],
)
def test_a_wrong_run_fails_before_writing_anything(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.jsonl").write_text(BROKEN + "\n", encoding="utf-8")
    Path("profiles.txt").write_text(BROKEN + "\n", encoding="utf-8")
    got, out, err = run("batch", *args)
    assert (got, out) == (code, "")
    assert message in err
    assert "Traceback" not in err
    assert Path("x.jsonl").read_text(encoding="utf-8") == BROKEN + "\n"


def test_an_unknown_csv_column_fails_the_run_with_a_suggestion(tmp_path: Path) -> None:
    table = tmp_path / "fair.csv"
    table.write_text("name,home,sectr,functions\nA,mainland,AI,rd\n", encoding="utf-8")
    code, out, err = run("batch", str(table))
    assert (code, out) == (3, "")
    assert f"error: {table}:1: unknown column `sectr`" in err
    assert "did you mean `sector`?" in err


def test_the_progress_bar_shows_count_rate_and_eta_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with batch_progress.progress_bar(3) as advance:
        advance(1)
        advance(2)
    shown = screen.getvalue()
    assert "advising" in shown
    assert "3/3" in shown
    assert "ETA" in shown


def test_no_progress_bar_when_stderr_is_not_a_terminal(examples_jsonl: Path) -> None:
    code, _, err = run("batch", str(examples_jsonl), "--as-of", AS_OF)
    assert code == 0
    assert err == f"batch: {len(EXAMPLES)} records, all advised\n"
