"""The batch core: record readers, the pure partition function, its lines, its engines."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gba_advisor.batch import records as batch_records
from gba_advisor.batch.csv_input import csv_columns, read_csv, row_data
from gba_advisor.batch.engines import run_processes, run_serial
from gba_advisor.batch.explained import expand
from gba_advisor.batch.in_flight import QUEUED_PER_WORKER, in_order, sharing
from gba_advisor.batch.input import (
    InputFormat,
    count_records,
    detect_format,
    open_records,
    read_folder,
    read_jsonl,
)
from gba_advisor.batch.job import (
    BatchJob,
    advise_many,
    advise_partition,
    chunked,
    record_document,
)
from gba_advisor.batch.output import CSV_COLUMNS, LineDetail, LineFormat, spreadsheet_safe
from gba_advisor.batch.records import Record, RecordKind
from gba_advisor.core.api import Advisor
from gba_advisor.core.errors import ExitCode, InputError
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.profile.loader import load_profile
from gba_advisor.core.result.json_schema import ErrorLine, Result, Summary

AS_OF = dt.date(2025, 6, 1)
GOOD = {"name": "Acme", "home": "hong_kong", "sector": "AI", "functions": ["rd", "trade"]}
NO_LAYOUT = {**GOOD, "name": "Walled", "constraints": {"exclude": ["alpha", "beta"]}}


def jsonl(*items: Any) -> io.BytesIO:
    lines = [item if isinstance(item, str) else json.dumps(item) for item in items]
    return io.BytesIO(("\n".join(lines) + "\n").encode())


def job_for(kb: KnowledgeBase, **options: Any) -> BatchJob:
    return BatchJob(knowledge_base=kb, as_of=AS_OF, **options)


# --- readers ---------------------------------------------------------------------------------


def test_jsonl_records_are_named_by_line_and_blank_lines_are_skipped() -> None:
    records = list(read_jsonl(jsonl(GOOD, "", "   ", GOOD), "in.jsonl"))
    assert [r.id for r in records] == ["in.jsonl:1", "in.jsonl:4"]
    assert all(r.kind is RecordKind.JSON and r.error is None for r in records)


def test_a_line_that_is_not_utf8_becomes_an_error_record_and_reading_goes_on() -> None:
    stream = io.BytesIO(b'{"name": "ok"}\n{"name": "caf\xe9"}\n{"name": "next"}\n')
    records = list(read_jsonl(stream, "in.jsonl"))
    assert [r.id for r in records] == ["in.jsonl:1", "in.jsonl:2", "in.jsonl:3"]
    error = records[1].error
    assert error is not None
    assert "not valid UTF-8" in error.message
    assert error.location is not None
    assert (error.location.line, error.location.column) == (2, 14)
    assert records[2].error is None


def test_an_overlong_line_is_refused_without_reading_it_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batch_records, "MAX_RECORD_BYTES", 100)
    monkeypatch.setattr(batch_records, "_SKIP", 7)
    stream = io.BytesIO(b'{"a": "' + b"x" * 500 + b'"}\n{"name": "after"}\n')
    first, second = read_jsonl(stream, "in.jsonl")
    assert first.error is not None
    assert "longer than the limit of 100 bytes" in first.error.message
    assert (second.id, second.payload, second.error) == ("in.jsonl:2", '{"name": "after"}\n', None)


def test_a_byte_order_mark_is_not_part_of_the_first_record() -> None:
    (record,) = read_jsonl(io.BytesIO(b'\xef\xbb\xbf{"name": "x"}\n'), "in.jsonl")
    assert record.payload == '{"name": "x"}\n'


def csv_stream(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode())


def test_csv_rows_become_nested_profile_data() -> None:
    text = (
        "name,home,sector,functions,priorities.tax,constraints.max_sites,constraints.pin\n"
        "Acme,hong_kong,AI, rd ; trade ;,5,2,rd=alpha; trade = beta\n"
    )
    (record,) = read_csv(csv_stream(text), "in.csv")
    assert record.id == "in.csv:2"
    assert row_data(record) == {
        "name": "Acme",
        "home": "hong_kong",
        "sector": "AI",
        "functions": ["rd", "trade"],
        "priorities": {"tax": 5},
        "constraints": {"max_sites": 2, "pin": {"rd": "alpha", "trade": "beta"}},
    }


def test_empty_cells_mean_the_default_and_a_non_number_is_left_for_validation() -> None:
    text = "name,home,sector,functions,priorities.tax,home_country\nA,mainland,AI,rd,high,\n"
    (record,) = read_csv(csv_stream(text), "in.csv")
    data = row_data(record)
    assert data["priorities"] == {"tax": "high"}
    assert "home_country" not in data


def test_csv_records_are_named_by_the_line_their_row_starts_on() -> None:
    text = 'name,home,sector,functions\n"Two\nlines",mainland,AI,rd\n\n,,,\nB,mainland,AI,rd\n'
    records = list(read_csv(csv_stream(text), "in.csv"))
    assert [r.id for r in records] == ["in.csv:2", "in.csv:6"]
    assert row_data(records[0])["name"] == "Two\nlines"


def test_a_row_with_too_many_cells_is_an_error_record() -> None:
    text = "name,home,sector,functions\nA,mainland,AI,rd,extra\nB,mainland,AI,rd\n"
    first, second = read_csv(csv_stream(text), "in.csv")
    assert first.error is not None
    assert "5 cells but the header names 4 columns" in first.error.message
    assert second.error is None


def test_an_undecodable_csv_line_fails_only_its_row() -> None:
    stream = io.BytesIO(b"name,home,sector,functions\nCaf\xe9,mainland,AI,rd\nB,mainland,AI,rd\n")
    first, second = read_csv(stream, "in.csv")
    assert first.error is not None
    assert first.error.location is not None
    assert first.error.location.line == 2
    assert (second.id, second.error) == ("in.csv:3", None)


@pytest.mark.parametrize(
    ("header", "message", "suggestion"),
    [
        ("name,home,sector,fuctions\n", "unknown column `fuctions`", "functions"),
        ("name,priorities.taxes,sector,functions\n", "unknown column", "priorities.tax"),
        ("name,name,sector,functions\n", "column `name` appears twice", None),
    ],
)
def test_a_wrong_csv_header_fails_before_any_record(
    header: str, message: str, suggestion: str | None
) -> None:
    with pytest.raises(InputError) as caught:
        read_csv(csv_stream(header + "A,mainland,AI,rd\n"), "in.csv")
    assert message in caught.value.message
    assert caught.value.suggestion == suggestion


def test_an_empty_csv_file_says_so() -> None:
    with pytest.raises(InputError, match="the CSV file is empty"):
        read_csv(csv_stream(""), "in.csv")


def test_every_profile_field_is_a_csv_column() -> None:
    columns = csv_columns()
    assert {"name", "functions", "priorities.tax", "constraints.pin"} <= set(columns)
    assert columns["functions"] == "list"
    assert columns["priorities.research"] == "integer"
    assert columns["constraints.max_sites"] == "integer"
    assert columns["constraints.pin"] == "pins"
    assert columns["home_country"] == "text"


def test_a_folder_is_read_in_name_order_and_unreadable_files_fail_alone(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("name: B\n", encoding="utf-8")
    (tmp_path / "a.yml").write_text("name: A\n", encoding="utf-8")
    (tmp_path / "c.json").write_bytes(b"\x00\x01")
    (tmp_path / ".hidden.yaml").write_text("name: H\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a profile", encoding="utf-8")
    (tmp_path / "sub.yaml").mkdir()
    records = list(read_folder(tmp_path))
    assert [Path(r.id).name for r in records] == ["a.yml", "b.yaml", "c.json"]
    assert records[2].error is not None
    assert "binary" in records[2].error.message
    assert count_records(tmp_path, InputFormat.FOLDER) == 3


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("x.jsonl", InputFormat.JSONL),
        ("x.NDJSON", InputFormat.JSONL),
        ("x.csv", "csv"),
        ("-", "jsonl"),
    ],
)
def test_the_format_is_told_from_the_name(name: str, expected: str) -> None:
    assert detect_format(Path(name)) == expected


def test_an_unknown_suffix_asks_for_the_format() -> None:
    with pytest.raises(InputError, match="cannot tell the format"):
        detect_format(Path("profiles.txt"))


def test_opening_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"), open_records(tmp_path / "x.jsonl"):
        pass


# --- the partition function ------------------------------------------------------------------


def test_a_full_line_is_exactly_the_result_of_advising_the_same_profile(
    tiny_kb: KnowledgeBase, tmp_path: Path
) -> None:
    records = list(read_jsonl(jsonl(GOOD), "in.jsonl"))
    (line,) = advise_partition(records, job_for(tiny_kb, detail=LineDetail.FULL))
    profile_file = tmp_path / "p.json"
    profile_file.write_text(json.dumps(GOOD), encoding="utf-8")
    expected = Advisor(tiny_kb, AS_OF).advise(load_profile(profile_file, tiny_kb)).to_dict()
    assert line.status is ExitCode.OK
    assert line.text.endswith("\n")
    assert line.text.count("\n") == 1
    # The record's input line first, then exactly the result.
    with_line = {"line": 1, **expected}
    assert line.text == json.dumps(with_line, ensure_ascii=False, separators=(",", ":")) + "\n"
    Result.model_validate(json.loads(line.text))


def test_a_bad_record_becomes_an_error_line_naming_it_and_the_next_one_is_advised(
    tiny_kb: KnowledgeBase,
) -> None:
    bad = {**GOOD, "fuctions": ["rd"]}
    del bad["functions"]
    records = list(read_jsonl(jsonl(bad, GOOD), "in.jsonl"))
    first, second = advise_partition(records, job_for(tiny_kb))
    assert (first.record, first.status, second.status) == (
        "in.jsonl:1",
        ExitCode.INVALID_INPUT,
        ExitCode.OK,
    )
    line = json.loads(first.text)
    ErrorLine.model_validate(line)
    error = line["error"]
    assert line["record"] == "in.jsonl:1"
    assert (error["kind"], error["exit_code"]) == ("invalid_input", 3)
    assert error["message"] == "unknown field `fuctions`"
    assert error["location"] == {"file": "in.jsonl", "line": 1, "column": 1, "field": "fuctions"}
    assert error["suggestion"] == "functions"
    assert error["text"].startswith("in.jsonl:1:1: unknown field `fuctions`")
    assert [r["message"] for r in error["related"]] == ["this required field is missing"]


@pytest.mark.parametrize(
    ("line", "message", "column"),
    [
        ('{"name": "A", oops}', "malformed JSON", 15),
        ('{"name": "A", "name": "B"}', "key `name` is written twice", 1),
        ("[1, 2]", "a profile must be a mapping", 1),
        ("[" * 100_000, "nested too deeply", 1),
    ],
)
def test_json_problems_are_located_on_the_record_line(
    tiny_kb: KnowledgeBase, line: str, message: str, column: int
) -> None:
    records = list(read_jsonl(jsonl(GOOD, line), "in.jsonl"))
    _, out = advise_partition(records, job_for(tiny_kb))
    error = json.loads(out.text)["error"]
    assert message in error["message"]
    assert (error["location"]["line"], error["location"]["column"]) == (2, column)


def test_no_layout_is_reported_at_the_record_with_its_own_exit_code(
    tiny_kb: KnowledgeBase,
) -> None:
    (line,) = advise_partition(list(read_jsonl(jsonl(NO_LAYOUT), "in.jsonl")), job_for(tiny_kb))
    error = json.loads(line.text)["error"]
    assert line.status is ExitCode.NO_LAYOUT
    assert (error["kind"], error["exit_code"]) == ("no_layout", 4)
    assert error["location"] == {
        "file": "in.jsonl",
        "line": 1,
        "column": None,
        "field": "constraints.exclude",
    }


def test_a_yaml_file_record_keeps_real_positions(tiny_kb: KnowledgeBase) -> None:
    record = Record("p.yaml", "p.yaml", 1, RecordKind.YAML, "name: A\nhome: mars\n")
    (line,) = advise_partition([record], job_for(tiny_kb))
    error = json.loads(line.text)["error"]
    assert error["location"] == {"file": "p.yaml", "line": 2, "column": 7, "field": "home"}


def test_a_csv_record_with_a_broken_pin_names_the_column(tiny_kb: KnowledgeBase) -> None:
    text = "name,home,sector,functions,constraints.pin\nA,mainland,AI,rd,rd:alpha\n"
    (line,) = advise_partition(list(read_csv(csv_stream(text), "in.csv")), job_for(tiny_kb))
    error = json.loads(line.text)["error"]
    assert error["message"] == "cannot read the pin 'rd:alpha'"
    assert error["location"]["field"] == "constraints.pin"
    assert error["location"]["line"] == 2


def test_the_default_line_is_compact_scores_and_layout_without_contributions(
    tiny_kb: KnowledgeBase,
) -> None:
    records = list(read_jsonl(jsonl(GOOD), "in.jsonl"))
    (full,) = advise_partition(records, job_for(tiny_kb, detail=LineDetail.FULL))
    (compact,) = advise_partition(records, job_for(tiny_kb))
    whole, short = json.loads(full.text), json.loads(compact.text)
    Summary.model_validate(short)
    assert list(short) == [
        "line",
        "schema_version",
        "profile",
        "ranking",
        "by_function",
        "layout",
        "warnings",
    ]
    assert short["ranking"] == [
        {"platform": e["platform"], "score": e["score"]} for e in whole["ranking"]
    ]
    assert short["by_function"] == {
        function: [{k: v for k, v in e.items() if k != "contributions"} for e in entries]
        for function, entries in whole["by_function"].items()
    }
    assert short["layout"] == {k: whole["layout"][k] for k in ("assignments", "sites", "score")}
    assert "contributions" not in compact.text
    assert compact.texts is None


def test_an_explained_line_refers_to_texts_that_expand_to_the_full_result(
    tiny_kb: KnowledgeBase,
) -> None:
    records = list(read_jsonl(jsonl(GOOD), "in.jsonl"))
    (full,) = advise_partition(records, job_for(tiny_kb, detail=LineDetail.FULL))
    (explained,) = advise_partition(records, job_for(tiny_kb, detail=LineDetail.EXPLAIN))
    assert explained.texts is not None
    stream = [{"texts": explained.texts}, json.loads(explained.text)]
    (expanded,) = expand(stream)
    whole = json.loads(full.text)
    assert expanded["by_function"] == whole["by_function"]
    assert expanded["layout"]["breakdown"] == whole["layout"]["breakdown"]


def test_a_partition_sends_each_text_with_its_first_line_only(tiny_kb: KnowledgeBase) -> None:
    """Later lines of a partition leave out the texts an earlier one brought; the stream still
    expands to what each line alone expands to."""
    other = {**GOOD, "name": "Other", "functions": ["rd"]}
    records = list(read_jsonl(jsonl(GOOD, other, GOOD), "in.jsonl"))
    job = job_for(tiny_kb, detail=LineDetail.EXPLAIN)
    lines = advise_partition(records, job)
    alone = [advise_partition([record], job)[0] for record in records]
    assert lines[0].texts == alone[0].texts
    assert lines[2].texts is None  # the same profile again: every text came with the first
    for line, single in zip(lines, alone, strict=True):
        assert line.text == single.text
        sent = {k: set(v) for k, v in (line.texts or {}).items()}
        assert all(sent.get(kind, set()) <= set(texts) for kind, texts in single.texts.items())
    stream = [
        item
        for line in lines
        for item in ([{"texts": line.texts}] if line.texts else []) + [json.loads(line.text)]
    ]
    expected = [json.loads(line.text) for line in alone]
    singles = [next(expand([{"texts": a.texts}, e])) for a, e in zip(alone, expected, strict=True)]
    assert list(expand(stream)) == singles


def test_csv_lines_hold_the_layout_and_guard_against_formulas(tiny_kb: KnowledgeBase) -> None:
    evil = {**GOOD, "name": '=HYPERLINK("http://x")'}
    records = list(read_jsonl(jsonl(evil, NO_LAYOUT), "in.jsonl"))
    ok, failed = advise_partition(records, job_for(tiny_kb, output=LineFormat.CSV))

    (row,) = csv.reader(io.StringIO(ok.text))
    cells = dict(zip(CSV_COLUMNS, row, strict=True))
    assert cells["name"] == '\'=HYPERLINK("http://x")'
    assert (cells["record"], cells["status"], cells["error"]) == ("in.jsonl:1", "ok", "")
    assert cells["rd"] in {"alpha", "beta"}
    assert cells["manufacturing"] == ""
    (bad,) = csv.reader(io.StringIO(failed.text))
    assert bad[1] == "no_layout"
    assert bad[-1] == (
        "in.jsonl:2: no platform left that can host rd: every one that can (alpha, beta) is "
        "excluded (field `constraints.exclude`)"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Acme = good", "Acme = good"),
        ("", ""),
    ],
)
def test_spreadsheet_formulas_are_defused(text: str, expected: str) -> None:
    assert spreadsheet_safe(text) == expected


def test_an_unknown_exclude_stops_the_run_before_it_starts(tiny_kb: KnowledgeBase) -> None:
    with pytest.raises(InputError) as caught:
        job_for(tiny_kb, exclude=("alpah",))
    assert caught.value.suggestion == "alpha"


PROFILES = st.lists(
    st.sampled_from(
        [GOOD, NO_LAYOUT, {**GOOD, "sector": "nothing like it"}, "{broken", {**GOOD, "x": 1}]
    ),
    max_size=12,
)


@settings(max_examples=30, deadline=None)
@given(items=PROFILES, size=st.integers(min_value=1, max_value=5))
def test_partitioning_never_changes_the_output(
    tiny_kb: KnowledgeBase, items: list[Any], size: int
) -> None:
    records = list(read_jsonl(jsonl(*items), "in.jsonl")) if items else []
    job = job_for(tiny_kb)
    whole = advise_partition(records, job)
    pieces = [line for chunk in chunked(records, size) for line in advise_partition(chunk, job)]
    assert pieces == whole
    assert [line.record for line in whole] == [record.id for record in records]


def test_record_documents_place_errors_on_the_record_line() -> None:
    record = Record("in.jsonl:7", "in.jsonl", 7, RecordKind.JSON, '{"name": "x"}')
    document = record_document(record)
    assert document.data == {"name": "x"}
    assert str(document.locate(("functions",))) == "in.jsonl:7:1"


# --- engines ---------------------------------------------------------------------------------


def test_the_window_bounds_the_chunks_in_flight_and_keeps_the_order() -> None:
    in_flight: list[Future[list[Any]]] = []
    peak = 0

    def submit(chunk: list[Any]) -> Future[list[Any]]:
        nonlocal peak
        future: Future[list[Any]] = Future()
        future.set_result(chunk)
        in_flight.append(future)
        peak = max(peak, len(in_flight))
        return future

    chunks = ([i] for i in range(50))
    out = []
    for done in in_order(submit, chunks, workers=3):
        in_flight.pop(0)
        out.extend(done)
    assert out == list(range(50))
    assert peak == 6


class _Queued(Future[list[Any]]):
    """A chunk in a make-believe pool: done when a worker gets to it, or when waited for."""

    def __init__(self, chunk: list[Any]) -> None:
        super().__init__()
        self.chunk = chunk

    def finish(self) -> None:
        if not self.done():
            self.set_result(self.chunk)

    def result(self, timeout: float | None = None) -> list[Any]:
        self.finish()
        return super().result(timeout)


def test_this_process_advises_while_the_pool_is_full_and_the_order_is_kept() -> None:
    queued: list[_Queued] = []
    here: list[int] = []
    made = yielded = peak = 0

    def submit(chunk: list[Any]) -> Future[list[Any]]:
        nonlocal made, peak
        made += 1
        peak = max(peak, made - yielded)
        queued.append(_Queued(chunk))
        return queued[-1]

    def advise_here(chunk: list[Any]) -> list[Any]:
        nonlocal made, peak
        made += 1
        peak = max(peak, made - yielded)
        here.append(chunk[0])
        if len(here) % 3 == 0:  # now and then a worker finishes its oldest chunk meanwhile
            next(q for q in queued if not q.done()).finish()
        return chunk

    out = []
    for done in sharing(submit, advise_here, ([i] for i in range(60)), workers=3):
        yielded += 1
        out.extend(done)
    assert out == list(range(60))
    assert here, "this process never advised a chunk"
    assert len(queued) > len(here), "the pool's three workers got no more than this process"
    assert len(here) + len(queued) == 60
    # The last chunks, seen coming, are advised here while the workers finish theirs.
    assert here[-QUEUED_PER_WORKER:] == list(range(60 - QUEUED_PER_WORKER, 60))
    # The pool's share queued for each worker, and this process's: memory stays flat.
    assert peak <= QUEUED_PER_WORKER * (3 + 1)


def test_a_short_input_still_gives_an_idle_worker_a_chunk() -> None:
    queued: list[_Queued] = []
    here: list[int] = []

    def submit(chunk: list[Any]) -> Future[list[Any]]:
        queued.append(_Queued(chunk))
        return queued[-1]

    def advise_here(chunk: list[Any]) -> list[Any]:
        here.append(chunk[0])
        return chunk

    out = [
        i for done in sharing(submit, advise_here, ([i] for i in range(3)), workers=1) for i in done
    ]
    assert out == [0, 1, 2]
    assert [q.chunk[0] for q in queued] == [0]
    assert here == [1, 2]


@pytest.mark.parametrize("workers", [2, 3])
def test_a_process_pool_gives_the_serial_output(tiny_kb: KnowledgeBase, workers: int) -> None:
    items = [GOOD, NO_LAYOUT, "{broken", GOOD, {**GOOD, "name": "Zed"}] * 3
    job = job_for(tiny_kb)
    serial = list(run_serial(read_jsonl(jsonl(*items), "in.jsonl"), job, 2))
    pooled = list(run_processes(read_jsonl(jsonl(*items), "in.jsonl"), job, 2, workers=workers))
    assert pooled == serial
    assert sum(len(chunk) for chunk in serial) == 15
    lines = list(read_jsonl(jsonl(*items), "in.jsonl"))
    assert b"".join(chunk.data for chunk in serial) == b"".join(
        line.text.encode() for line in advise_partition(lines, job)
    )
    assert b"".join(chunk.statuses for chunk in serial) == bytes([0, 4, 3, 0, 0] * 3)


# --- the library loop ------------------------------------------------------------------------


def test_advise_many_yields_results_and_errors_in_order(
    tiny_kb: KnowledgeBase, tmp_path: Path
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("name: File\nhome: macao\nsector: IC\nfunctions: [rd]\n", encoding="utf-8")
    outcomes = list(
        advise_many([GOOD, {"name": "x"}, path, NO_LAYOUT], knowledge_base=tiny_kb, as_of=AS_OF)
    )
    good, missing, from_file, walled = outcomes
    assert not isinstance(good, Exception)
    expected = Advisor(tiny_kb, AS_OF).advise(load_profile(_written(tmp_path, GOOD), tiny_kb))
    assert good.to_dict() == expected.to_dict()
    assert isinstance(missing, InputError)
    assert str(missing.location).startswith("profiles[1]")
    assert not isinstance(from_file, Exception)
    assert from_file.profile.sector == "chips"
    assert getattr(walled, "exit_code", None) == ExitCode.NO_LAYOUT


def _written(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / "written.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
