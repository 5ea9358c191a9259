"""Views of the sector taxonomy for people: every sector, or the hits of a search."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from gba_advisor.core.kb.sectors import Candidate, SectorIndex
from gba_advisor.render.text import printable


def _text(value: str, style: str = "") -> Text:
    return Text(printable(value), style=style)


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
