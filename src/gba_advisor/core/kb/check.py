"""Check a knowledge base and report every problem in one pass.

Consultants edit their own copy of the data; a run that stops at the first typo makes them fix
one line per run. So each file is read, each readable file is validated against its schema,
and the references between files are checked on whatever could be read, all before anything
is reported. `load_knowledge_base` and `gba-advisor data check` both go through here, so what
the check accepts is exactly what the advisor loads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from gba_advisor.core.errors import AdvisorError, KnowledgeBaseError, Location
from gba_advisor.core.kb.folder import FILES
from gba_advisor.core.kb.references import cross_check
from gba_advisor.core.kb.shape import validated
from gba_advisor.core.kb.written import PlatformsFile, RulesFile, SectorsFile, SourcesFile
from gba_advisor.core.source.document import Document, load_document

MODELS: Mapping[str, type[BaseModel]] = {
    "platforms.yaml": PlatformsFile,
    "sectors.yaml": SectorsFile,
    "sources.yaml": SourcesFile,
    "rules.yaml": RulesFile,
}
ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class ValidFiles:
    """The four files, validated; they exist only when no problem was found."""

    platforms: PlatformsFile
    sectors: SectorsFile
    sources: SourcesFile
    rules: RulesFile


@dataclass(frozen=True)
class Examination:
    """What checking a knowledge base found: every problem, or the validated files."""

    problems: tuple[AdvisorError, ...]
    files: ValidFiles | None
    documents: Mapping[str, Document]
    """The files that could be parsed, for locating facts in them later."""


def check_knowledge_base(folder: Path) -> list[AdvisorError]:
    """Every problem in the knowledge base in `folder`, sorted by file and line; [] when clean."""
    return list(examine_folder(folder).problems)


def examine_folder(folder: Path) -> Examination:
    """Read, validate and cross-check the four files of a knowledge base folder."""
    if not folder.is_dir():
        missing = KnowledgeBaseError(
            "knowledge base folder not found" if not folder.exists() else "is not a folder",
            location=Location(str(folder)),
            hint="`gba-advisor data init DIR` creates one from the shipped data",
        )
        return Examination((missing,), None, {})
    documents: dict[str, Document] = {}
    unreadable: list[AdvisorError] = []
    for name in FILES:
        try:
            documents[name] = load_document(folder / name, error_class=KnowledgeBaseError)
        except KnowledgeBaseError as error:
            unreadable.append(error)
    return examine_documents(documents, unreadable)


def examine_documents(
    documents: Mapping[str, Document], unreadable: Iterable[AdvisorError] = ()
) -> Examination:
    """Validate and cross-check parsed documents (by file name); the heart of the check."""
    problems = list(unreadable)
    named = {Path(p.location.file).name for p in problems if p.location is not None}
    for name in FILES:
        if name not in documents and name not in named:
            problems.append(KnowledgeBaseError("no such file", location=Location(name)))
    valid: dict[str, BaseModel] = {}
    for name, document in documents.items():
        model, found = validated(MODELS[name], document)
        problems.extend(found)
        if model is not None:
            valid[name] = model
    problems.extend(cross_check(documents))
    ordered = tuple(sorted(problems, key=_order))
    if ordered or len(valid) < len(FILES):
        return Examination(ordered, None, documents)
    files = ValidFiles(
        platforms=_as(PlatformsFile, valid["platforms.yaml"]),
        sectors=_as(SectorsFile, valid["sectors.yaml"]),
        sources=_as(SourcesFile, valid["sources.yaml"]),
        rules=_as(RulesFile, valid["rules.yaml"]),
    )
    return Examination((), files, documents)


def _as(model: type[ModelT], value: BaseModel) -> ModelT:
    if not isinstance(value, model):
        raise TypeError(f"expected {model.__name__}")  # unreachable: MODELS pairs them
    return value


def _order(problem: AdvisorError) -> tuple[int, str, int, int, int, str]:
    """By file (in FILES order), line, an unknown key before what it makes missing, column."""
    location = problem.location or Location("")
    name = Path(location.file).name
    rank = FILES.index(name) if name in FILES else len(FILES)
    unknown_first = 0 if problem.message.startswith("unknown field") else 1
    return (
        rank,
        location.file,
        location.line or 0,
        unknown_first,
        location.column or 0,
        problem.message,
    )
