"""Copy the shipped knowledge base into a folder of the user's, to edit and extend.

Policies change every year, so consultants keep their own copy. The copy never overwrites a
file unless asked to: a consultant's edited knowledge base is work that cannot be re-created.
"""

from __future__ import annotations

from pathlib import Path

from gba_advisor.core.errors import KnowledgeBaseError, Location, OutputError
from gba_advisor.core.kb.folder import FILES, default_data_dir
from gba_advisor.core.source.files import TargetExistsError, describe_os_error, write_atomically

__all__ = ["TargetExistsError", "copy_knowledge_base"]


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
    dangling = [target / name for name in FILES if (target / name).is_symlink()]
    dangling = [path for path in dangling if not path.exists()]
    if dangling:
        raise OutputError(
            "is a symbolic link to a file that does not exist; nothing was written",
            location=Location(str(dangling[0])),
            hint="remove the link or choose another folder",
        )
    written: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KnowledgeBaseError(
            f"could not write the knowledge base: {describe_os_error(exc)}",
            location=Location(str(target)),
            hint="the folder could not be created; check the path and its parent's permissions",
        ) from None
    for name in FILES:
        # Each file is written whole or not at all (a temporary file, then a rename): a full
        # disk leaves no empty file behind that would make a re-run ask for --force.
        try:
            data = (origin / name).read_bytes()
        except OSError as exc:
            raise KnowledgeBaseError(
                f"could not read the knowledge base to copy: {describe_os_error(exc)}",
                location=Location(str(origin / name)),
            ) from None
        try:
            write_atomically(target / name, data, what="knowledge-base file")
        except OutputError as error:
            error.hint = f"wrote {len(written)} of {len(FILES)} files; {error.hint}"
            raise
        written.append(target / name)
    return tuple(written)
