"""The knowledge base's files as parsed, before validation: their names, the entries of their
lists, the text fields of an entry, and errors located in them.

Checks across files run on this form so that a value of the wrong type (the schema pass
reports it) is skipped, not fatal: every helper here returns nothing for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeGuard

from gba_advisor.core.errors import AdvisorError, KnowledgeBaseError
from gba_advisor.core.source.document import Document, KeyPath
from gba_advisor.core.source.suggest import closest

PLATFORMS, SECTORS, SOURCES, RULES = "platforms.yaml", "sectors.yaml", "sources.yaml", "rules.yaml"
Entry = tuple[int, dict[str, Any]]


def entries(documents: Mapping[str, Document], file: str, key: str) -> list[Entry] | None:
    """The entries of a file's main list; None when the file or its list cannot be read."""
    document = documents.get(file)
    data = document.data if document is not None else None
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        return None
    return items(data[key])


def items(value: Any) -> list[Entry]:
    """(index, mapping) for each mapping in a list; anything else is the schema's business."""
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def written_text(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) else None


def ids(listed: list[Entry]) -> list[str]:
    """The ids written in the entries, in order (for "unknown id" checks and suggestions)."""
    return [text for _, entry in listed if (text := written_text(entry, "id"))]


def is_number(value: object) -> TypeGuard[float]:
    """A number a check can compare: not a bool, and not NaN (the only value unequal to itself)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


class LocatedErrors:
    """Builds located errors for a knowledge base's documents."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        self.documents = documents

    def line(self, file: str, path: KeyPath) -> int | None:
        return self.documents[file].locate(path).line

    def error(
        self,
        file: str,
        path: KeyPath,
        message: str,
        *,
        hint: str | None = None,
        suggestion: str | None = None,
    ) -> AdvisorError:
        location = self.documents[file].locate(path)
        return KnowledgeBaseError(message, location=location, hint=hint, suggestion=suggestion)

    def unknown(
        self,
        file: str,
        path: KeyPath,
        what: str,
        value: str,
        known: list[str],
        defined_in: str | None = None,
    ) -> AdvisorError:
        return self.error(
            file,
            path,
            f"unknown {what} `{value}`",
            hint=f"{what} ids are defined in {defined_in or file}",
            suggestion=closest(value, known),
        )

    def duplicates(self, file: str, path: KeyPath, entries: list[Entry]) -> Iterator[AdvisorError]:
        first: dict[str, int] = {}
        for index, entry in entries:
            item = written_text(entry, "id")
            if item is None:
                continue
            if item in first:
                line = self.line(file, (*path, first[item], "id"))
                yield self.error(
                    file,
                    (*path, index, "id"),
                    f"duplicate id `{item}`",
                    hint=f"first defined at line {line}; ids must be unique",
                )
            first.setdefault(item, index)
