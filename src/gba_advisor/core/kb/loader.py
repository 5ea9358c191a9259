"""Load a knowledge base: find its folder, check it, and compile it for scoring.

Checking is `check.examine_folder`'s job, shared with `gba-advisor data check`, so the loader
accepts exactly what the check passes and reports the same problems, all of them at once.

The check, and the pydantic models of the files as written that come with it, are imported
only when a knowledge base is loaded from its files: importing this module (`batch.job` does,
for `advise_many`) must not define them, since a warm start reads the cache and never needs
them. Defined before `batch --jobs N` forks, they cost every worker some 4 MiB (issue 11).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from gba_advisor.core.kb.folder import DATA_ENV, FILES, default_data_dir, resolve_data_dir
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import RECORDS, Platform, RulesFile, Sector, Source
from gba_advisor.core.kb.sectors import SectorIndex

if TYPE_CHECKING:
    from pydantic import BaseModel

    from gba_advisor.core.kb.check import ValidFiles

RecordT = TypeVar("RecordT")

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
    from gba_advisor.core.kb.check import examine_folder

    folder = resolve_data_dir(data_dir)
    examination = examine_folder(folder)
    if examination.files is None:
        first, *others = examination.problems
        first.related = tuple(others)
        raise first
    return compile_knowledge_base(examination.files, folder, content_hash(folder))


def compile_knowledge_base(files: ValidFiles, folder: Path, digest: str) -> KnowledgeBase:
    """The scoring view of checked files: every value copied into plain records (`kb.schema`),
    platforms in file order, sectors indexed."""
    shared: dict[frozenset[str], frozenset[str]] = {}
    sources = [_record(Source, source, shared) for source in files.sources.sources]
    return KnowledgeBase(
        version=files.platforms.version,
        content_hash=digest,
        data_dir=folder,
        platforms=tuple(_record(Platform, p, shared) for p in files.platforms.platforms),
        sectors=SectorIndex.build([_record(Sector, s, shared) for s in files.sectors.sectors]),
        sources={source.id: source for source in sources},
        rules=_record(RulesFile, files.rules, shared),
    )


def _record(
    kind: type[RecordT], model: BaseModel, shared: dict[frozenset[str], frozenset[str]]
) -> RecordT:
    """The plain record of a validated model, of the record class `kind` by its name."""
    if RECORDS[type(model).__name__] is not kind:
        raise TypeError(f"{type(model).__name__} is not copied into {kind.__name__}")
    return cast(RecordT, _plain(model, shared))


def _plain(value: Any, fields_sets: dict[frozenset[str], frozenset[str]]) -> Any:
    """Models become records (with the fields they were given), containers keep their type.
    Equal field sets are shared (`fields_sets`) so that the cache pickles each once."""
    from pydantic import BaseModel  # loaded already: the files were validated by its models

    if isinstance(value, BaseModel):
        written = frozenset(value.model_fields_set)
        state = {
            name: _plain(getattr(value, name), fields_sets) for name in type(value).model_fields
        }
        return RECORDS[type(value).__name__]._make(state, fields_sets.setdefault(written, written))
    if isinstance(value, list):
        return [_plain(item, fields_sets) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item, fields_sets) for key, item in value.items()}
    return value


def content_hash(folder: Path) -> str:
    """sha256 over the four files' names and bytes, in a fixed order."""
    digest = hashlib.sha256()
    for name in FILES:
        digest.update(name.encode())
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()
