"""Load a knowledge base: find its folder, check it, and compile it for scoring.

Checking is `check.examine_folder`'s job, shared with `gba-advisor data check`, so the loader
accepts exactly what the check passes and reports the same problems, all of them at once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from gba_advisor.core.kb.check import ValidFiles, examine_folder
from gba_advisor.core.kb.folder import DATA_ENV, FILES, default_data_dir, resolve_data_dir
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.sectors import SectorIndex

__all__ = [
    "DATA_ENV",
    "FILES",
    "compile_knowledge_base",
    "content_hash",
    "default_data_dir",
    "load_knowledge_base",
    "resolve_data_dir",
]


def load_knowledge_base(data_dir: Path | None = None) -> KnowledgeBase:
    """Load and check the knowledge base; raise `KnowledgeBaseError` listing every problem."""
    folder = resolve_data_dir(data_dir)
    examination = examine_folder(folder)
    if examination.files is None:
        first, *others = examination.problems
        first.related = tuple(others)
        raise first
    return compile_knowledge_base(examination.files, folder, content_hash(folder))


def compile_knowledge_base(files: ValidFiles, folder: Path, digest: str) -> KnowledgeBase:
    """The scoring view of checked files: platforms in file order, sectors indexed."""
    return KnowledgeBase(
        version=files.platforms.version,
        content_hash=digest,
        data_dir=folder,
        platforms=tuple(files.platforms.platforms),
        sectors=SectorIndex.build(files.sectors.sectors),
        sources={source.id: source for source in files.sources.sources},
        rules=files.rules,
    )


def content_hash(folder: Path) -> str:
    """sha256 over the four files' names and bytes, in a fixed order."""
    digest = hashlib.sha256()
    for name in FILES:
        digest.update(name.encode())
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()
