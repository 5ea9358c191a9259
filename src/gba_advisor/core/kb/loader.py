"""Load, validate and cross-check a knowledge base folder.

Shape errors come from pydantic; references between files (a sector id named by a platform, a
source cited by a fact, a platform in a synergy) are checked here. All problems found are
collected so that a consultant editing the data sees every one in a single run.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from gba_advisor.core.errors import AdvisorError, KnowledgeBaseError, Location
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import (
    PlatformsFile,
    RulesFile,
    SectorsFile,
    SourcesFile,
)
from gba_advisor.core.sectors import SectorIndex
from gba_advisor.core.suggest import closest
from gba_advisor.core.validation import validate
from gba_advisor.core.vocabulary import FunctionId, Priority
from gba_advisor.core.yamlsource import Document, KeyPath, load_document

DATA_ENV = "GBA_ADVISOR_DATA"
ModelT = TypeVar("ModelT", bound=BaseModel)
FILES = ("platforms.yaml", "sectors.yaml", "sources.yaml", "rules.yaml")


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
    if not folder.is_dir():
        raise KnowledgeBaseError(
            "knowledge base folder not found",
            location=Location(str(folder)),
            hint="`gba-advisor data init DIR` creates one from the shipped data",
        )
    documents = {name: _load(folder / name) for name in FILES}
    platforms = _validate(PlatformsFile, documents["platforms.yaml"])
    sectors = _validate(SectorsFile, documents["sectors.yaml"])
    sources = _validate(SourcesFile, documents["sources.yaml"])
    rules = _validate(RulesFile, documents["rules.yaml"])
    problems = list(_cross_check(platforms, sectors, sources, rules, documents))
    if problems:
        first = problems[0]
        first.related = tuple(problems[1:])
        raise first
    return KnowledgeBase(
        version=platforms.version,
        content_hash=_content_hash(folder),
        data_dir=folder,
        platforms=tuple(platforms.platforms),
        sectors=SectorIndex.build(sectors.sectors),
        sources={source.id: source for source in sources.sources},
        rules=rules,
    )


def _load(path: Path) -> Document:
    return load_document(path, error_class=KnowledgeBaseError)


def _validate(model: type[ModelT], document: Document) -> ModelT:
    return validate(model, document, KnowledgeBaseError)


def _content_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in FILES:
        digest.update(name.encode())
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


def _cross_check(
    platforms: PlatformsFile,
    sectors: SectorsFile,
    sources: SourcesFile,
    rules: RulesFile,
    documents: dict[str, Document],
) -> Iterator[AdvisorError]:
    sector_ids = [sector.id for sector in sectors.sectors]
    source_ids = [source.id for source in sources.sources]
    platform_ids = [platform.id for platform in platforms.platforms]
    located = _Locator(documents)

    yield from located.duplicates("platforms.yaml", ("platforms",), platform_ids)
    yield from located.duplicates("sectors.yaml", ("sectors",), sector_ids)
    yield from located.duplicates("sources.yaml", ("sources",), source_ids)
    for index, sector in enumerate(sectors.sectors):
        if sector.parent is not None and sector.parent not in sector_ids:
            yield located.unknown(
                "sectors.yaml", ("sectors", index, "parent"), "sector", sector.parent, sector_ids
            )
    yield from _parent_cycles(sectors, located)
    for p_index, platform in enumerate(platforms.platforms):
        where: KeyPath = ("platforms", p_index)
        for i_index, industry in enumerate(platform.priority_industries):
            if industry.sector not in sector_ids:
                path = (*where, "priority_industries", i_index, "sector")
                yield located.unknown("platforms.yaml", path, "sector", industry.sector, sector_ids)
        for function in FunctionId:
            if function not in platform.functions:
                yield located.error(
                    "platforms.yaml", (*where, "functions"), f"function `{function}` is missing"
                )
        for priority in Priority:
            if priority not in platform.strengths:
                yield located.error(
                    "platforms.yaml", (*where, "strengths"), f"priority `{priority}` is missing"
                )
        incentive_ids = [incentive.id for incentive in platform.incentives]
        yield from located.duplicates("platforms.yaml", (*where, "incentives"), incentive_ids)
    for path, cited in _citations(documents["platforms.yaml"].data, ()):
        if cited not in source_ids:
            yield located.unknown("platforms.yaml", path, "source", cited, source_ids)
    for path, cited in _citations(documents["rules.yaml"].data, ()):
        if cited not in source_ids:
            yield located.unknown("rules.yaml", path, "source", cited, source_ids)
    for s_index, synergy in enumerate(rules.layout.synergies):
        for part, placed in (
            ("first", synergy.first.platform),
            ("second", synergy.second.platform),
        ):
            if placed not in platform_ids:
                path = ("layout", "synergies", s_index, part, "platform")
                yield located.unknown("rules.yaml", path, "platform", placed, platform_ids)


def _parent_cycles(sectors: SectorsFile, located: _Locator) -> Iterator[AdvisorError]:
    parents = {sector.id: sector.parent for sector in sectors.sectors}
    for index, sector in enumerate(sectors.sectors):
        seen = [sector.id]
        parent = sector.parent
        while parent is not None and parent in parents:
            if parent == sector.id:
                cycle = " -> ".join([*seen, parent])
                yield located.error(
                    "sectors.yaml", ("sectors", index, "parent"), f"parent cycle: {cycle}"
                )
                break
            if parent in seen:
                break
            seen.append(parent)
            parent = parents[parent]


def _citations(data: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """Every (key path, source id) under a `sources:` list anywhere in a written document."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                for index, cited in enumerate(value):
                    yield (*path, key, index), str(cited)
            else:
                yield from _citations(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _citations(value, (*path, index))


class _Locator:
    """Builds located errors for a knowledge base's documents."""

    def __init__(self, documents: dict[str, Document]) -> None:
        self.documents = documents

    def error(
        self, file: str, path: KeyPath, message: str, suggestion: str | None = None
    ) -> AdvisorError:
        return KnowledgeBaseError(
            message, location=self.documents[file].locate(path), suggestion=suggestion
        )

    def unknown(
        self, file: str, path: KeyPath, what: str, value: str, known: list[str]
    ) -> AdvisorError:
        return self.error(file, path, f"unknown {what} `{value}`", closest(value, known))

    def duplicates(self, file: str, path: KeyPath, ids: list[str]) -> Iterator[AdvisorError]:
        seen: set[str] = set()
        for index, item in enumerate(ids):
            if item in seen:
                yield self.error(file, (*path, index, "id"), f"duplicate id `{item}`")
            seen.add(item)
