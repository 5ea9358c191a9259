"""`gba-advisor batch INPUT [-o OUT]`: many profiles, one output line each, in input order.

The command opens the input, picks an engine and writes the lines as they come; the work per
record is `gba_advisor.batch.job.advise_partition`. A record that fails becomes an error line
and the run goes on; the exit code says whether any failed: 3 if any record was invalid, 4 if
the only failures were profiles no layout fits, 0 when every record was advised.

Output holds whole records only (see `batch_sink`): a failed write is exit 3 with the file cut
back to its last complete record; SIGINT or SIGTERM stops the run after the chunk being
written, stops the workers, says how many records were written and exits 130 or 143; and
`--resume` continues such an output (see `gba_advisor.batch.resume`).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gba_advisor.batch.output import LineDetail, LineFormat
from gba_advisor.cli import collector
from gba_advisor.cli.batch_tally import finish, write_chunks
from gba_advisor.cli.guard import guarded
from gba_advisor.cli.helpdoc import FILES, OUTPUT, RUN, examples
from gba_advisor.cli.options import AsOf, DataDir, Exclude, MaxSites, Version, option, parse_as_of

if TYPE_CHECKING:
    from gba_advisor.batch.input import InputFormat
    from gba_advisor.batch.job import BatchJob
    from gba_advisor.batch.packed import PackedLines
    from gba_advisor.batch.records import Record
    from gba_advisor.batch.resume import Written
    from gba_advisor.cli.batch_sink import Sink

EXAMPLES = examples(
    ("a folder of client profiles to JSON Lines", "gba-advisor batch profiles/ -o results.jsonl"),
    (
        "a spreadsheet export, one layout per row",
        "gba-advisor batch clients.csv --output-format csv -o layouts.csv",
    ),
    ("carry on after an interruption", "gba-advisor batch clients.jsonl -o results.jsonl --resume"),
    ("with contributions", "gba-advisor batch clients.jsonl --explain -o out.jsonl"),
    ("from standard input", "cat clients.jsonl | gba-advisor batch -"),
)

CHUNK = {LineDetail.COMPACT: 128, LineDetail.EXPLAIN: 256, LineDetail.FULL: 16}
"""Records per chunk by line detail: a full line is 20-130 kB, so its chunks are small to keep
the lines in flight (and the memory) small; explained lines (3-10 kB) travel 256 at a time, a
few MB in flight at most, which costs less per line than small chunks. Compact lines (1-3 kB)
travel 128 at a time: with two chunks in flight per process, 256 held some 6 MiB more across
`--jobs 4` (issue 11's 200 MiB), for a per-chunk cost lost in the noise of its timings."""


class InputChoice(StrEnum):
    AUTO = "auto"
    JSONL = "jsonl"
    CSV = "csv"
    FOLDER = "folder"


class Engine(StrEnum):
    LOCAL = "local"
    DASK = "dask"


def batch(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT",
            help="JSON Lines (.jsonl), CSV (.csv), a folder of YAML profiles, or - for stdin.",
        ),
    ],
    output: Annotated[
        Path | None,
        option("--output", "-o", help="Write here instead of stdout.", metavar="FILE", panel=FILES),
    ] = None,
    input_format: Annotated[
        InputChoice,
        option(
            "--input-format",
            help="auto, jsonl, csv or folder (default: from the name).",
            metavar="FORMAT",
            panel=FILES,
        ),
    ] = InputChoice.AUTO,
    output_format: Annotated[
        LineFormat,
        option(
            "--output-format",
            help="jsonl: a result per line; csv: a layout per row.",
            metavar="FORMAT",
            panel=OUTPUT,
        ),
    ] = LineFormat.JSONL,
    explain: Annotated[
        bool,
        option(
            "--explain",
            help="Add every contribution, by reference to texts written once per run.",
            panel=OUTPUT,
        ),
    ] = False,
    full: Annotated[
        bool,
        option(
            "--full", help="Each line the whole result match -f json prints (large).", panel=OUTPUT
        ),
    ] = False,
    summary: Annotated[
        bool,
        typer.Option("--summary", hidden=True, help="The compact line (now the default)."),
    ] = False,
    jobs: Annotated[
        int | None,
        option(
            "--jobs",
            "-j",
            help="Processes that advise, this one included (local), or local Dask workers "
            "(default: the usable cores).",
            metavar="N",
            panel=RUN,
            min=1,
        ),
    ] = None,
    engine: Annotated[
        Engine,
        option(
            "--engine",
            help="local (this machine) or dask (a Dask cluster).",
            metavar="ENGINE",
            panel=RUN,
        ),
    ] = Engine.LOCAL,
    scheduler: Annotated[
        str | None,
        option(
            "--scheduler",
            help="Dask scheduler address (default: a local cluster).",
            metavar="ADDRESS",
            panel=RUN,
        ),
    ] = None,
    chunk_size: Annotated[
        int | None,
        option(
            "--chunk-size",
            help="Records per task (default 128; 256 with --explain, 16 with --full).",
            metavar="N",
            panel=RUN,
            min=1,
        ),
    ] = None,
    resume: Annotated[
        bool,
        option("--resume", help="Continue an interrupted run into the same -o file.", panel=FILES),
    ] = False,
    max_sites: MaxSites = None,
    exclude: Exclude = None,
    data_dir: DataDir = None,
    as_of: AsOf = None,
    version: Version = False,
) -> None:
    """Advise many profiles (JSON Lines, CSV or a folder of YAML) to JSON Lines or CSV."""
    date = parse_as_of(as_of)
    if scheduler is not None and engine is not Engine.DASK:
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    if explain and full:
        raise typer.BadParameter("choose one of --explain and --full", param_hint="--full")
    if (explain or full) and output_format is LineFormat.CSV:
        flag = "--explain" if explain else "--full"
        raise typer.BadParameter(
            f"{flag} adds to JSON Lines; a CSV row holds the layout only", param_hint=flag
        )
    if resume and (output is None or str(output) == "-"):
        raise typer.BadParameter(
            "--resume continues an output file: give it with -o FILE", param_hint="--resume"
        )
    with guarded():
        from gba_advisor.batch.input import InputFormat, open_records
        from gba_advisor.batch.job import BatchJob
        from gba_advisor.batch.resume import skip_done
        from gba_advisor.cli.batch_sink import stopping
        from gba_advisor.core.kb.cache import load_knowledge_base_cached

        job = BatchJob(
            knowledge_base=load_knowledge_base_cached(data_dir),
            as_of=date or dt.date.today(),
            max_sites=max_sites,
            exclude=tuple(exclude or ()),
            detail=_detail(explain=explain, full=full),
            output=output_format,
        )
        # It runs long and keeps allocating: collect as usual, over what is made from now on
        # (the knowledge base, loaded above, is frozen with the rest: it lives until exit).
        collector.resume()
        chosen = None if input_format is InputChoice.AUTO else InputFormat(input_format.value)
        size = chunk_size or CHUNK[job.detail]
        stdin = getattr(sys.stdin, "buffer", None)
        with open_records(input_path, chosen, stdin=stdin) as records:
            total = _total(input_path, chosen)
            written = None
            if resume and output is not None:
                written = _resumed(output, input_path, job)
                records = skip_done(records, written, job.output, str(output))
            with stopping() as stop:
                lines = _run(records, job, engine, size, jobs, scheduler)
                with _output(output, input_path, written) as out, _progress(total) as advance:
                    tally = write_chunks(lines, out, job, advance, stop, written)
    finish(tally, output, stop)


def _detail(*, explain: bool, full: bool) -> LineDetail:
    return LineDetail.EXPLAIN if explain else LineDetail.FULL if full else LineDetail.COMPACT


def _total(path: Path, chosen: InputFormat | None) -> int | None:
    """How many records to expect: counted only for a progress bar, on a terminal."""
    if not sys.stderr.isatty() or str(path) == "-":
        return None
    from gba_advisor.batch.input import count_records, detect_format

    return count_records(path, chosen or detect_format(path))


def _run(
    records: Iterator[Record],
    job: BatchJob,
    engine: Engine,
    chunk_size: int,
    jobs: int | None,
    scheduler: str | None,
) -> Iterator[PackedLines]:
    from gba_advisor.batch import engines

    if engine is Engine.DASK:
        return engines.run_dask(records, job, chunk_size, scheduler, jobs)
    workers = jobs if jobs is not None else usable_cores()
    if workers > 1:
        return engines.run_processes(records, job, chunk_size, workers)
    return engines.run_serial(records, job, chunk_size)


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it)."""
    import os

    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def _resumed(output: Path, input_path: Path, job: BatchJob) -> Written:
    from gba_advisor.batch.resume import scan_output

    _not_the_input(output, input_path)
    return scan_output(output, job.output)


def _not_the_input(path: Path, input_path: Path) -> None:
    from gba_advisor.core.errors import InputError, Location

    if str(input_path) != "-" and path.resolve() == input_path.resolve():
        raise InputError(
            "the output would overwrite the input", location=Location(str(path), field="-o")
        )


def _output(
    path: Path | None, input_path: Path, written: Written | None
) -> AbstractContextManager[Sink]:
    from gba_advisor.cli.batch_sink import file_sink, stdout_sink

    if path is None or str(path) == "-":
        return stdout_sink()
    _not_the_input(path, input_path)
    return file_sink(path, resume_at=None if written is None else written.end)


def _progress(total: int | None) -> AbstractContextManager[Callable[[int], None]]:
    """A Rich progress bar on a terminal's stderr (rate, ETA); nothing when redirected."""
    if not sys.stderr.isatty():
        return nullcontext(lambda _: None)
    from gba_advisor.cli.batch_progress import progress_bar

    return progress_bar(total)
