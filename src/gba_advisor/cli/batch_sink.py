"""Where a batch's lines go, and how a batch stops.

- `Sink` writes whole records only: each chunk of lines goes to the file descriptor in one
  piece (no Python buffer holds part of a line), and when a write fails (a full disk) a file
  is cut back to the end of its last complete record before the error is raised, so that an
  output never ends in a partial record and `--resume` can continue it.
- `stopping()` turns SIGINT and SIGTERM into a request that the writing loop honours between
  two chunks: the lines written so far stay whole, the workers are stopped with the command,
  and the command says how many records were written.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from gba_advisor.core.errors import Location, OutputError
from gba_advisor.core.source.files import describe_os_error

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Sink:
    """An output that takes whole records and never keeps a partial one."""

    def __init__(self, name: str, fd: int | None, stream: BinaryIO | None, start: int) -> None:
        self.name = name
        self._fd = fd
        self._stream = stream
        self._start = start
        self.committed = 0
        """Bytes written in this run, all of them whole records."""

    def write(self, data: bytes) -> None:
        try:
            if self._fd is not None:
                view = memoryview(data)
                while view:
                    view = view[write_fd(self._fd, view) :]
            elif self._stream is not None:
                self._stream.write(data)
                self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            self._cut()
            raise write_error(self.name, exc) from None
        self.committed += len(data)

    def _cut(self) -> None:
        """Drop what a failed write left of a record: only a regular file can be cut."""
        if self._fd is None:
            return
        try:
            if stat.S_ISREG(os.fstat(self._fd).st_mode):
                os.ftruncate(self._fd, self._start + self.committed)
        except OSError:
            pass


def write_fd(fd: int, data: memoryview) -> int:
    """One `write(2)`: how many bytes went (tests replace it to fill a disk)."""
    return os.write(fd, data)


def write_error(name: str, exc: OSError) -> OutputError:
    return OutputError(
        f"could not write {name}: {describe_os_error(exc)}",
        hint="the output keeps every record written before, each whole; once the problem is "
        "fixed, `--resume` continues it",
    )


@contextmanager
def file_sink(path: Path, *, resume_at: int | None) -> Iterator[Sink]:
    """A new file, or (`resume_at`) an existing one cut to that many bytes and continued."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if resume_at is None:
        flags |= os.O_TRUNC
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        raise OutputError(
            f"cannot write the output: {describe_os_error(exc)}", location=Location(str(path))
        ) from None
    try:
        start = 0
        if resume_at is not None and stat.S_ISREG(os.fstat(fd).st_mode):
            os.ftruncate(fd, resume_at)
            start = os.lseek(fd, resume_at, os.SEEK_SET)
    except OSError as exc:
        os.close(fd)
        raise write_error(str(path), exc) from None
    try:
        yield Sink(str(path), fd, None, start)
    finally:
        os.close(fd)


@contextmanager
def stdout_sink() -> Iterator[Sink]:
    """Standard output: its file descriptor when it has one, else its binary buffer."""
    try:
        sys.stdout.flush()
        fd = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):
        yield Sink("standard output", None, sys.stdout.buffer, 0)
        return
    try:
        start = os.lseek(fd, 0, os.SEEK_CUR)
    except OSError:
        start = 0
    yield Sink("standard output", fd, None, start)


@dataclass
class Stop:
    """Set by SIGINT or SIGTERM: the run stops after the chunk being written."""

    signum: int | None = None

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name if self.signum is not None else ""


@contextmanager
def stopping() -> Iterator[Stop]:
    """Catch SIGINT and SIGTERM for the duration of the run (only the main thread can)."""
    stop = Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def request(signum: int, _frame: FrameType | None) -> None:
        if stop.signum is None:
            stop.signum = signum

    previous = {signum: signal.signal(signum, request) for signum in STOP_SIGNALS}
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
