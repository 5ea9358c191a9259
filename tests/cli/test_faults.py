"""Issue 13, part A: nothing lost under faults.

Huge integers, full disks, dates at the end of the calendar, files written over, named pipes, a
bad `$COLUMNS`, and the smaller slips: each is exit 2 or 3 with a message, never a traceback
(exit 1), and never a lost or half-written file. Most cases run through Typer's runner; the
ones that need a real process (a real `/dev/full`, a pipe that must not hang, a real `| cat`)
run `python -m gba_advisor`.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from typer.testing import CliRunner

from gba_advisor import advise_many
from gba_advisor.cli.app import app
from gba_advisor.cli.output import PIPED_WIDTH, piped_width
from gba_advisor.core.errors import AdvisorError
from gba_advisor.core.kb.loader import DATA_ENV, FILES
from gba_advisor.core.source import files

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "macao_tcm.yaml"
AS_OF = "2026-06-01"
QUICK = ("--as-of", AS_OF, "--draws", "20")
"""Options that keep a memo cheap to make."""
BASE = "name: Acme\nhome: foreign\nsector: ai\nfunctions: [rd]\n"
HUGE = {
    "hex": "0x" + "f" * 3600,
    "octal": "0" + "7" * 5000,
    "binary": "0b" + "1" * 15000,
    "decimal": "9" * 5000,
    "negative": "-" + "9" * 5000,
}


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(
        app,
        list(args),
        input=stdin,
        env={"COLUMNS": "120", "NO_COLOR": "1", DATA_ENV: "", **(env or {})},
    )


def no_traceback(result: Any) -> None:
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr


def process(
    *args: str, stdout: Any = subprocess.PIPE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m gba_advisor ARGS`, killed (and failed) after 60 s: nothing may hang."""
    return subprocess.run(
        [sys.executable, "-m", "gba_advisor", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        env={**os.environ, DATA_ENV: "", **(env or {})},
        check=False,
    )


# 1. Very large integers -------------------------------------------------------------------


@pytest.mark.parametrize("notation", sorted(HUGE))
@pytest.mark.parametrize("field", ["priorities: {tax: %s}", "schema_version: %s", "name: %s"])
def test_a_huge_integer_in_a_profile_is_exit_3_without_printing_it(
    tmp_path: Path, notation: str, field: str
) -> None:
    profile = tmp_path / "big.yaml"
    body = BASE.replace("name: Acme\n", "") if field.startswith("name") else BASE
    profile.write_text(body + field % HUGE[notation] + "\n", encoding="utf-8")

    result = run("match", str(profile), "-f", "json")

    assert result.exit_code == 3, result.stderr
    no_traceback(result)
    assert result.stdout == ""
    assert "is too large: no number here has more than 4,300 digits" in result.stderr
    assert len(result.stderr) < 1500  # the value is cut, not printed


def test_a_huge_integer_in_a_json_profile_is_exit_3(tmp_path: Path) -> None:
    profile = tmp_path / "big.json"
    profile.write_text(
        '{"name": "A", "home": "foreign", "sector": "ai", "functions": ["rd"], '
        '"constraints": {"max_sites": ' + "7" * 5000 + "}}",
        encoding="utf-8",
    )

    result = run("match", str(profile))

    assert result.exit_code == 3
    no_traceback(result)
    assert "too large" in result.stderr


def test_a_huge_integer_in_the_knowledge_base_is_exit_3(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    assert run("data", "init", str(folder)).exit_code == 0
    rules = folder / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    assert "expiry_warning_days: 365" in text
    rules.write_text(
        text.replace("expiry_warning_days: 365", "expiry_warning_days: 0x" + "a" * 4000),
        encoding="utf-8",
    )

    for result in (
        run("data", "check", "--data-dir", str(folder)),
        run("data", "check", "--data-dir", str(folder), "-f", "json"),
        run("match", str(EXAMPLE), "--data-dir", str(folder)),
    ):
        assert result.exit_code == 3, result.stderr
        no_traceback(result)
        assert "too large" in result.stderr + result.stdout
        assert len(result.stderr + result.stdout) < 3000


def test_a_huge_integer_given_to_the_python_api_is_an_input_error() -> None:
    """Past the YAML reader (data built in Python): the error text must still be printable."""
    data = {"name": "A", "home": "foreign", "sector": "ai", "functions": ["rd"]}
    (outcome,) = advise_many([{**data, "priorities": {"tax": 10**5000}}])

    assert isinstance(outcome, AdvisorError)
    assert int(outcome.exit_code) == 3
    assert "an integer of about 5,001 digits" in str(outcome)


BATCH_GAP = (
    "owned by the batch work (src/gba_advisor/batch/job.py catches only JSONDecodeError from "
    "json.loads; batch_csv._cell_value calls int() on a 5,000-digit cell): both raise "
    "ValueError, which aborts the run"
)


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_a_huge_integer_in_one_batch_record_is_an_error_line_and_the_run_goes_on(
    tmp_path: Path, suffix: str
) -> None:
    source = tmp_path / f"in.{suffix}"
    if suffix == "jsonl":
        record = '{"name": "%s", "home": "foreign", "sector": "ai", "functions": ["rd"]%s}\n'
        source.write_text(
            record % ("A", ', "priorities": {"tax": ' + "9" * 5000 + "}") + record % ("B", ""),
            encoding="utf-8",
        )
    else:
        source.write_text(
            "name,home,sector,functions,priorities.tax\n"
            f"A,foreign,ai,rd,{'9' * 5000}\nB,foreign,ai,rd,3\n",
            encoding="utf-8",
        )
    output = tmp_path / "out.jsonl"

    result = run("batch", str(source), "-o", str(output), "--as-of", AS_OF)

    no_traceback(result)
    assert result.exit_code == 3
    assert len(output.read_text(encoding="utf-8").splitlines()) == 2


# 2. A failed write ------------------------------------------------------------------------

DEV_FULL = Path("/dev/full")
FULL_DISK_COMMANDS = {
    "match json": ("match", str(EXAMPLE), "-f", "json", "--as-of", AS_OF),
    "match table": ("match", str(EXAMPLE), "--as-of", AS_OF),
    "report": ("report", str(EXAMPLE), *QUICK),
    "init -": ("init", "-"),
    "schema": ("schema", "profile"),
    "data check": ("data", "check", "--as-of", AS_OF),
    "data check json": ("data", "check", "-f", "json", "--as-of", AS_OF),
    "compare": ("compare", "--as-of", AS_OF),
}


@pytest.fixture(scope="module")
def full_disk_runs() -> dict[str, tuple[int, str]]:
    """Every command run at once with its standard output on /dev/full."""
    if not DEV_FULL.exists():
        pytest.skip("needs /dev/full")
    running = {}
    with DEV_FULL.open("w") as full:
        for name, args in FULL_DISK_COMMANDS.items():
            running[name] = subprocess.Popen(
                [sys.executable, "-m", "gba_advisor", *args],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, DATA_ENV: ""},
            )
        results = {}
        for name, child in running.items():
            _, err = child.communicate(timeout=120)
            results[name] = (child.returncode, err)
    return results


@pytest.mark.parametrize("name", sorted(FULL_DISK_COMMANDS))
def test_a_full_standard_output_is_exit_3_with_a_message(
    full_disk_runs: dict[str, tuple[int, str]], name: str
) -> None:
    code, err = full_disk_runs[name]

    assert code == 3, err
    assert "error: could not write standard output: no space left on device" in err
    assert "Traceback" not in err
    assert "Exception ignored" not in err


def test_data_init_with_its_output_on_a_full_disk_is_exit_3(tmp_path: Path) -> None:
    if not DEV_FULL.exists():
        pytest.skip("needs /dev/full")
    with DEV_FULL.open("w") as full:
        done = process("data", "init", str(tmp_path / "kb"), stdout=full)

    assert done.returncode == 3, done.stderr
    assert "could not write standard output: no space left on device" in done.stderr


def enospc(*args: object, **kwargs: object) -> int:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_data_init_on_a_full_disk_names_the_file_and_leaves_nothing_that_blocks_a_rerun(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "my kb"
    real_write = os.write
    calls = {"n": 0}

    def second_file_fails(handle: int, data: Any) -> int:
        calls["n"] += 1
        if calls["n"] >= 2:
            return enospc()
        return real_write(handle, data)

    with mock.patch.object(files.os, "write", side_effect=second_file_fails):
        result = run("data", "init", str(folder))

    assert result.exit_code == 3, result.stderr
    no_traceback(result)
    second = folder / FILES[1]
    assert f"error: {second}: could not write the knowledge-base file: no space left on device" in (
        result.stderr
    )
    assert "wrote 1 of 4 files" in result.stderr
    assert "data/" not in result.stderr.split("\n")[0]  # not the shipped source
    assert sorted(p.name for p in folder.iterdir()) == [FILES[0]]  # no 0-byte or temporary file

    rerun = run("data", "init", str(folder), "--force")
    assert rerun.exit_code == 0, rerun.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)


def test_a_memo_overwritten_on_a_full_disk_keeps_the_old_memo_whole(tmp_path: Path) -> None:
    memo = tmp_path / "memo.html"
    memo.write_text("<p>the old memo</p>\n", encoding="utf-8")

    with mock.patch.object(files.os, "write", side_effect=enospc):
        result = run("report", str(EXAMPLE), "-o", str(memo), "--force", *QUICK)

    assert result.exit_code == 3
    no_traceback(result)
    assert f"error: {memo}: could not write the memo: no space left on device" in result.stderr
    assert memo.read_text(encoding="utf-8") == "<p>the old memo</p>\n"
    assert [p.name for p in tmp_path.iterdir()] == ["memo.html"]


def test_a_profile_written_on_a_full_disk_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "client.yaml"

    with mock.patch.object(files.os, "write", side_effect=enospc):
        result = run("init", str(target))

    assert result.exit_code == 3
    assert "could not write the profile: no space left on device" in result.stderr
    assert list(tmp_path.iterdir()) == []


# 3. --as-of at the end of the calendar ----------------------------------------------------

AS_OF_COMMANDS = {
    "match": ("match", str(EXAMPLE)),
    "report": ("report", str(EXAMPLE), "--draws", "5"),
    "batch": ("batch", str(EXAMPLE.parent), "-o", "-"),
    "compare": ("compare",),
    "data check": ("data", "check"),
}


@pytest.mark.parametrize("date", ["9999-12-31", "9995-01-01", "9990-01-01"])
@pytest.mark.parametrize("command", sorted(AS_OF_COMMANDS))
def test_an_as_of_date_past_the_calendar_is_a_usage_error(command: str, date: str) -> None:
    result = run(*AS_OF_COMMANDS[command], "--as-of", date)

    assert result.exit_code == 2, result.stderr
    no_traceback(result)
    assert "is too far in the future: the latest date is 9989-12-31" in result.stderr


@pytest.mark.parametrize("command", ["match", "data check", "report"])
def test_the_latest_as_of_date_still_works(command: str) -> None:
    result = run(*AS_OF_COMMANDS[command], "--as-of", "9989-12-31")

    assert result.exit_code == 0, result.stderr


# 4. report: never over a file without --force, never over its input, atomically -----------


def test_report_refuses_an_existing_output_without_force(tmp_path: Path) -> None:
    memo = tmp_path / "memo.md"
    memo.write_text("keep me\n", encoding="utf-8")

    result = run("report", str(EXAMPLE), "-o", str(memo), *QUICK)

    assert result.exit_code == 2
    assert f"error: {memo}: exists; nothing was written" in result.stderr
    assert "hint: pass --force to overwrite it" in result.stderr
    assert memo.read_text(encoding="utf-8") == "keep me\n"

    forced = run("report", str(EXAMPLE), "-o", str(memo), "--force", *QUICK)
    assert forced.exit_code == 0, forced.stderr
    assert memo.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("spelling", ["same", "dotted", "link"])
def test_report_never_writes_over_its_input_profile_even_with_force(
    tmp_path: Path, spelling: str
) -> None:
    profile = tmp_path / "client.md"  # a name the memo could take
    shutil.copyfile(EXAMPLE, profile)
    before = profile.read_bytes()
    output = {
        "same": profile,
        "dotted": tmp_path / "." / "client.md",
        "link": tmp_path / "link.md",
    }[spelling]
    if spelling == "link":
        output.symlink_to(profile)

    result = run("report", str(profile), "-o", str(output), "--force", *QUICK)

    assert result.exit_code == 2, result.stderr
    assert "writing there would replace it" in result.stderr
    assert profile.read_bytes() == before


def test_report_writes_through_a_temporary_file_in_the_same_folder(tmp_path: Path) -> None:
    memo = tmp_path / "memo.html"
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(source: Any, target: Any) -> None:
        renames.append((str(source), str(target)))
        real_replace(source, target)

    with mock.patch.object(files.os, "replace", side_effect=spy):
        result = run("report", str(EXAMPLE), "-o", str(memo), *QUICK)

    assert result.exit_code == 0, result.stderr
    ((source, target),) = renames
    assert Path(source).parent == tmp_path
    assert Path(source).name.startswith(".memo.html.")
    assert target == str(memo)
    assert [p.name for p in tmp_path.iterdir()] == ["memo.html"]
    assert memo.read_text(encoding="utf-8").lstrip().startswith("<!DOCTYPE html>")


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "client.yaml"
    umask = os.umask(0o022)
    try:
        assert run("init", str(target)).exit_code == 0
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644


# 7. A named pipe or a device never hangs ------------------------------------------------


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs mkfifo")


@needs_fifo
def test_a_named_pipe_as_a_profile_is_refused_without_hanging(tmp_path: Path) -> None:
    pipe = tmp_path / "p.yaml"
    os.mkfifo(pipe)

    done = process("match", str(pipe))  # times out (and fails) if it hangs

    assert done.returncode == 3, done.stderr
    assert f"error: {pipe}: is a named pipe (FIFO), not a regular file" in done.stderr
    assert "Traceback" not in done.stderr


@needs_fifo
@pytest.mark.parametrize("command", ["data check", "match", "report"])
def test_a_named_pipe_in_the_knowledge_base_is_refused_without_hanging(
    tmp_path: Path, command: str
) -> None:
    folder = tmp_path / "kb"
    assert run("data", "init", str(folder)).exit_code == 0
    (folder / "sectors.yaml").unlink()
    os.mkfifo(folder / "sectors.yaml")
    args = {
        "data check": ("data", "check"),
        "match": ("match", str(EXAMPLE)),
        "report": ("report", str(EXAMPLE), "--draws", "5"),
    }[command]

    done = process(*args, "--data-dir", str(folder))

    assert done.returncode == 3, done.stderr
    assert "sectors.yaml: is a named pipe (FIFO), not a regular file" in done.stderr


def test_standard_input_still_reads_a_profile() -> None:
    result = run("match", "-", "-f", "json", "--as-of", AS_OF, stdin=EXAMPLE.read_text())

    assert result.exit_code == 0, result.stderr
    assert '"name": "Lotus Herbal Pharmaceutical"' in result.stdout


def test_a_bad_profile_on_standard_input_is_named_stdin() -> None:
    result = run("match", "-", stdin="name: [\n")

    assert result.exit_code == 3
    assert result.stderr.startswith("error: <stdin>:")


# 8. A bad $COLUMNS -----------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["abc", "", "-5", "0", "1e3", "٣٠", "99999999999999999999"])
def test_a_bad_columns_falls_back_to_the_default_width(columns: str) -> None:
    assert piped_width_with(columns) == PIPED_WIDTH
    result = run("match", str(EXAMPLE), "--as-of", AS_OF, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    assert "Recommended layout" in result.stdout


def piped_width_with(columns: str) -> int:
    with mock.patch.dict(os.environ, {"COLUMNS": columns}):
        return piped_width()


def test_a_good_columns_is_still_used() -> None:
    assert piped_width_with("100") == 100


def test_columns_abc_piped_to_cat_is_not_a_traceback() -> None:
    done = subprocess.run(
        f"{sys.executable} -m gba_advisor match {EXAMPLE} --as-of {AS_OF} | cat",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "abc", DATA_ENV: ""},
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert "Recommended layout" in done.stdout


# 9. The smaller ones ----------------------------------------------------------------------


@pytest.mark.parametrize("written", ["true", "1.0", "0x1", "0b1", "01", '"1"', "2"])
def test_schema_version_is_a_strict_integer(tmp_path: Path, written: str) -> None:
    profile = tmp_path / "client.yaml"
    profile.write_text(BASE + f"schema_version: {written}\n", encoding="utf-8")

    result = run("match", str(profile))

    assert result.exit_code == 3, result.stdout
    no_traceback(result)
    assert "field: schema_version" in result.stderr


def test_schema_version_1_is_accepted(tmp_path: Path) -> None:
    profile = tmp_path / "client.yaml"
    profile.write_text(BASE + "schema_version: 1\n", encoding="utf-8")

    assert run("match", str(profile), "--as-of", AS_OF).exit_code == 0


def test_the_html_memo_carries_no_raw_control_bytes(tmp_path: Path) -> None:
    profile = tmp_path / "client.yaml"
    profile.write_text(
        BASE.replace("Acme", '"Evil\\e[2J\\a Co\\x9b"') + 'home_country: "X\\x1b]0;t\\x07"\n',
        encoding="utf-8",
    )
    memo = tmp_path / "memo.html"

    result = run("report", str(profile), "-o", str(memo), *QUICK)

    assert result.exit_code == 0, result.stderr
    html = memo.read_text(encoding="utf-8")
    raw = [
        char
        for char in html
        if (ord(char) < 0x20 and char not in "\n\t") or 0x7F <= ord(char) <= 0x9F
    ]
    assert raw == []
    assert "Evil\\x1b[2J\\x07 Co\\x9b" in html


def test_init_onto_a_dangling_symlink_does_not_create_its_target(tmp_path: Path) -> None:
    link = tmp_path / "client.yaml"
    link.symlink_to(tmp_path / "elsewhere" / "target.yaml")

    for extra in ((), ("--force",)):
        result = run("init", str(link), *extra)

        assert result.exit_code == 3, result.stderr
        assert "is a symbolic link to a file that does not exist" in result.stderr
        assert not (tmp_path / "elsewhere").exists()
        assert link.is_symlink()


def test_data_init_onto_a_dangling_symlink_does_not_create_its_target(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "rules.yaml").symlink_to(tmp_path / "gone.yaml")

    result = run("data", "init", str(folder), "--force")

    assert result.exit_code == 3
    assert "is a symbolic link to a file that does not exist" in result.stderr
    assert not (tmp_path / "gone.yaml").exists()


def test_the_next_hints_quote_paths_with_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "my kb"
    profile = tmp_path / "new client.yaml"

    copied = run("data", "init", str(folder))
    written = run("init", str(profile))

    assert copied.exit_code == 0
    assert f"--data-dir '{folder}'`" in copied.stdout
    assert f"GBA_ADVISOR_DATA='{folder}'`" in copied.stdout
    assert written.exit_code == 0
    assert f"next: gba-advisor match '{profile}'" in written.stdout


def test_the_docs_cite_only_tests_that_exist() -> None:
    """Every `tests/...` path and `test_...` name the documentation cites is real."""
    sources = list((ROOT / "tests").rglob("*.py"))
    stems = {path.stem for path in sources}
    corpus = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    for doc in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        text = doc.read_text(encoding="utf-8")
        for cited in re.findall(r"tests/[\w/.-]*\w", text):
            assert (ROOT / cited).exists() or list(ROOT.glob(cited + "*")), (doc.name, cited)
        for name in re.findall(r"\btest_\w+", text):
            assert name in stems or f"def {name}(" in corpus, (doc.name, name)
