"""Views of the platforms for people: the list, and one platform in full.

Every fact of `platforms show` is printed with the ids of its sources, and the sources it cites
are listed at the end with title, publisher, date and address, so a reader can check any line.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from gba_advisor.core.analysis.platform_sheet import PlatformSheet, platform_sheet, platform_sheets
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Platform, Rated, Source
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
    for sheet in platform_sheets(knowledge_base, as_of):
        platform = sheet.platform
        suited = [
            FUNCTION_LABELS[f] for f, fit in platform.functions.items() if fit.fit >= GOOD_FIT
        ]
        table.add_row(
            _text(platform.id, "bold"),
            _text(f"{platform.short_name.en} · {platform.name.zh}"),
            _text(platform.city.en),
            f"{platform.area.km2:g} km²",
            _text(", ".join(suited) or "–"),
            f"{len(sheet.standing.in_force)} of {len(platform.incentives)}",
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
    return Group(*_detail(knowledge_base, platform_sheet(knowledge_base, platform, as_of)))


def _detail(kb: KnowledgeBase, sheet: PlatformSheet) -> Iterator[RenderableType]:
    platform, as_of = sheet.platform, sheet.as_of
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
    levels = sheet.standing.levels
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
                sheet.validity[i.id],
                ", ".join(f"{k.value} +{v}" for k, v in i.boosts.items()) or "–",
                _cited(i.sources),
            )
            for i in platform.incentives
        ],
    )
    yield _table("Sources", ("Id", "Source"), list(_source_rows(sheet.sources)))


def _source_rows(sources: Sequence[Source]) -> Iterator[tuple[str, ...]]:
    for source in sources:
        line = f"{source.title} — {source.publisher}"
        line += f", {source.date}" if source.date else ""
        line += {"official": "  (official)", "mirror": "  (mirror of an official text)"}.get(
            source.kind, ""
        )
        line += f"\n{source.url}" if source.url else ""
        yield source.id, line


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


def platform_detail_json(kb: KnowledgeBase, platform: Platform, as_of: dt.date) -> str:
    sheet = platform_sheet(kb, platform, as_of)
    data = {
        "as_of": as_of.isoformat(),
        "platform": platform.model_dump(mode="json"),
        "strengths_now": {p.value: level for p, level in sheet.standing.levels.items()},
        "incentive_validity": dict(sheet.validity),
        "sources": {s.id: s.model_dump(mode="json", exclude={"id"}) for s in sheet.sources},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
