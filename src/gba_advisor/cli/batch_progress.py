"""The batch progress bar: records done, rate and time left, drawn by Rich on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Profiles per second over Rich's recent window (the pool's start-up shows as slow)."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text("" if speed is None else f"{speed:,.0f}/s", style="progress.data.speed")


@contextmanager
def progress_bar(total: int | None) -> Iterator[Callable[[int], None]]:
    """Yield `advance(n)`; the bar is left on screen when the run ends."""
    columns = (
        TextColumn("advising"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(file=sys.stderr), speed_estimate_period=10) as bar:
        task = bar.add_task("advising", total=total)
        yield lambda count: bar.advance(task, count)
