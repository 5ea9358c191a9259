"""Checks across the knowledge base's files, on the data as written.

The pydantic models check each file's shape; what no single file can check lives here: a sector
or source id that does not exist, duplicate ids, a platform without every function, a parent
cycle, criteria that weigh nothing. These run on the parsed YAML, not on validated models, so
that one typo in a platform does not hide the unknown sector three lines below it: every check
skips values of the wrong type (the schema pass reports those) and goes on. The checks within
rules.yaml are in `rules_checks`; reading the files as written, in `as_written`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any

from gba_advisor.core.errors import AdvisorError
from gba_advisor.core.kb.as_written import (
    PLATFORMS,
    RULES,
    SECTORS,
    SOURCES,
    Entry,
    LocatedErrors,
    entries,
    ids,
    items,
    written_text,
)
from gba_advisor.core.kb.rules_checks import check_rules
from gba_advisor.core.kb.sectors import normalise
from gba_advisor.core.source.document import Document, KeyPath
from gba_advisor.core.vocabulary import FunctionId, Priority

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
    found = LocatedErrors(documents)
    sectors = entries(documents, SECTORS, "sectors")
    sources = entries(documents, SOURCES, "sources")
    platforms = entries(documents, PLATFORMS, "platforms")
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
        yield from check_rules(found, documents[RULES].data, platforms)
    if sources is not None:
        known = ids(sources)
        for file in (PLATFORMS, RULES):
            if file in documents:
                for path, cited in _citations(documents[file].data, ()):
                    if cited not in known:
                        yield found.unknown(file, path, "source", cited, known, SOURCES)


def _platform(
    found: LocatedErrors, index: int, platform: dict[str, Any], sectors: list[Entry] | None
) -> Iterator[AdvisorError]:
    where: KeyPath = ("platforms", index)
    if sectors is not None:
        known = ids(sectors)
        for i, industry in items(platform.get("priority_industries")):
            sector = written_text(industry, "sector")
            if sector is not None and sector not in known:
                path = (*where, "priority_industries", i, "sector")
                yield found.unknown(PLATFORMS, path, "sector", sector, known, SECTORS)
    yield from _every_key(found, where, platform, "functions", FunctionId, "function")
    yield from _every_key(found, where, platform, "strengths", Priority, "priority")
    incentives = items(platform.get("incentives"))
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
    found: LocatedErrors,
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


def _sector_parents(found: LocatedErrors, sectors: list[Entry]) -> Iterator[AdvisorError]:
    known = ids(sectors)
    parents = {
        text: written_text(entry, "parent")
        for _, entry in sectors
        if (text := written_text(entry, "id"))
    }
    for index, sector in sectors:
        parent = written_text(sector, "parent")
        if parent is not None and parent not in known:
            yield found.unknown(SECTORS, ("sectors", index, "parent"), "sector", parent, known)
        cycle = _cycle_through(written_text(sector, "id"), parents)
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


def _ambiguous_sector_names(found: LocatedErrors, sectors: list[Entry]) -> Iterator[AdvisorError]:
    """An id, name or alias that two sectors share makes what a user types ambiguous."""
    owner: dict[str, tuple[str, KeyPath]] = {}
    for index, sector in sectors:
        sector_id = written_text(sector, "id")
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


def _source_urls(found: LocatedErrors, sources: list[Entry]) -> Iterator[AdvisorError]:
    for index, source in sources:
        url = written_text(source, "url")
        if url is not None and not is_web_url(url):
            yield found.error(
                SOURCES,
                ("sources", index, "url"),
                f"not a web address: {url[:80]!r}",
                hint="a source's url is an http:// or https:// address without spaces, quotes "
                "or angle brackets (percent-encode them: %20, %3C, %3E)",
            )


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
