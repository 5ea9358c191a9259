"""Cold start: median wall time of short commands, and their ratio to a bare interpreter.

Each command is run as a user runs it (the `gba-advisor` console script next to this Python,
or `python -m gba_advisor` when there is none), with its output discarded. Commands are run
round-robin, so that a burst of load from other processes hits all of them alike; the bare
interpreter (`python -c pass`) is measured in the same rounds, and each median is also given
as a multiple of its median. So is the framework's floor (`benchmarks/typer_floor.py`: a Typer
command with match's options that validates the profile with pydantic and prints JSON), and
`match` is also given as a multiple of that floor: the part of the cold start that is ours.

Each run's CPU time (user + system, from the operating system's accounting of the child) is
also recorded where the platform gives it (`os.wait4`): on a machine shared with other jobs it
moves far less than wall time, so the CPU ratio to the floor is printed too, as a check.

Bytecode: an installed package has its modules compiled (pip compiles them at install), so the
children run with a temporary `PYTHONPYCACHEPREFIX` that the warm-up rounds fill, even where
the environment sets PYTHONDONTWRITEBYTECODE (as this project's sessions do: without it every
run would compile every module of the package from source again).

Run: python benchmarks/startup.py [rounds]        (default 21 rounds, after 3 warm-up rounds)
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "tech_rd_loop_branches_nansha.yaml"
TARGET_RATIO = 12.0
FLOOR = "Typer floor: validate + print JSON"
MATCH = "gba-advisor match EXAMPLE --format json"
FLOOR_TARGET = 1.1
WARM_UP = 3


def advisor_command() -> list[str]:
    script = Path(sys.executable).with_name("gba-advisor")
    if script.is_file():
        return [str(script)]
    found = shutil.which("gba-advisor")
    return [found] if found else [sys.executable, "-m", "gba_advisor"]


def commands() -> dict[str, list[str]]:
    advisor = advisor_command()
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "gba-advisor --help": [*advisor, "--help"],
        MATCH: [
            *advisor,
            "match",
            str(EXAMPLE),
            "--format",
            "json",
        ],
        "gba-advisor schema profile": [*advisor, "schema", "profile"],
        FLOOR: [
            sys.executable,
            str(ROOT / "benchmarks" / "typer_floor.py"),
            str(EXAMPLE),
            "--format",
            "json",
        ],
    }


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """Wall time and, where the OS accounts for it, CPU time (user + system) of one run."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        return time.perf_counter() - start, usage.ru_utime + usage.ru_stime
    child.wait()
    return time.perf_counter() - start, None


def measure(rounds: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall and CPU times of each command (CPU empty where the OS does not give it)."""
    todo = commands()
    times: dict[str, list[float]] = {name: [] for name in todo}
    cpu: dict[str, list[float]] = {name: [] for name in todo}
    with tempfile.TemporaryDirectory(prefix="gba-pycache-") as pycache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = pycache
        for index in range(WARM_UP + rounds):
            for name, command in todo.items():
                elapsed, used = timed(command, env)
                if index >= WARM_UP:
                    times[name].append(elapsed)
                    if used is not None:
                        cpu[name].append(used)
    return times, cpu


def report(times: dict[str, list[float]], cpu: dict[str, list[float]]) -> str:
    bare = statistics.median(times["python -c pass"])
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        f", load average {os.getloadavg()[0]:.2f} at the end",
        "",
        "| command | median | min | CPU median | × `python -c pass` | target |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, samples in times.items():
        median = statistics.median(samples)
        used = f"{statistics.median(cpu[name]) * 1000:.0f} ms" if cpu[name] else "-"
        target = "" if name.startswith(("python", "Typer")) else f"≤ {TARGET_RATIO:g}×"
        lines.append(
            f"| `{name}` | {median * 1000:.0f} ms | {min(samples) * 1000:.0f} ms | {used} "
            f"| {median / bare:.1f}× | {target} |"
        )
    floor = statistics.median(times[FLOOR])
    lines += [
        "",
        f"`match` / Typer floor: {statistics.median(times[MATCH]) / floor:.2f}× "
        f"(target ≤ {FLOOR_TARGET:g}×)",
    ]
    if cpu[MATCH] and cpu[FLOOR]:
        ratio = statistics.median(cpu[MATCH]) / statistics.median(cpu[FLOOR])
        lines.append(f"`match` / Typer floor in CPU time: {ratio:.2f}×")
    return "\n".join(lines)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    print(report(*measure(rounds)))


if __name__ == "__main__":
    main()
