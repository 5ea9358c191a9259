"""Facts a client cannot check at the source: every citation is a news report, a firm or a mirror.

A consultant defends a recommendation by pointing at the text that grants an incentive or sets
a platform's role. A fact in platforms.yaml whose sources are all unofficial (no government or
issuing-body address among them) still loads and scores, but `data check` names it with its file
and line, so that whoever keeps the data knows where an official address is still missing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from gba_advisor.core.kb.check import Examination
from gba_advisor.core.kb.staleness import Note
from gba_advisor.core.kb.written import Source
from gba_advisor.core.source.document import Document, KeyPath, format_key_path


def unofficial_only_notes(examination: Examination) -> tuple[Note, ...]:
    """One note per fact of platforms.yaml cited only to unofficial sources, in file order."""
    files, document = examination.files, examination.documents.get("platforms.yaml")
    if files is None or document is None:
        return ()
    sources = {source.id: source for source in files.sources.sources}
    names = {p_index: p.short_name.en for p_index, p in enumerate(files.platforms.platforms)}
    notes = []
    for path, fact, cited in _facts(document.data, ()):
        if any(sources[i].official for i in cited if i in sources):
            continue
        platform = names.get(path[1]) if len(path) > 1 and isinstance(path[1], int) else None
        known = [sources[i] for i in cited if i in sources]
        notes.append(_note(document, path, _named(fact, platform), known))
    return tuple(sorted(notes, key=lambda note: note.location.line or 0))


def _facts(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, Mapping[str, Any], list[str]]]:
    """Every mapping that carries a list of source ids, with its key path, in written order."""
    if isinstance(value, Mapping):
        cited = value.get("sources")
        if isinstance(cited, list) and cited:
            yield path, value, [str(i) for i in cited]
        for key, item in value.items():
            yield from _facts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _facts(item, (*path, index))


def _named(fact: Mapping[str, Any], platform: str | None) -> tuple[str | None, str]:
    """The platform's name, and what names the fact in a list (an incentive's id, a sector)."""
    name = next((fact[key] for key in ("id", "sector") if isinstance(fact.get(key), str)), "")
    return platform, f" `{name}`" if name else ""


def _note(
    document: Document, path: KeyPath, named: tuple[str | None, str], cited: list[Source]
) -> Note:
    platform, name = named
    fact = format_key_path(path[2:] if platform is not None else path) + name
    subject = f"{platform}, {fact}" if platform is not None else fact
    listed = ", ".join(s.id for s in cited)
    mirrors = [s.id for s in cited if s.kind == "mirror"]
    copies = f" ({', '.join(mirrors)}: mirror of an official text)" if mirrors else ""
    message = (
        f"{subject}: only unofficial sources: {listed}{copies}; "
        "cite the issuer's own address beside them"
    )
    return Note("unofficial_only", document.locate((*path, "sources")), message)
