"""Memory: peak RSS of `gba-advisor batch` as the input grows, which must stay flat.

The command streams (records are read lazily, at most a few chunks are in flight, lines are
written as they come), so 1,000,000 profiles should need no more memory than 10,000. Each run
writes to /dev/null (the output of a million full results would be tens of gigabytes; the
lines are still built and written). Two figures per run:

- the whole process tree (the command plus its workers: `--jobs N` is the command, which
  advises too, and N - 1 workers), summed: as RSS, which counts a page
  shared by several processes once in each (forked workers share the knowledge base with the
  command), and as PSS, which shares such a page out among them, so that the sum is the memory
  the tree really holds;
- the largest single process (RSS);

all sampled every 20 ms with psutil (a spike shorter than that could be missed).

Runs: the compact default with `--jobs 1`, `--jobs N`, `--jobs 4` (four processes advising,
the issue's case) and `--jobs 5` (four workers besides the command) at the `--summary-sizes`,
and `--explain --jobs N` at the `--full-sizes`.

Run: python benchmarks/memory.py [--summary-sizes 10000,1000000] [--full-sizes 10000,100000]
                                 [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from synthetic import write_jsonl

TARGET_MIB = 200


def peaks(process: subprocess.Popen[bytes], every: float = 0.02) -> tuple[int, int, int]:
    """Highest RSS and PSS summed over the process tree, and RSS of one process (bytes)."""
    import psutil

    root = psutil.Process(process.pid)
    tree = shared_out = single = 0
    while process.poll() is None:
        try:
            members = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        sizes, proportional = [], []
        for member in members:
            try:
                info = member.memory_full_info()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            sizes.append(info.rss)
            proportional.append(getattr(info, "pss", info.rss))
        tree, single = max(tree, sum(sizes)), max(single, max(sizes, default=0))
        shared_out = max(shared_out, sum(proportional))
        time.sleep(every)
    return tree, shared_out, single


def run(source: Path, options: list[str]) -> tuple[float, float, float, float]:
    """Peak RSS and PSS of the tree, RSS of its largest process (MiB), and the wall time."""
    command = [_advisor(), "batch", str(source), "-o", os.devnull, "--as-of", "2026-11-26"]
    start = time.perf_counter()
    process = subprocess.Popen([*command, *options], stderr=subprocess.DEVNULL)
    result: list[tuple[int, int, int]] = []
    sampler = threading.Thread(target=lambda: result.append(peaks(process)))
    sampler.start()
    code = process.wait()
    sampler.join()
    elapsed = time.perf_counter() - start
    if code not in (0, 3):
        raise SystemExit(f"batch failed with exit code {code}")
    tree, shared_out, single = result[0]
    return tree / 2**20, shared_out / 2**20, single / 2**20, elapsed


def _advisor() -> str:
    script = Path(sys.executable).with_name("gba-advisor")
    return str(script) if script.is_file() else "gba-advisor"


def sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary-sizes", type=sizes, default=[10_000, 1_000_000])
    parser.add_argument("--full-sizes", type=sizes, default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}")
    print(
        f"\n| profiles | options | peak RSS, all processes | peak PSS, all processes "
        f"| largest process | wall time | target < {TARGET_MIB} MiB (RSS / PSS) |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | --- |")
    plan = [(n, ["--jobs", "1"]) for n in args.summary_sizes]
    plan += [(n, ["--jobs", str(args.jobs)]) for n in args.summary_sizes]
    plan += [
        (n, ["--jobs", str(jobs)])
        for jobs in (4, 5)
        if jobs != args.jobs
        for n in args.summary_sizes
    ]
    plan += [(n, ["--explain", "--jobs", str(args.jobs)]) for n in args.full_sizes]
    with tempfile.TemporaryDirectory(prefix="gba-bench-") as folder:
        inputs: dict[int, Path] = {}
        for count, options in sorted(plan, key=lambda item: item[0]):
            if count not in inputs:
                inputs[count] = write_jsonl(Path(folder) / f"{count}.jsonl", count)
            tree, shared_out, largest, elapsed = run(inputs[count], options)
            verdict = " / ".join("met" if v < TARGET_MIB else "not met" for v in (tree, shared_out))
            print(
                f"| {count:,} | `{' '.join(options)}` | {tree:.0f} MiB | {shared_out:.0f} MiB "
                f"| {largest:.0f} MiB | {elapsed:.0f} s | {verdict} |",
                flush=True,
            )
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
