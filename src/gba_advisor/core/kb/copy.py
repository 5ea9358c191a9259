"""Copy the shipped knowledge base into a folder of the user's, to edit and extend.

Policies change every year, so consultants keep their own copy. The copy never overwrites a
file unless asked to: a consultant's edited knowledge base is work that cannot be re-created.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from gba_advisor.core.errors import AdvisorError, ExitCode, KnowledgeBaseError, Location
from gba_advisor.core.kb.loader import FILES, default_data_dir


class TargetExistsError(AdvisorError):
    """The copy would overwrite files; the command line must say `--force` (a usage error)."""

    exit_code = ExitCode.USAGE


def copy_knowledge_base(
    target: Path, *, force: bool = False, source: Path | None = None
) -> tuple[Path, ...]:
    """Copy the four data files of `source` (default: the shipped data) into `target`.

    Creates `target` and its parents. Refuses, writing nothing, when `target` is a file or
    already holds one of the files, unless `force`. Returns the files written.
    """
    origin = source or default_data_dir()
    if target.exists() and not target.is_dir():
        raise TargetExistsError(
            "is a file, not a folder", location=Location(str(target)), hint="choose a folder"
        )
    existing = [target / name for name in FILES if (target / name).exists()]
    if existing and not force:
        raise TargetExistsError(
            f"would overwrite {', '.join(path.name for path in existing)}",
            location=Location(str(target)),
            hint="pass --force to overwrite them, or choose another folder",
        )
    written = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            shutil.copyfile(origin / name, target / name)
            written.append(target / name)
    except OSError as exc:
        failed = exc.filename or target
        raise KnowledgeBaseError(
            f"cannot write the knowledge base: {exc.strerror or exc}",
            location=Location(str(failed)),
            hint=f"wrote {len(written)} of {len(FILES)} files; check the folder's permissions",
        ) from None
    return tuple(written)
