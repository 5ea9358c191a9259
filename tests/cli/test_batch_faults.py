"""Issue 13, items 2 and 6 for `batch`: nothing lost under faults.

- A failed write (a full disk) is exit 3 with "could not write ...: no space left on device",
  never a traceback, and the output is cut back to its last complete record.
- Every output record carries its input line.
- SIGINT and SIGTERM stop the run (workers included) with a one-line summary and exit 130 or
  143, leaving an output of whole records; `--resume` continues it into the same bytes an
  uninterrupted run writes.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from gba_advisor.cli import batch_sink
from gba_advisor.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
AS_OF = "2026-11-26"
BROKEN = '{"name": "Typo Ltd", "home": "mainland", "sector": "biotech", "fuctions": ["rd"]}'


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GBA_ADVISOR_CACHE", str(tmp_path_factory.getbasetemp() / "kb-cache"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def profiles(count: int, *, odd_names: bool = False) -> Iterator[str]:
    """`count` JSON lines cycling through the examples, a broken one and a blank line now and
    then; `odd_names` puts a newline, a quote and a formula into some names (multi-line CSV)."""
    data = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in EXAMPLES]
    for index in range(count):
        if index % 13 == 5:
            yield BROKEN
            continue
        if index % 17 == 3:
            yield ""
        name = f"Company {index}"
        if odd_names and index % 3 == 0:
            name = f'=Two\nlines "quoted" {index}'
        yield json.dumps({**data[index % len(data)], "name": name}, ensure_ascii=False)


def write_input(path: Path, count: int, *, odd_names: bool = False) -> Path:
    path.write_text("\n".join(profiles(count, odd_names=odd_names)) + "\n", encoding="utf-8")
    return path


# -- item 2: a full disk ------------------------------------------------------------------


def test_a_full_disk_is_exit_3_and_the_output_ends_with_a_complete_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_input(tmp_path / "in.jsonl", 40)
    target = tmp_path / "out.jsonl"
    real_write = batch_sink.write_fd
    calls = {"n": 0}

    def filling_up(fd: int, data: memoryview) -> int:
        """The first chunk fits; of the second, 100 bytes do, then the disk is full."""
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, data)
        if calls["n"] == 2:
            return real_write(fd, data[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(batch_sink, "write_fd", filling_up)
    code, _, err = run(
        "batch", str(source), "-o", str(target), "--summary", "--chunk-size", "4", "--as-of", AS_OF
    )

    assert code == 3
    assert f"could not write {target}: no space left on device" in err
    assert "Traceback" not in err
    assert "internal error" not in err
    text = target.read_text(encoding="utf-8")
    assert text.endswith("\n")
    assert len(text.splitlines()) == 4  # the first chunk, whole; nothing of the second
    for line in text.splitlines():
        json.loads(line)


@pytest.mark.parametrize("output_format", ["jsonl", "csv"])
def test_batch_to_dev_full_is_exit_3_without_a_traceback(
    tmp_path: Path, output_format: str
) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    source = write_input(tmp_path / "in.jsonl", 5)
    args = ["-o", "/dev/full", "--summary", "--output-format", output_format]
    code, _, err = run("batch", str(source), *args)
    assert code == 3
    assert err.startswith("error: could not write /dev/full: no space left on device\n")
    assert "Traceback" not in err


# -- item 6: every record carries its input line -----------------------------------------


def test_every_output_record_carries_its_input_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = list(profiles(8))  # a blank line at index 3 and a broken record at index 5
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = [number for number, text in enumerate(lines, 1) if text.strip()]

    _, out, _ = run("batch", str(source), "--summary", "--as-of", AS_OF)
    records = [json.loads(line) for line in out.splitlines()]
    assert [record["line"] for record in records] == expected
    assert any("error" in record for record in records)
    for record in records:
        if "error" in record:
            assert record["record"] == f"{source}:{record['line']}"

    _, full, _ = run("batch", str(source), "--as-of", AS_OF)
    assert [json.loads(line)["line"] for line in full.splitlines()] == expected

    _, table, _ = run("batch", str(source), "--output-format", "csv", "--as-of", AS_OF)
    rows = list(csv.reader(io.StringIO(table)))[1:]
    assert [row[0] for row in rows] == [f"{source}:{number}" for number in expected]

    _, folder, _ = run("batch", str(ROOT / "examples"), "--summary", "--as-of", AS_OF)
    assert [json.loads(line)["line"] for line in folder.splitlines()] == list(
        range(1, len(EXAMPLES) + 1)
    )


# -- item 6: --resume ---------------------------------------------------------------------


def cut_points(whole: bytes) -> list[int]:
    """Nothing, the header or first record only, mid-record, a record boundary, all but one."""
    ends = [index + 1 for index, byte in enumerate(whole) if byte == ord("\n")]
    middle = ends[len(ends) // 2]
    return sorted({0, ends[0], middle, middle + 7, ends[-2] + 3, len(whole) - 1, len(whole)})


@pytest.mark.parametrize(
    ("output_format", "detail"),
    [("jsonl", "--summary"), ("csv", "--summary"), ("jsonl", "--explain")],
)
def test_resume_after_a_cut_gives_the_uninterrupted_output_byte_for_byte(
    tmp_path: Path, output_format: str, detail: str
) -> None:
    # With --explain a cut may fall after a texts record and before the line that needs it:
    # the resumed run must not write those texts again.
    source = write_input(tmp_path / "in.jsonl", 60, odd_names=True)
    options = [detail, "--output-format", output_format, "--as-of", AS_OF]
    whole_file = tmp_path / f"whole.{output_format}"
    code, _, _ = run("batch", str(source), "-o", str(whole_file), *options)
    assert code == 3  # the broken records
    whole = whole_file.read_bytes()
    if output_format == "csv":
        assert b'"=Two\n' not in whole  # defused, and the cell spans two lines
        assert b"\"'=Two\nlines" in whole

    for cut in cut_points(whole):
        target = tmp_path / f"cut{cut}.{output_format}"
        target.write_bytes(whole[:cut])
        resumed, _, err = run("batch", str(source), "-o", str(target), "--resume", *options)
        assert resumed == code, err
        assert target.read_bytes() == whole, f"cut at byte {cut}"


def test_resume_with_jobs_and_a_missing_output_starts_from_the_beginning(
    tmp_path: Path,
) -> None:
    source = write_input(tmp_path / "in.jsonl", 30)
    whole = tmp_path / "whole.jsonl"
    run("batch", str(source), "-o", str(whole), "--as-of", AS_OF)
    target = tmp_path / "new.jsonl"
    code, _, err = run(
        "batch", str(source), "-o", str(target), "--resume", "-j", "2", "--as-of", AS_OF
    )
    assert code == 3, err
    assert target.read_bytes() == whole.read_bytes()
    target.write_bytes(whole.read_bytes()[:-5000])
    code, _, err = run(
        "batch", str(source), "-o", str(target), "--resume", "-j", "2", "--chunk-size", "3",
        "--as-of", AS_OF,
    )  # fmt: skip
    assert code == 3, err
    assert "kept from the interrupted run" in err
    assert target.read_bytes() == whole.read_bytes()


def test_resume_refuses_an_output_of_another_input_and_leaves_it_alone(tmp_path: Path) -> None:
    source = write_input(tmp_path / "in.jsonl", 20)
    target = tmp_path / "out.jsonl"
    run("batch", str(source), "-o", str(target), "--summary", "--as-of", AS_OF)
    before = target.read_bytes()
    shorter = tmp_path / "short.jsonl"
    shorter.write_text("\n".join(list(profiles(20))[:5]) + "\n", encoding="utf-8")

    code, _, err = run("batch", str(shorter), "-o", str(target), "--resume", "--summary")
    assert code == 3
    assert "the output does not continue this input" in err
    assert target.read_bytes() == before

    table = tmp_path / "out.csv"
    table.write_text("not,a,batch,output\n", encoding="utf-8")
    code, _, err = run("batch", str(source), "-o", str(table), "--resume", "--output-format", "csv")
    assert code == 3
    assert "cannot resume" in err
    assert table.read_text(encoding="utf-8") == "not,a,batch,output\n"


def test_resume_needs_an_output_file(tmp_path: Path) -> None:
    source = write_input(tmp_path / "in.jsonl", 2)
    code, _, err = run("batch", str(source), "--resume")
    assert code == 2
    assert "--resume" in err


# -- item 6: signals, with a real process ---------------------------------------------------


def group_members(pgid: int) -> list[tuple[int, str]]:
    """(pid, command) of every live (not zombie) process in the process group, from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, group = fields[0], int(fields[2])
        if group == pgid and state not in {"Z", "X"}:
            members.append((int(entry.name), command))
    return members


def wait_until(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize(
    ("sent", "jobs", "to_group"),
    [
        (signal.SIGTERM, "2", False),
        (signal.SIGINT, "2", False),
        (signal.SIGTERM, "2", True),
        (signal.SIGINT, "1", False),
    ],
    ids=["term-parent-jobs2", "int-parent-jobs2", "term-group-jobs2", "int-serial"],
)
def test_a_signal_stops_the_batch_and_its_workers_and_leaves_whole_records(
    tmp_path: Path, sent: signal.Signals, jobs: str, to_group: bool
) -> None:
    source = write_input(tmp_path / "in.jsonl", 20_000)
    target = tmp_path / "out.jsonl"
    env = {**os.environ, "GBA_ADVISOR_CACHE": str(tmp_path / "kb-cache")}
    command = [sys.executable, "-m", "gba_advisor", "batch", str(source), "-o", str(target)]
    command += ["--summary", "--chunk-size", "16", "--jobs", jobs, "--as-of", AS_OF]
    process = subprocess.Popen(
        command, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        started = wait_until(lambda: target.exists() and target.stat().st_size > 0, 120)
        assert started, "no output within two minutes"
        assert process.poll() is None, "the run finished before it could be interrupted"
        if jobs == "2":
            assert len(group_members(process.pid)) >= 2  # the command (advising too), a worker
        if to_group:
            os.killpg(process.pid, sent)
        else:
            process.send_signal(sent)
        _, err = process.communicate(timeout=120)
        assert process.returncode == 128 + sent
        gone = wait_until(lambda: not group_members(process.pid), 15)
        assert gone, f"left running: {group_members(process.pid)}"
    finally:
        if process.poll() is None:
            process.kill()
        if group_members(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
        # Reap it and close its pipe whatever happened above, so that a failure here is not
        # reported again as a leaked file by the next test.
        process.wait(timeout=30)
        if process.stderr is not None:
            process.stderr.close()

    text = target.read_text(encoding="utf-8")
    assert text.endswith("\n")
    lines = text.splitlines()
    assert 0 < len(lines) < 20_000
    for line in lines:
        json.loads(line)
    name = signal.Signals(sent).name
    assert err.splitlines() == [
        f"batch: interrupted by {name}; {len(lines):,} records written to {target}, "
        "each complete; --resume continues the run"
    ]

    # What is left is resumed into the output an uninterrupted run gives (on the input cut
    # to the written records and 40 more, to keep the test quick).
    kept = source.read_text(encoding="utf-8").splitlines(keepends=True)
    last = json.loads(lines[-1])["line"]
    source.write_text("".join(kept[: last + 40]), encoding="utf-8")
    whole = tmp_path / "whole.jsonl"
    options = ["--summary", "--as-of", AS_OF]
    code, _, err = run("batch", str(source), "-o", str(target), "--resume", *options)
    assert code in (0, 3), err
    assert run("batch", str(source), "-o", str(whole), *options)[0] == code
    assert target.read_bytes() == whole.read_bytes()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_a_command_killed_outright(tmp_path: Path) -> None:
    source = write_input(tmp_path / "in.jsonl", 20_000)
    target = tmp_path / "out.jsonl"
    env = {**os.environ, "GBA_ADVISOR_CACHE": str(tmp_path / "kb-cache")}
    command = [sys.executable, "-m", "gba_advisor", "batch", str(source), "-o", str(target)]
    command += ["--summary", "--chunk-size", "16", "--jobs", "3", "--as-of", AS_OF]
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert wait_until(lambda: target.exists() and target.stat().st_size > 0, 120)
        assert len(group_members(process.pid)) >= 3  # the command and its two workers
        process.kill()
        process.wait(timeout=60)
        gone = wait_until(lambda: not group_members(process.pid), 15)
        assert gone, f"left running: {group_members(process.pid)}"
    finally:
        if process.poll() is None:
            process.kill()
        if group_members(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
