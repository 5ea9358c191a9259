"""Reading one text file safely: regular files (or standard input) only, bounded in size,
UTF-8, with a clear error for everything else (a folder, a FIFO, a device, UTF-16, binary).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from gba_advisor.core.errors import AdvisorError, InputError, Location

MAX_FILE_BYTES = 5 * 1024 * 1024
STDIN = "-"
"""A profile path of `-` reads standard input."""


def read_text(path: Path, error_class: type[AdvisorError] = InputError) -> str:
    """Read a UTF-8 text file, refusing huge, binary and unreadable files with a clear error.

    Only regular files are read (and `-`, standard input): a named pipe would block until some
    other program wrote to it, and a device such as `/dev/zero` never ends, so both are refused
    before a byte is read. The file is opened without blocking so that even opening a FIFO
    cannot hang.
    """
    where = Location(str(path))
    if str(path) == STDIN:
        return _decode(_read_stdin(where, error_class), path, error_class)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise error_class("is a folder, not a file", location=where) from None
    except FileNotFoundError:
        raise error_class("no such file", location=where) from None
    except OSError as exc:
        raise error_class(f"cannot read the file: {exc.strerror}", location=where) from None
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise error_class("is a folder, not a file", location=where)
        if not stat.S_ISREG(info.st_mode):
            raise error_class(
                f"is {_kind(info.st_mode)}, not a regular file",
                location=where,
                hint="give the path of a YAML or JSON file (`-` reads standard input)",
            )
        if info.st_size > MAX_FILE_BYTES:
            raise error_class(
                f"file is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                location=where,
                hint=_SIZE_HINT,
            )
        with os.fdopen(handle, "rb", closefd=False) as stream:
            # A file growing while it is read is still read at most one byte past the limit.
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise error_class(f"cannot read the file: {exc.strerror}", location=where) from None
    finally:
        os.close(handle)
    _check_size(raw, where, error_class)
    return _decode(raw, path, error_class)


_SIZE_HINT = "profiles and data files are kilobytes; check that this is the right file"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _read_stdin(where: Location, error_class: type[AdvisorError]) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    try:
        raw = stream.read(MAX_FILE_BYTES + 1) if stream is not None else b""
        if stream is None and sys.stdin is not None:
            raw = sys.stdin.read(MAX_FILE_BYTES + 1).encode("utf-8")
    except OSError as exc:
        raise error_class(f"cannot read standard input: {exc.strerror}", location=where) from None
    _check_size(raw, where, error_class)
    return raw


def _check_size(raw: bytes, where: Location, error_class: type[AdvisorError]) -> None:
    if len(raw) > MAX_FILE_BYTES:
        raise error_class(
            f"file is more than {MAX_FILE_BYTES:,} bytes, the limit",
            location=where,
            hint=_SIZE_HINT,
        )


def _decode(raw: bytes, path: Path, error_class: type[AdvisorError]) -> str:
    encoding = _wide_encoding(raw)
    if encoding is not None:
        # Windows editors (Notepad, PowerShell's `>`) save UTF-16: text, but not in UTF-8.
        raise error_class(
            f"is {encoding} text; gba-advisor reads UTF-8",
            location=Location(str(path)),
            hint=(
                "save the file as UTF-8 (in the editor: Save As, Encoding: UTF-8), or convert "
                f"it: iconv -f {encoding} -t UTF-8 FILE > NEW_FILE"
            ),
        )
    if b"\x00" in raw:
        raise error_class("is a binary file, not YAML or JSON text", location=Location(str(path)))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error_class(
            f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            location=Location(str(path), line),
            hint="save the file as UTF-8",
        ) from None


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _wide_encoding(raw: bytes) -> str | None:
    """`UTF-16` or `UTF-32` when the bytes are text in one of them, else None.

    Known by the byte-order mark, or, without one, by a zero byte beside every character of
    ASCII text (what YAML keys and most profiles are).
    """
    for bom, encoding in _WIDE_BOMS:
        if raw.startswith(bom):
            return encoding
    sample = raw[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    for zeros, text, order in (
        (sample[1::2], sample[0::2], "LE"),
        (sample[0::2], sample[1::2], "BE"),
    ):
        if not zeros.strip(b"\x00") and b"\x00" not in text and text.isascii():
            return "UTF-16" + order
    return None
