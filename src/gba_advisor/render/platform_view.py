"""Views of the knowledge base for people: the platform list, one platform in full, sector hits.

Every fact of `platforms show` is printed with the ids of its sources, and the sources it cites
are listed at the end with title, publisher, date and address, so a reader can check any line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from gba_advisor.core.analysis.comparison import validity
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Platform, Rated
from gba_advisor.core.kb.sectors import Candidate, SectorIndex, normalise
from gba_advisor.core.scoring.rules.standing import standing_of
from gba_advisor.core.vocabulary import FUNCTION_LABELS, Priority
from gba_advisor.render.text import printable

GOOD_FIT = 4
"""A function the platform suits well enough to list it among its strengths."""


def _text(value: str, style: str = "") -> Text:
    return Text(printable(value), style=style)


def _cited(ids: Sequence[str]) -> str:
    return ", ".join(ids)


def to_platform_list(knowledge_base: KnowledgeBase, as_of: dt.date) -> RenderableType:
    title = Text(printable(f"Platforms (knowledge base {knowledge_base.version})"))
    table = Table(title=title, title_justify="left")
    table.add_column("Id", no_wrap=True)
    table.add_column("Platform", overflow="fold")
    table.add_column("City", overflow="fold")
    table.add_column("Area", justify="right", no_wrap=True)
    table.add_column("Built for (fit ≥ 4)", overflow="fold")
    table.add_column("Incentives in force", justify="right")
    for platform in knowledge_base.platforms:
        standing = standing_of(platform, as_of, knowledge_base.rules.strength_cap)
        suited = [
            FUNCTION_LABELS[f] for f, fit in platform.functions.items() if fit.fit >= GOOD_FIT
        ]
        table.add_row(
            _text(platform.id, "bold"),
            _text(f"{platform.short_name.en} · {platform.name.zh}"),
            _text(platform.city.en),
            f"{platform.area.km2:g} km²",
            _text(", ".join(suited) or "–"),
            f"{len(standing.in_force)} of {len(platform.incentives)}",
        )
    hint = Text(
        f"as of {as_of.isoformat()}  ·  `gba-advisor platforms ID` shows one in full",
        style="dim",
    )
    return Group(table, hint)


def platform_list_data(knowledge_base: KnowledgeBase) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "name": p.name.en,
            "name_zh": p.name.zh,
            "short_name": p.short_name.en,
            "city": p.city.en,
            "area_km2": p.area.km2,
            "functions": {f.value: fit.fit for f, fit in p.functions.items()},
        }
        for p in knowledge_base.platforms
    ]


def to_platform_detail(
    knowledge_base: KnowledgeBase, platform: Platform, as_of: dt.date
) -> RenderableType:
    return Group(*_detail(knowledge_base, platform, as_of))


def _detail(kb: KnowledgeBase, platform: Platform, as_of: dt.date) -> Iterator[RenderableType]:
    title = _text(f"{platform.short_name.en} ({platform.id})", "bold")
    title.append_text(_text(f"  {platform.name.en} · {platform.name.zh}"))
    yield title
    area = platform.area
    where = f"{platform.city.en} ({platform.city.zh}) · {area.km2:g} km²"
    yield _text(where + (f": {area.note}" if area.note else "") + f" [{_cited(area.sources)}]")
    yield _table(
        "Governing plans",
        ("Plan", "Issuer", "Date", "Sources"),
        [
            (
                p.title + (f"\n{p.title_zh}" if p.title_zh else ""),
                p.issuer,
                p.date.isoformat(),
                _cited(p.sources),
            )
            for p in platform.plans
        ],
    )
    yield _heading("Positioning")
    for fact in platform.positioning:
        yield _text(f"• {fact.text} [{_cited(fact.sources)}]")
    yield _rated("Partner economies (gateway level 0-1)", platform.partner_economies)
    yield _rated("Home-region affinity (0-1)", platform.home_affinity)
    sectors = kb.sectors.sectors
    yield _table(
        "Priority industries",
        ("Sector", "Weight", "Sources"),
        [
            (
                f"{sectors[i.sector].name.en} ({i.sector})" if i.sector in sectors else i.sector,
                f"{i.weight:g}",
                _cited(i.sources),
            )
            for i in platform.priority_industries
        ],
    )
    yield _table(
        "Functions (fit 0-5; 0 = cannot host)",
        ("Function", "Fit", "Why", "Sources"),
        [
            (FUNCTION_LABELS[f], str(fit.fit), fit.reason, _cited(fit.sources))
            for f, fit in platform.functions.items()
        ],
    )
    yield _rated("R&D needs served (0-1)", platform.rd_needs)
    levels = standing_of(platform, as_of, kb.rules.strength_cap).levels
    yield _table(
        f"Strengths (baseline 0-5, and now, with the incentives in force on {as_of.isoformat()},"
        f" up to {kb.rules.strength_cap})",
        ("Priority", "Base", "Now", "Why", "Sources"),
        [
            (p.value, str(s.level), str(levels[p]), s.reason, _cited(s.sources))
            for p in Priority
            if (s := platform.strengths.get(p)) is not None
        ],
    )
    yield _table(
        "Incentives",
        ("Incentive", "Validity", "Adds", "Sources"),
        [
            (
                f"{i.title} [{i.kind.value}]\n{i.summary}",
                validity(i, as_of),
                ", ".join(f"{k.value} +{v}" for k, v in i.boosts.items()) or "–",
                _cited(i.sources),
            )
            for i in platform.incentives
        ],
    )
    yield _table("Sources", ("Id", "Source"), list(_source_rows(kb, cited_sources(platform))))


def _source_rows(kb: KnowledgeBase, ids: Sequence[str]) -> Iterator[tuple[str, ...]]:
    for source_id in ids:
        source = kb.sources.get(source_id)
        if source is None:
            continue
        line = f"{source.title} — {source.publisher}"
        line += f", {source.date}" if source.date else ""
        line += {"official": "  (official)", "mirror": "  (mirror of an official text)"}.get(
            source.kind, ""
        )
        line += f"\n{source.url}" if source.url else ""
        yield source_id, line


def _rated(title: str, entries: Mapping[Any, Rated]) -> RenderableType:
    return _table(
        title,
        ("For", "Level", "Why", "Sources"),
        [
            (key.value, f"{rated.level:.1f}", rated.reason, _cited(rated.sources))
            for key, rated in entries.items()
        ],
    )


_WIDE = frozenset({"Why", "Source", "Incentive", "Plan", "Issuer"})
"""Columns of prose, which share the width; the others keep their content on one line."""


def _table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> RenderableType:
    table = Table(expand=True, show_edge=False)
    for header in headers:
        wide = header in _WIDE
        table.add_column(header, ratio=1 if wide else None, no_wrap=not wide, overflow="fold")
    for row in rows:
        table.add_row(*(_text(value) for value in row))
    return Group(_heading(title), table)


def _heading(text: str) -> Text:
    return Text(f"\n{text}", style="bold underline")


def cited_sources(platform: Platform) -> list[str]:
    """Every source id cited anywhere in the platform's entry, in natural order (S2 < S10)."""
    found: set[str] = set()
    _collect(platform.model_dump(mode="json"), found)
    return sorted(found, key=_natural)


def _collect(data: Any, found: set[str]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                found.update(str(item) for item in value)
            else:
                _collect(value, found)
    elif isinstance(data, list):
        for value in data:
            _collect(value, found)


def _natural(source_id: str) -> tuple[Any, ...]:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", source_id))


def platform_detail_json(kb: KnowledgeBase, platform: Platform, as_of: dt.date) -> str:
    standing = standing_of(platform, as_of, kb.rules.strength_cap)
    data = {
        "as_of": as_of.isoformat(),
        "platform": platform.model_dump(mode="json"),
        "strengths_now": {p.value: level for p, level in standing.levels.items()},
        "incentive_validity": {i.id: validity(i, as_of) for i in platform.incentives},
        "sources": {
            source_id: kb.sources[source_id].model_dump(mode="json", exclude={"id"})
            for source_id in cited_sources(platform)
            if source_id in kb.sources
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


MIN_SCORE = 65.0
"""Weaker fuzzy scores are noise: short words score about 60 against almost any sector."""


def sector_search(
    index: SectorIndex, query: str, limit: int, min_score: float = MIN_SCORE
) -> list[Candidate]:
    """An exact id, name or alias hit first (score 100), then the closest fuzzy matches.

    `SectorIndex.candidates` alone would miss short aliases (`AI`, `TCM`), which it matches
    only exactly; the search shared by `sectors` and the explorer adds that exact hit.
    """
    key = normalise(query)
    exact = index.keys.get(key)
    hits = [] if exact is None else [Candidate(exact[0], key, 100.0)]
    hits += [
        hit
        for hit in index.candidates(query, limit=limit + 1, cutoff=min_score)
        if exact is None or hit.sector_id != exact[0]
    ]
    return hits[:limit]


def to_sector_hits(index: SectorIndex, query: str, hits: Sequence[Candidate]) -> RenderableType:
    table = Table(title=Text(printable(f"Sectors closest to {query!r}")), title_justify="left")
    for header in ("Score", "Id", "English", "Chinese", "Matched", "Parent"):
        table.add_column(
            header,
            justify="right" if header == "Score" else "left",
            no_wrap=header in {"Score", "Id"},
            overflow="fold",
        )
    for hit in sector_hits_data(index, hits):
        table.add_row(
            f"{hit['score']:.0f}",
            _text(hit["id"], "bold"),
            _text(hit["name"]),
            _text(hit["name_zh"]),
            _text(f"{hit['matched_as']}: {hit['matched']}"),
            _text(hit["parent"] or "–"),
        )
    return table


def sector_hits_data(index: SectorIndex, hits: Sequence[Candidate]) -> list[dict[str, Any]]:
    """Each hit with the text it matched (normalised) and whether that was an id, name or alias."""
    return [
        {"score": hit.score, **_sector_data(index, hit.sector_id)}
        | {"matched": hit.matched, "matched_as": index.keys[hit.matched][1].value}
        for hit in hits
    ]


def to_sector_list(index: SectorIndex) -> RenderableType:
    table = Table(title=f"Sectors ({len(index.sectors)})", title_justify="left")
    for header in ("Id", "English", "Chinese", "Aliases", "Parent"):
        table.add_column(header, overflow="fold")
    for sector in sector_list_data(index):
        table.add_row(
            _text(sector["id"], "bold"),
            _text(sector["name"]),
            _text(sector["name_zh"]),
            _text(", ".join(sector["aliases"])),
            _text(sector["parent"] or "–"),
        )
    return table


def sector_list_data(index: SectorIndex) -> list[dict[str, Any]]:
    return [_sector_data(index, sector_id) for sector_id in sorted(index.sectors)]


def _sector_data(index: SectorIndex, sector_id: str) -> dict[str, Any]:
    sector = index.sectors[sector_id]
    return {
        "id": sector.id,
        "name": sector.name.en,
        "name_zh": sector.name.zh,
        "aliases": list(sector.aliases),
        "parent": sector.parent,
    }
