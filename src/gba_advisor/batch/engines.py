"""Engines that run `advise_partition` over a stream of records and give back lines in order.

Every engine cuts the records into chunks, runs the same pure `advise_partition` on each, and
yields the chunks' lines in input order, packed where they are made (`packed.advise_packed`),
so that the command only writes them. At most a small window of chunks is in flight at any
time (`in_flight`), so memory stays flat however long the input is:

- `run_serial`: in this process.
- `run_processes`: N processes (`--jobs N`): this one and a pool of N - 1 more, forked with
  the job's knowledge base compiled where that is safe, else spawned and sent the job (with
  its knowledge base) once. This process advises a chunk whenever the pool has enough queued,
  instead of waiting: N processes advise with one interpreter fewer (about 40 MiB).
- `run_dask`: a Dask cluster, the one at `--scheduler ADDRESS` or a local one; the job is
  scattered to every worker once. Dask is imported only here, and only when asked for.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from gba_advisor.batch.in_flight import in_order, sharing
from gba_advisor.batch.job import BatchJob, advisor_for, chunked
from gba_advisor.batch.packed import PackedLines, advise_packed
from gba_advisor.batch.records import Record
from gba_advisor.core.errors import AdvisorError, ExitCode

DASK_CONNECT_TIMEOUT = "10s"
DASK_WORKER_TIMEOUT = "60s"


class EngineError(AdvisorError):
    """An engine cannot run as asked (Dask not installed, scheduler unreachable)."""

    exit_code = ExitCode.USAGE


def run_serial(records: Iterable[Record], job: BatchJob, chunk_size: int) -> Iterator[PackedLines]:
    for chunk in chunked(records, chunk_size):
        yield advise_packed(chunk, job)


def run_processes(
    records: Iterable[Record], job: BatchJob, chunk_size: int, workers: int
) -> Iterator[PackedLines]:
    """`workers` processes advising: this one and a pool of `workers - 1`, forked where that is
    safe (`start_method`).

    An input of one chunk is advised in this process: starting workers would cost more than
    they save (`--jobs` defaults to the usable cores, and most runs of a few profiles are one
    chunk).
    """
    chunks = chunked(records, chunk_size)
    head = list(itertools.islice(chunks, 2))
    if len(head) < 2 or workers <= 1:
        for chunk in itertools.chain(head, chunks):
            yield advise_packed(chunk, job)
        return
    yield from _in_pool(itertools.chain(head, chunks), job, workers - 1)


def _in_pool(chunks: Iterator[list[Record]], job: BatchJob, workers: int) -> Iterator[PackedLines]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = start_method()
    if method == "fork":
        # Compiled once here, inherited by every worker: none re-reads or re-compiles anything.
        advisor_for(job).prepare()
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_install,
        initargs=(job,),
    )
    _widen_results_pipe(pool)
    finished = False
    try:
        yield from sharing(
            lambda chunk: pool.submit(_advise_installed, chunk),
            lambda chunk: advise_packed(chunk, job),
            chunks,
            workers,
        )
        finished = True
    finally:
        if not finished:
            # Stopped early (a signal, a failed write): the chunks in flight are not wanted,
            # so the workers are killed rather than waited for.
            _kill_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)


def _widen_results_pipe(pool: Any) -> None:
    """Let a worker write a chunk's lines at once, however busy this process is.

    A chunk's compact lines are some 200 kB, and a pipe holds 64 kB: a worker blocked until
    this process read the rest, which it does between chunks of its own, so the worker idled.
    Linux lets a pipe hold up to 1 MiB (`F_SETPIPE_SZ`); elsewhere, or refused, nothing changes.
    """
    try:
        import fcntl
    except ImportError:  # Windows
        return
    reader = getattr(getattr(pool, "_result_queue", None), "_reader", None)
    setting = getattr(fcntl, "F_SETPIPE_SZ", None)
    if reader is None or setting is None:
        return
    with contextlib.suppress(OSError, ValueError):
        fcntl.fcntl(reader.fileno(), setting, PIPE_BYTES)


PIPE_BYTES = 1 << 20


def start_method() -> str:
    """`fork` on Linux while this process runs no other thread, `spawn` everywhere else.

    A forked worker starts at once with the knowledge base and its compiled tables in memory;
    a spawned one imports the package and unpickles the knowledge base first (about half a
    second each). Forking is only safe without other threads (one might hold a lock the child
    would inherit locked): a progress bar's refresh thread, say, means spawning. macOS is left
    to spawn, its default, since system libraries there do not survive a fork.
    """
    import multiprocessing
    import threading

    forkable = (
        sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
    )
    return "fork" if forkable and threading.active_count() == 1 else "spawn"


def _kill_workers(pool: Any) -> None:
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError):
            process.kill()
    # A worker killed in the middle of sending its lines leaves part of a message in the
    # results pipe, and the pool's thread that reads it would wait for the rest forever (this
    # process holds the pipe's other end too), so shutting the pool down would never return.
    # Closed here, that end no longer exists: the read ends, and the pool sees its workers gone.
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        with contextlib.suppress(OSError):
            writer.close()


_installed: BatchJob | None = None


def _install(job: BatchJob) -> None:
    """Runs once in each worker process: keep the job, leave Ctrl-C and SIGTERM to the parent
    (a signal sent to the whole process group must not kill a worker under a waiting parent:
    the parent stops the run and kills its workers itself), and die with the parent even if it
    is killed outright (Linux). What the worker holds now (the job, and when forked the
    compiled knowledge base) lives as long as it does: frozen, it is out of the collector's
    reach, and a forked worker's collections never write to the pages it shares."""
    global _installed
    _installed = job
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (`PR_SET_PDEATHSIG`)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _advise_installed(records: list[Record]) -> PackedLines:
    if _installed is None:
        raise RuntimeError("worker process started without a batch job")
    return advise_packed(records, _installed)


def run_dask(
    records: Iterable[Record],
    job: BatchJob,
    chunk_size: int,
    scheduler: str | None,
    workers: int | None,
) -> Iterator[PackedLines]:
    """Chunks as Dask tasks; Dask decides where each runs, this only keeps the order."""
    with _dask_client(scheduler, workers) as client:
        _wait_for_a_worker(client, scheduler)
        shared = client.scatter(job, broadcast=True)
        capacity = max(1, len(client.scheduler_info().get("workers", {})))

        def submit(chunk: list[Record]) -> Any:
            return client.submit(advise_packed, chunk, shared, pure=False)

        yield from in_order(submit, chunked(records, chunk_size), capacity)


def _dask_client(scheduler: str | None, workers: int | None) -> Any:
    """A `distributed.Client` (untyped): to `scheduler`, or to a new local cluster."""
    try:
        import distributed
    except ImportError:
        raise EngineError(
            "the Dask engine needs Dask, which is not installed",
            hint="install it with `pip install 'gba-advisor[dask]'`",
        ) from None
    # Dask reports its workers' comings and goings at INFO and WARNING; stderr is ours.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    client: Any = distributed.Client  # untyped in Dask
    if scheduler is None:
        # A client given no address starts a local cluster, and closes it when it closes.
        return client(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
            set_as_default=False,
        )
    try:
        return client(scheduler, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise EngineError(
            f"cannot reach the Dask scheduler at {scheduler}: {exc}",
            hint="give the address `dask scheduler` printed, such as tcp://scheduler-host:8786",
        ) from None


def _wait_for_a_worker(client: Any, scheduler: str | None) -> None:
    """A scheduler without workers would take the chunks and never give anything back."""
    try:
        client.wait_for_workers(1, timeout=DASK_WORKER_TIMEOUT)
    except TimeoutError:
        where = scheduler or "the local cluster"
        raise EngineError(
            f"no Dask worker joined {where} within {DASK_WORKER_TIMEOUT}",
            hint="start workers with `dask worker ADDRESS` on machines with gba-advisor installed",
        ) from None
