"""The end of a batch run: write the chunks whole, count how each record ended, and say so.

The exit code follows the count: 3 if any record was invalid, 4 if the only failures were
profiles no layout fits, 128 + the signal when a signal stopped the run, 0 otherwise.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from gba_advisor.batch.job import BatchJob
    from gba_advisor.batch.packed import PackedLines
    from gba_advisor.batch.resume import Written
    from gba_advisor.cli.batch_sink import Sink, Stop


class Tally:
    """How many records ended how (with `--resume`, those already written too)."""

    def __init__(self, written: Written | None = None) -> None:
        self.by_status: dict[int, int] = dict(written.by_status) if written else {}
        self.kept = written.records if written else 0
        self.header = written is not None and written.end > 0

    def add(self, lines: PackedLines) -> None:
        for status in set(lines.statuses):
            self.by_status[status] = self.by_status.get(status, 0) + lines.statuses.count(status)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def failed(self) -> int:
        return self.total - self.by_status.get(0, 0)


def write_chunks(
    chunks: Iterator[PackedLines],
    out: Sink,
    job: BatchJob,
    advance: Callable[[int], None],
    stop: Stop,
    written: Written | None,
) -> Tally:
    """Write chunk after chunk, each whole; stop between two chunks when a signal asks."""
    from concurrent.futures import BrokenExecutor

    from gba_advisor.batch.ledger import TextLedger
    from gba_advisor.batch.output import LineFormat, csv_header

    tally = Tally(written)
    # Texts an interrupted run already wrote are not written again when it is resumed.
    ledger = TextLedger(set(written.texts) if written else set())
    try:
        if job.output is LineFormat.CSV and not tally.header:
            out.write(csv_header().encode("utf-8"))
        if tally.kept:
            advance(tally.kept)
        for lines in chunks:
            out.write(lines.written(ledger))
            tally.add(lines)
            advance(len(lines))
            if stop.signum is not None:
                break
    except BrokenExecutor:
        # The same signal sent to the whole process group stopped the workers first.
        if stop.signum is None:
            raise
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()  # an engine stops its workers when its generator is closed early
    return tally


def finish(tally: Tally, output: Path | None, stop: Stop) -> None:
    from gba_advisor.core.errors import ExitCode

    records = f"{tally.total:,} record{'s' if tally.total != 1 else ''}"
    where = f" in {output}" if output is not None and str(output) != "-" else ""
    if stop.signum is not None:
        into = f" to {output}" if where else ""
        print(
            f"batch: interrupted by {stop.name}; {records} written{into}, each complete"
            + ("; --resume continues the run" if into else ""),
            file=sys.stderr,
        )
        raise typer.Exit(128 + stop.signum)
    kept = f" ({tally.kept:,} kept from the interrupted run)" if tally.kept else ""
    if not tally.failed:
        print(f"batch: {records}, all advised{kept}", file=sys.stderr)
        return
    invalid = tally.by_status.get(int(ExitCode.INVALID_INPUT), 0)
    no_layout = tally.by_status.get(int(ExitCode.NO_LAYOUT), 0)
    kinds = [f"{invalid:,} invalid"] if invalid else []
    kinds += [f"{no_layout:,} with no layout"] if no_layout else []
    print(
        f"batch: {records}{kept}, {tally.failed:,} failed ({', '.join(kinds)}); "
        f"see their error lines{where}",
        file=sys.stderr,
    )
    raise typer.Exit(int(ExitCode.INVALID_INPUT if invalid else ExitCode.NO_LAYOUT))
