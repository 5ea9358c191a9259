"""Checks across the knowledge base's files, on the data as written.

The pydantic models check each file's shape; what no single file can check lives here: a sector
or source id that does not exist, duplicate ids, a platform without every function, a parent
cycle, criteria that weigh nothing. These run on the parsed YAML, not on validated models, so
that one typo in a platform does not hide the unknown sector three lines below it: every check
skips values of the wrong type (the schema pass reports those) and goes on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any, TypeGuard

from gba_advisor.core.errors import AdvisorError, KnowledgeBaseError
from gba_advisor.core.kb.sectors import normalise
from gba_advisor.core.source.document import Document, KeyPath
from gba_advisor.core.source.suggest import closest
from gba_advisor.core.vocabulary import FunctionId, Priority

PLATFORMS, SECTORS, SOURCES, RULES = "platforms.yaml", "sectors.yaml", "sources.yaml", "rules.yaml"
Entry = tuple[int, dict[str, Any]]
WEB_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.ASCII)
"""A source's address: http(s) only, with nothing Markdown or HTML would read as syntax, so
that a renderer can print it as a link (`javascript:` and `<script>` never pass)."""


def is_web_url(url: str) -> bool:
    return WEB_URL.fullmatch(url) is not None


def cross_check(documents: Mapping[str, Document]) -> Iterator[AdvisorError]:
    """Every reference problem among the documents that could be parsed.

    A check that needs another file runs only when that file's list could be read: with
    sources.yaml unreadable, every citation would otherwise be reported as unknown.
    """
    found = _Finder(documents)
    sectors = _entries(documents, SECTORS, "sectors")
    sources = _entries(documents, SOURCES, "sources")
    platforms = _entries(documents, PLATFORMS, "platforms")
    if sectors is not None:
        yield from found.duplicates(SECTORS, ("sectors",), sectors)
        yield from _sector_parents(found, sectors)
        yield from _ambiguous_sector_names(found, sectors)
    if sources is not None:
        yield from found.duplicates(SOURCES, ("sources",), sources)
        yield from _source_urls(found, sources)
    if platforms is not None:
        yield from found.duplicates(PLATFORMS, ("platforms",), platforms)
        for index, platform in platforms:
            yield from _platform(found, index, platform, sectors)
    if RULES in documents:
        yield from _rules(found, documents[RULES].data, platforms)
    if sources is not None:
        known = [text for _, entry in sources if (text := _text(entry, "id"))]
        for file in (PLATFORMS, RULES):
            if file in documents:
                for path, cited in _citations(documents[file].data, ()):
                    if cited not in known:
                        yield found.unknown(file, path, "source", cited, known, SOURCES)


def _platform(
    found: _Finder, index: int, platform: dict[str, Any], sectors: list[Entry] | None
) -> Iterator[AdvisorError]:
    where: KeyPath = ("platforms", index)
    if sectors is not None:
        known = [text for _, entry in sectors if (text := _text(entry, "id"))]
        for i, industry in _items(platform.get("priority_industries")):
            sector = _text(industry, "sector")
            if sector is not None and sector not in known:
                path = (*where, "priority_industries", i, "sector")
                yield found.unknown(PLATFORMS, path, "sector", sector, known, SECTORS)
    yield from _every_key(found, where, platform, "functions", FunctionId, "function")
    yield from _every_key(found, where, platform, "strengths", Priority, "priority")
    incentives = _items(platform.get("incentives"))
    yield from found.duplicates(PLATFORMS, (*where, "incentives"), incentives)
    for i, incentive in incentives:
        start, end = incentive.get("valid_from"), incentive.get("valid_until")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            yield found.error(
                PLATFORMS,
                (*where, "incentives", i, "valid_until"),
                f"ends ({end}) before it starts ({start})",
                hint="valid_from is the first day in force, valid_until the last",
            )


def _every_key(
    found: _Finder,
    where: KeyPath,
    platform: dict[str, Any],
    key: str,
    vocabulary: type[FunctionId] | type[Priority],
    what: str,
) -> Iterator[AdvisorError]:
    written = platform.get(key)
    if not isinstance(written, dict):
        return
    allowed = ", ".join(member.value for member in vocabulary)
    for member in vocabulary:
        if member.value not in written:
            yield found.error(
                PLATFORMS,
                (*where, key),
                f"{what} `{member.value}` is missing",
                hint=f"every platform lists all of: {allowed}"
                + ("; a fit of 0 says it cannot host one" if key == "functions" else ""),
            )


def _sector_parents(found: _Finder, sectors: list[Entry]) -> Iterator[AdvisorError]:
    known = [text for _, entry in sectors if (text := _text(entry, "id"))]
    parents = {text: _text(entry, "parent") for _, entry in sectors if (text := _text(entry, "id"))}
    for index, sector in sectors:
        parent = _text(sector, "parent")
        if parent is not None and parent not in known:
            yield found.unknown(SECTORS, ("sectors", index, "parent"), "sector", parent, known)
        cycle = _cycle_through(_text(sector, "id"), parents)
        if cycle:
            yield found.error(
                SECTORS,
                ("sectors", index, "parent"),
                f"parent cycle: {' -> '.join(cycle)}",
                hint="sectors form a tree: a root has no parent",
            )


def _cycle_through(start: str | None, parents: Mapping[str, str | None]) -> list[str]:
    """The chain start -> ... -> start when following parents comes back to `start`."""
    if start is None:
        return []
    chain = [start]
    parent = parents.get(start)
    while parent is not None and parent in parents and parent not in chain:
        chain.append(parent)
        parent = parents[parent]
    return [*chain, start] if parent == start else []


def _ambiguous_sector_names(found: _Finder, sectors: list[Entry]) -> Iterator[AdvisorError]:
    """An id, name or alias that two sectors share makes what a user types ambiguous."""
    owner: dict[str, tuple[str, KeyPath]] = {}
    for index, sector in sectors:
        sector_id = _text(sector, "id")
        if sector_id is None:
            continue
        for path, text in _names_of(index, sector):
            key = normalise(text)
            first = owner.setdefault(key, (sector_id, path))
            if first[0] != sector_id:
                line = found.line(SECTORS, first[1])
                yield found.error(
                    SECTORS,
                    path,
                    f"`{text}` also names sector `{first[0]}` (line {line})",
                    hint="every id, name and alias must name one sector: keep it on the narrowest",
                )


def _names_of(index: int, sector: dict[str, Any]) -> Iterator[tuple[KeyPath, str]]:
    where: KeyPath = ("sectors", index)
    if isinstance(sector.get("id"), str):
        yield (*where, "id"), sector["id"]
    names = sector.get("name")
    if isinstance(names, dict):
        for language in ("en", "zh"):
            if isinstance(names.get(language), str):
                yield (*where, "name", language), names[language]
    aliases = sector.get("aliases")
    if isinstance(aliases, list):
        for i, alias in enumerate(aliases):
            if isinstance(alias, str):
                yield (*where, "aliases", i), alias


def _rules(found: _Finder, rules: Any, platforms: list[Entry] | None) -> Iterator[AdvisorError]:
    if not isinstance(rules, dict):
        return
    yield from _weights(found, rules.get("criteria"))
    yield from _function_rows(found, rules.get("by_function"))
    layout = rules.get("layout")
    synergies = _items(layout.get("synergies") if isinstance(layout, dict) else None)
    yield from found.duplicates(RULES, ("layout", "synergies"), synergies)
    if platforms is None:
        return
    known = [text for _, entry in platforms if (text := _text(entry, "id"))]
    for index, synergy in synergies:
        for part in ("first", "second"):
            placed = synergy.get(part)
            platform = _text(placed, "platform") if isinstance(placed, dict) else None
            if platform is not None and platform not in known:
                path = ("layout", "synergies", index, part, "platform")
                yield found.unknown(RULES, path, "platform", platform, known, PLATFORMS)


def _weights(found: _Finder, criteria: Any) -> Iterator[AdvisorError]:
    """The default weights must weigh something for every function, or a function without a
    row in `by_function` would score 0 on every platform."""
    if not isinstance(criteria, dict):
        return
    weighed: set[str] = set()
    for criterion in criteria.values():
        if not isinstance(criterion, dict):
            return
        weight, functions = criterion.get("weight"), criterion.get("functions")
        if not _is_number(weight) or not 0 <= weight <= 100:
            return  # the schema reports it
        if weight > 0:
            applies = functions if isinstance(functions, list) else [f.value for f in FunctionId]
            weighed.update(str(function) for function in applies)
    unweighed = [function.value for function in FunctionId if function.value not in weighed]
    if unweighed:
        yield found.error(
            RULES,
            ("criteria",),
            f"no criterion carries weight for {', '.join(unweighed)}: every platform would score 0",
            hint="give sector_fit, function_fit or another criterion a weight above 0",
        )


def _function_rows(found: _Finder, rows: Any) -> Iterator[AdvisorError]:
    """A function's row must weigh something, or every platform scores 0 for it."""
    if not isinstance(rows, dict):
        return
    for function, row in rows.items():
        weights = row.get("weights") if isinstance(row, dict) else None
        if not isinstance(weights, dict):
            continue
        values = list(weights.values())
        if values and all(_is_number(v) and v == 0 for v in values):
            yield found.error(
                RULES,
                ("by_function", str(function), "weights"),
                f"every criterion weighs 0 for {function}: every platform would score 0",
                hint="give function_fit or another criterion a weight above 0",
            )


def _source_urls(found: _Finder, sources: list[Entry]) -> Iterator[AdvisorError]:
    for index, source in sources:
        url = _text(source, "url")
        if url is not None and not is_web_url(url):
            yield found.error(
                SOURCES,
                ("sources", index, "url"),
                f"not a web address: {url[:80]!r}",
                hint="a source's url is an http:// or https:// address without spaces, quotes "
                "or angle brackets (percent-encode them: %20, %3C, %3E)",
            )


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _citations(data: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """Every (key path, source id) under a `sources:` list anywhere in a written document."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                for index, cited in enumerate(value):
                    if isinstance(cited, str):
                        yield (*path, key, index), cited
            else:
                yield from _citations(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _citations(value, (*path, index))


def _entries(documents: Mapping[str, Document], file: str, key: str) -> list[Entry] | None:
    """The entries of a file's main list; None when the file or its list cannot be read."""
    document = documents.get(file)
    data = document.data if document is not None else None
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        return None
    return _items(data[key])


def _items(value: Any) -> list[Entry]:
    """(index, mapping) for each mapping in a list; anything else is the schema's business."""
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def _text(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) else None


class _Finder:
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
            item = _text(entry, "id")
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
