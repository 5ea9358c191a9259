"""How the engines keep a few chunks in flight and give their lines back in input order.

Pure scheduling over futures, whatever runs the chunks (a process pool, Dask, this process):
at most a small window of chunks is in flight, so memory stays flat however long the input is.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import Any, TypeVar

C = TypeVar("C")
R = TypeVar("R")

WINDOW_PER_WORKER = 2
"""Chunks in flight per Dask worker: one being advised, one waiting, so no worker idles."""
QUEUED_PER_WORKER = 3
"""Chunks in flight per pool worker when this process advises too (`sharing`)."""


def sharing(
    submit: Callable[[C], Future[R]],
    advise_here: Callable[[C], R],
    chunks: Iterable[C],
    workers: int,
) -> Iterator[R]:
    """`in_order` over a pool of `workers`, with this process as one more: a chunk that finds
    the pool's window full is advised here (`advise_here`) rather than waited for.

    The pool's window is `QUEUED_PER_WORKER` chunks a worker, so that each has its next chunks
    queued while this process advises one of its own and hands out or collects none (two, and
    the results pipe's 64 kB, left a worker idle often enough that a first trial of this design
    was 15 % slower than a pool of N waited on; see `_widen_results_pipe`). At most
    `QUEUED_PER_WORKER` chunks per process are in flight, done here and waiting for an earlier
    one included, and `QUEUED_PER_WORKER` more read ahead, so memory stays flat; lines are
    yielded in input order.
    """
    window = QUEUED_PER_WORKER * max(1, workers)
    most = window + QUEUED_PER_WORKER
    pending: deque[tuple[bool, Any]] = deque()
    in_pool = 0

    def place(chunk: C, ending: bool) -> Iterator[R]:
        """Hand `chunk` to the pool or advise it here, then yield what is done at the head (an
        unfinished head is waited for only when the chunks in flight reach the bound)."""
        nonlocal in_pool
        # At the end a worker with nothing queued (a short input) still gets a chunk.
        if in_pool < (workers if ending else window):
            pending.append((True, submit(chunk)))
            in_pool += 1
        else:
            pending.append((False, advise_here(chunk)))
        while pending and (not pending[0][0] or pending[0][1].done() or len(pending) >= most):
            queued, head = pending.popleft()
            if queued:
                in_pool -= 1
                head = head.result()
            yield head

    # The last chunks are seen coming: this process keeps the last QUEUED_PER_WORKER for
    # itself, to advise while each worker finishes what it has queued, so that both end
    # together instead of this one waiting for a worker's last three chunks.
    ahead: deque[C] = deque()
    for chunk in chunks:
        ahead.append(chunk)
        if len(ahead) > QUEUED_PER_WORKER:
            yield from place(ahead.popleft(), ending=False)
    while ahead:
        yield from place(ahead.popleft(), ending=True)
    while pending:
        queued, head = pending.popleft()
        yield head.result() if queued else head


def in_order(
    submit: Callable[[C], Future[R] | Any],
    chunks: Iterable[C],
    workers: int,
) -> Iterator[R]:
    """Submit chunks, keep at most `WINDOW_PER_WORKER * workers` in flight, yield in order."""
    window = WINDOW_PER_WORKER * max(1, workers)
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
