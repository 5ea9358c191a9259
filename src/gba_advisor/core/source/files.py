"""Writing the files a user asked for: never half a file, never over what they did not mean.

Every command that writes a document (`init`, `data init`, `report`) goes through here:
`check_target` refuses what must not be written over, and `write_atomically` writes to a
temporary file in the same folder and renames it into place, so that a full disk or a crash
leaves the old file whole (or no file), never a truncated one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from gba_advisor.core.errors import AdvisorError, ExitCode, Location, OutputError


class TargetExistsError(AdvisorError):
    """A write would replace a file; the command line must say `--force` (a usage error)."""

    exit_code = ExitCode.USAGE


def describe_os_error(error: OSError) -> str:
    """`no space left on device` for ENOSPC: the system's words, lower-cased like ours."""
    text = error.strerror or (os.strerror(error.errno) if error.errno else None)
    text = text or str(error) or type(error).__name__
    return text[:1].lower() + text[1:]


def check_target(
    path: Path, *, force: bool, inputs: tuple[Path, ...] = (), hint: str | None = None
) -> None:
    """Refuse to write `path` when it would lose data.

    - a dangling symbolic link: writing through it would create a file elsewhere (exit 3);
    - one of the command's own `inputs` (even with `force`): the input would be gone (exit 2);
    - an existing file without `force` (exit 2).
    """
    where = Location(str(path))
    if path.is_symlink() and not path.exists():
        raise OutputError(
            "is a symbolic link to a file that does not exist; nothing was written",
            location=where,
            hint="remove the link or choose another path",
        )
    if path.exists():
        for source in inputs:
            if str(source) != "-" and _same_file(path, source):
                raise TargetExistsError(
                    f"is the input {source}; writing there would replace it",
                    location=where,
                    hint="choose another output file",
                )
        if path.is_dir():
            raise TargetExistsError("is a folder", location=where, hint="name a file to write")
        if not force:
            raise TargetExistsError(
                "exists; nothing was written",
                location=where,
                hint=hint or "pass --force to overwrite it, or choose another path",
            )


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def write_atomically(path: Path, data: str | bytes, *, what: str) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    A symbolic link to an existing file keeps the link: its target is replaced. On any
    failure the temporary file is removed and an `OutputError` (exit 3) names `path`.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = path.resolve() if path.is_symlink() else path
    folder = target.parent
    handle: int | None = None
    temporary: str | None = None
    try:
        mode = _mode_for(target)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        view = memoryview(payload)
        while view:
            written = os.write(handle, view)
            view = view[written:]
        os.fchmod(handle, mode)
        os.fsync(handle)
        os.close(handle)
        handle = None
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise OutputError(
            f"could not write the {what}: {describe_os_error(error)}",
            location=Location(str(path)),
            hint=_hint_for(error),
        ) from None
    finally:
        if handle is not None:
            os.close(handle)
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, or the usual ones for a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _hint_for(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some space and run the command again; nothing was written"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "choose a folder you can write to"
    if error.errno == errno.ENOENT:
        return "check that the folder exists"
    return "check the path and the folder's permissions"
