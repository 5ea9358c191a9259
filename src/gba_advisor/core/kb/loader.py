"""Load a knowledge base: find its folder, check it, and compile it for scoring.

Checking is `check.examine_folder`'s job, shared with `gba-advisor data check`, so the loader
accepts exactly what the check passes and reports the same problems, all of them at once.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from gba_advisor.core.kb.check import FILES, ValidFiles, examine_folder
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

DATA_ENV = "GBA_ADVISOR_DATA"


def default_data_dir() -> Path:
    """The knowledge base shipped with the package (inside the wheel, or the repo's data/)."""
    packaged = Path(__file__).resolve().parents[2] / "data"
    if (packaged / "platforms.yaml").is_file():
        return packaged
    return Path(__file__).resolve().parents[4] / "data"


def resolve_data_dir(data_dir: Path | None = None) -> Path:
    """`--data-dir` wins, then the GBA_ADVISOR_DATA variable, then the shipped data."""
    if data_dir is not None:
        return data_dir
    from_env = os.environ.get(DATA_ENV)
    return Path(from_env) if from_env else default_data_dir()


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
