"""Throughput: profiles per second, in process and end to end through `gba-advisor batch`.

1. In process, on one core: the rate of `advise_partition` (parse, validate, advise, serialise)
   over the first records for each line detail (compact, `--explain`, `--full`), and of
   advising alone.
2. End to end: the whole synthetic file through the `gba-advisor batch` command (read, parse,
   advise, write to a file): the default (compact, `--jobs` = the usable cores), `--jobs 1`,
   and `--explain`. Each run's largest line is reported with its output size.

The profiles are synthetic (benchmarks/synthetic.py, seeded) and written to a temporary
folder that is deleted at the end, like the outputs.

Run: python benchmarks/throughput.py [--count 100000] [--sample 2000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from functools import partial
from itertools import islice
from pathlib import Path

from synthetic import write_jsonl

from gba_advisor.batch.input import read_jsonl
from gba_advisor.batch.job import BatchJob, advise_partition, advise_record
from gba_advisor.batch.output import LineDetail
from gba_advisor.core.api import Advisor
from gba_advisor.core.errors import AdvisorError
from gba_advisor.core.kb.loader import load_knowledge_base

TARGET_RATE = 10_000
"""Profiles a second for the default run on two cores (issue 11)."""
AS_OF = dt.date(2026, 11, 26)


def in_process(source: Path, sample: int) -> list[tuple[str, float]]:
    """Records per second on one core for each kind of work."""
    with source.open("rb") as stream:
        records = list(islice(read_jsonl(stream, str(source)), sample))
    kb = load_knowledge_base()
    jobs = {detail: BatchJob(kb, AS_OF, detail=detail) for detail in LineDetail}
    advisor = Advisor(kb, AS_OF)
    compact = jobs[LineDetail.COMPACT].options

    def advise_only() -> None:
        for record in records:
            with suppress(AdvisorError):
                advise_record(record, advisor, compact)

    work: list[tuple[str, Callable[[], object]]] = [
        ("parse + advise (no output)", advise_only),
        *(
            (
                f"parse + advise + {detail.value} line",
                partial(advise_partition, records, job),
            )
            for detail, job in jobs.items()
        ),
    ]
    rates = []
    for name, run in work:
        run()  # warm caches (sector relatedness, fuzzy matches) as a long run would have
        start = time.perf_counter()
        run()
        rates.append((name, len(records) / (time.perf_counter() - start)))
    return rates


def end_to_end(source: Path, out: Path, options: list[str]) -> tuple[float, int, int]:
    """Wall time, output bytes and the largest line's bytes of one batch run."""
    command = [_advisor(), "batch", str(source), "-o", str(out), "--as-of", str(AS_OF), *options]
    start = time.perf_counter()
    done = subprocess.run(command, stderr=subprocess.PIPE, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 3):
        raise SystemExit(f"batch failed ({done.returncode}): {done.stderr}")
    size = out.stat().st_size
    with out.open("rb") as lines:
        largest = max((len(line) for line in lines if not line.startswith(b'{"texts"')), default=0)
    out.unlink()
    return elapsed, size, largest


def _advisor() -> str:
    script = Path(sys.executable).with_name("gba-advisor")
    return str(script) if script.is_file() else "gba-advisor"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--skip-serial", action="store_true", help="only the --jobs runs")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="gba-bench-") as folder:
        source = write_jsonl(Path(folder) / "profiles.jsonl", args.count)
        print(f"\n{args.count:,} synthetic profiles ({source.stat().st_size / 2**20:.1f} MiB)")
        print("\n| in process, one core | profiles/s | ms/profile |\n| --- | ---: | ---: |")
        for name, rate in in_process(source, args.sample):
            print(f"| {name} | {rate:,.0f} | {1000 / rate:.2f} |")
        runs = [[], ["--explain"]]
        if not args.skip_serial:
            runs.insert(1, ["--jobs", "1"])
        print(
            f"\n| `gba-advisor batch` end to end, {args.count:,} profiles | wall time | "
            f"profiles/s | output | largest line | target ≥ {TARGET_RATE:,} profiles/s |"
        )
        print("| --- | ---: | ---: | ---: | ---: | --- |")
        for options in runs:
            elapsed, size, largest = end_to_end(source, Path(folder) / "out.jsonl", options)
            rate = args.count / elapsed
            verdict = "" if options else ("met" if rate >= TARGET_RATE else "not met")
            print(
                f"| `{' '.join(options) or '(default)'}` | {elapsed:.1f} s | {rate:,.0f} "
                f"| {size / 2**20:,.1f} MiB | {largest / 1000:,.1f} kB | {verdict} |"
            )
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
